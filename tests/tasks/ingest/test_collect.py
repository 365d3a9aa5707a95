"""Ingesting one version: two runs at once never ingest it twice; the counted report rule."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlmodel import select

from models.campaign import Campaign, load_campaign, shipped_campaign_path
from models.database import session_scope, upgrade
from models.settings import Settings
from models.tables import Submission
from tasks.ingest.collect import FolderState, IngestContext, ingest_version
from tasks.ingest.inbox import InboxObject, list_inbox
from tasks.ingest.record import update_counted
from tasks.registry.upsert import import_registry
from tasks.storage import ObjectStore
from tests.factories import build_workbook, submission_row

REGISTRY = Path(__file__).resolve().parents[3] / "models" / "data" / "units-bac-kan.csv"


@pytest.fixture
def campaign() -> Campaign:
    return load_campaign(shipped_campaign_path("cds-2022-2025"))[0]


@pytest.fixture
def setup(database_url: str, s3_settings: Settings) -> tuple[str, Settings]:
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
    ObjectStore(settings).ensure_buckets()
    return database_url, settings


def _one_upload(settings: Settings) -> tuple[ObjectStore, InboxObject, FolderState]:
    """Upload one report of SO-YT for 2023 and return it as the scan sees it."""
    store = ObjectStore(settings)
    store.put_bytes(settings.inbox_bucket, "cds-2022-2025/2023/SO-YT/bc.xlsx", build_workbook())
    (item,) = list_inbox(store, bucket=settings.inbox_bucket, campaign="cds-2022-2025", year=2023)
    return store, item, FolderState(workbooks=(item.key,), attachments=(), attachments_sha256=None)


def test_two_runs_at_once_ingest_a_version_once(
    setup: tuple[str, Settings], campaign: Campaign
) -> None:
    database_url, settings = setup
    store, item, folder = _one_upload(settings)

    def run() -> bool:
        return ingest_version(
            IngestContext(store, settings, campaign, 2023, database_url), item, folder
        ).skipped

    with ThreadPoolExecutor(2) as pool:
        skipped = sorted(pool.map(lambda _: run(), range(2)))
    assert skipped == [False, True]
    with session_scope(database_url) as session:
        rows = session.exec(select(Submission)).all()
    assert len(rows) == 1
    assert rows[0].is_late  # 2023's deadline passed long before this upload


def test_a_version_deleted_before_it_is_read_is_skipped(
    setup: tuple[str, Settings], campaign: Campaign
) -> None:
    database_url, settings = setup
    store, item, folder = _one_upload(settings)
    store.client.remove_object(settings.inbox_bucket, item.key, version_id=item.version_id)
    outcome = ingest_version(
        IngestContext(store, settings, campaign, 2023, database_url), item, folder
    )
    assert (outcome.status, outcome.skipped) == ("vanished", True)
    with session_scope(database_url) as session:
        assert session.exec(select(Submission)).all() == []


@pytest.mark.parametrize(
    ("versions", "counted"),
    [
        ([("valid", False, 1), ("valid", False, 2)], [False, True]),
        ([("valid", False, 1), ("invalid", False, 2)], [True, False]),
        ([("valid", False, 1), ("valid", True, 2)], [True, False]),
        ([("valid", True, 1), ("valid", True, 2)], [False, True]),
        ([("invalid", False, 1), ("unreadable", False, 2)], [False, False]),
        ([("valid", True, 1), ("invalid", False, 2)], [True, False]),
    ],
)
def test_counted_report_is_newest_valid_on_time_else_newest_valid_late(
    database_url: str,
    campaign: Campaign,
    versions: list[tuple[str, bool, int]],
    counted: list[bool],
) -> None:
    upgrade(database_url)
    with session_scope(database_url) as session:
        import_registry(session, path=REGISTRY)
        for n, (status, late, minutes) in enumerate(versions):
            session.add(submission_row("SO-YT", n, status=status, late=late, minutes=minutes))
    with session_scope(database_url) as session:
        update_counted(session, campaign=campaign, year=2023)
    with session_scope(database_url) as session:
        rows = session.exec(select(Submission).order_by(Submission.id)).all()
    assert [row.is_counted for row in rows] == counted
