"""Inbox version states: a poison file is set aside, a crash counts, storage failures do not."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from sqlmodel import select

from models.campaign import Campaign, load_campaign, shipped_campaign_path
from models.database import session_scope, upgrade
from models.settings import Settings
from models.tables import Finding, InboxVersion, Submission
from tasks.ingest import prepare
from tasks.ingest.batch import ingest_items
from tasks.ingest.collect import FolderState, IngestContext, ingest_version
from tasks.ingest.inbox import InboxObject, read_inbox
from tasks.ingest.record import update_counted
from tasks.ingest.versions import Claim, claim_version, pending_versions, sync_versions
from tasks.registry.upsert import import_registry
from tasks.storage import ObjectStore, StorageUnavailableError
from tests.factories import build_workbook, info_rows

REGISTRY = Path(__file__).resolve().parents[3] / "models" / "data" / "units-bac-kan.csv"
CODE = "cds-2022-2025"


@pytest.fixture
def campaign() -> Campaign:
    return load_campaign(shipped_campaign_path(CODE))[0]


@pytest.fixture
def context(database_url: str, s3_settings: Settings, campaign: Campaign) -> IngestContext:
    upgrade(database_url)
    with session_scope(database_url) as session:
        import_registry(session, path=REGISTRY)
    suffix = uuid.uuid4().hex[:8]
    settings = s3_settings.model_copy(
        update={
            "inbox_bucket": f"inbox-{suffix}",
            "archive_bucket": f"archive-{suffix}",
            "output_bucket": f"output-{suffix}",
        }
    )
    store = ObjectStore(settings)
    store.ensure_buckets()
    return IngestContext(store, settings, campaign, 2023, database_url)


def _upload(context: IngestContext, unit: str) -> None:
    data = build_workbook(unit=unit, year=2023, info=info_rows(unit, 2023))
    context.store.put_bytes(context.settings.inbox_bucket, f"{CODE}/2023/{unit}/bc.xlsx", data)


def _synced(context: IngestContext) -> list[InboxObject]:
    listing = read_inbox(
        context.store, bucket=context.settings.inbox_bucket, campaign=CODE, year=2023
    )
    with session_scope(context.database_url) as session:
        sync_versions(
            session, bucket=context.settings.inbox_bucket, campaign=CODE, year=2023, listing=listing
        )
    return listing.objects


def _folder(item: InboxObject) -> FolderState:
    return FolderState(workbooks=(item.key,), attachments=(), attachments_sha256=None)


def _version(context: IngestContext, key: str) -> InboxVersion:
    with session_scope(context.database_url) as session:
        statement = select(InboxVersion).where(
            InboxVersion.object_key == key, InboxVersion.kind == "report"
        )
        return session.exec(statement).one()


@pytest.mark.parametrize("in_batch", [False, True])
def test_a_file_that_fails_every_attempt_is_set_aside_and_others_go_on(
    context: IngestContext, monkeypatch: pytest.MonkeyPatch, in_batch: bool
) -> None:
    _upload(context, "SO-YT")
    _upload(context, "SO-TP")
    real_assess = prepare.assess

    def poisoned(upload: object, **kwargs: object) -> object:
        if upload.unit_folder == "SO-YT":  # type: ignore[attr-defined]
            raise RuntimeError("reader crashed")
        return real_assess(upload, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(prepare, "assess", poisoned)
    items = _synced(context)
    if in_batch:  # claimed and recorded with its batch, then retried alone
        outcomes = ingest_items(context, items, {i.unit_folder: _folder(i) for i in items})
    else:
        outcomes = [ingest_version(context, item, _folder(item)) for item in items]
    assert sorted((o.unit, o.status) for o in outcomes) == [
        ("SO-TP", "valid"),
        ("SO-YT", "set_aside"),
    ]
    poison = _version(context, f"{CODE}/2023/SO-YT/bc.xlsx")
    assert (poison.state, poison.attempts) == ("set_aside", 3)
    assert "reader crashed" in (poison.last_error or "")
    with session_scope(context.database_url) as session:
        finding = session.exec(select(Finding).where(Finding.unit_code == "SO-YT")).one()
        assert finding.code == "INGEST_FAILED"
        assert "3 lần" in finding.message
        pending = pending_versions(
            session, bucket=context.settings.inbox_bucket, campaign=CODE, year=2023
        )
    assert pending == set()  # a rerun does not try it again
    (feedback,) = [o.feedback_key for o in outcomes if o.unit == "SO-YT"]
    assert feedback
    assert context.store.exists(context.settings.output_bucket, feedback)


def test_attempts_cut_short_by_crashes_count_and_set_the_version_aside(
    context: IngestContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    _upload(context, "SO-YT")
    (item,) = _synced(context)
    for _ in range(3):  # three processes killed while holding this version
        claim = claim_version(
            bucket=context.settings.inbox_bucket,
            campaign=CODE,
            year=2023,
            item=item,
            max_attempts=3,
            url=context.database_url,
        )
        assert claim is Claim.GO
    monkeypatch.setattr(prepare, "assess", pytest.fail)  # not read a fourth time
    assert ingest_version(context, item, _folder(item)).status == "set_aside"
    assert _version(context, item.key).state == "set_aside"


def test_a_storage_failure_gives_the_attempt_back(
    context: IngestContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    _upload(context, "SO-YT")
    (item,) = _synced(context)

    def unavailable(*args: object, **kwargs: object) -> object:
        raise StorageUnavailableError("máy chủ lưu trữ không trả lời")

    monkeypatch.setattr(prepare, "archive_upload", unavailable)
    for _ in range(5):
        with pytest.raises(StorageUnavailableError):
            ingest_version(context, item, _folder(item))
        with pytest.raises(StorageUnavailableError):
            ingest_items(context, [item], {item.unit_folder: _folder(item)})
    version = _version(context, item.key)
    assert (version.state, version.attempts) == ("seen", 0)
    monkeypatch.undo()
    assert ingest_version(context, item, _folder(item)).status == "valid"
    assert _version(context, item.key).state == "recorded"


def test_a_deleted_report_is_recorded_and_the_archived_copy_still_counts(
    context: IngestContext,
) -> None:
    _upload(context, "SO-YT")
    (item,) = _synced(context)
    ingest_version(context, item, _folder(item))
    with session_scope(context.database_url) as session:
        update_counted(session, campaign=context.campaign, year=2023)
    context.store.remove(context.settings.inbox_bucket, item.key)  # a delete marker
    _synced(context)
    with session_scope(context.database_url) as session:
        kinds = sorted((row.kind, row.state) for row in session.exec(select(InboxVersion)).all())
        assert kinds == [("deletion", "recorded"), ("report", "recorded")]
        update_counted(session, campaign=context.campaign, year=2023)
        counted = session.exec(select(Submission)).one()
        assert counted.is_counted
        assert counted.archive_key
    assert context.store.exists(context.settings.archive_bucket, counted.archive_key)
    context.store.client.remove_object(
        context.settings.inbox_bucket, item.key, version_id=item.version_id
    )  # an administrator destroys the version itself
    _synced(context)
    assert _version(context, item.key).vanished_at is not None
