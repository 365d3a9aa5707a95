"""collect-reports gives byte-identical results to the code before its speed-up (issue 19).

tests/fixtures/ingest_golden/expected.json was written by the code before the change (commit
874f031) from the corpus stored in tests/fixtures/ingest_golden/files/ (golden_corpus.py):
every row collect records (submissions, findings, values, nominations, inbox versions) and the
SHA-256 of every feedback file. Only what the storage server assigns is replaced by labels: each
version id by the corpus step that made it. Every upload carries a signed receipt, so upload times
are the corpus's own. `THIDUA_GOLDEN_WRITE=1` rewrites the expected file (only from trusted code).
Since 2026-12-07 a feedback key's time stamp is in UTC (the corpus's receipts are in +07:00, which
the submission's row could not find again): the keys were renamed, every hash stayed the same.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr
from sqlmodel import select

from flows.collect_reports import collect_reports
from models.campaign import shipped_campaign_path
from models.database import session_scope
from models.settings import Settings, get_settings
from models.tables import Finding, InboxVersion, IndicatorValue, Nomination, Nominee, Submission
from tasks.campaigns import current_campaign, load_campaign_file
from tasks.ingest.feedback import subject_of
from tasks.ingest.feedback_document import workbook_from_document
from tasks.ingest.receipts import receipt_metadata
from tasks.registry.upsert import import_registry
from tasks.storage import ObjectStore
from tests.flows.e2e import REGISTRY
from tests.flows.golden_corpus import CAMPAIGN, FILES, FOLDER, STEPS
from tests.flows.private_env import private_settings

EXPECTED = FOLDER / "expected.json"
RECEIPT_KEY = "golden-receipt-key"


@pytest.fixture
def golden_env(
    database_url: str, s3_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Settings]:
    settings = private_settings(
        monkeypatch,
        database_url,
        s3_settings,
        THIDUA_RECEIPT_KEY=RECEIPT_KEY,
    )
    with session_scope(database_url) as session:
        import_registry(session, path=REGISTRY)
        load_campaign_file(session, path=shipped_campaign_path(CAMPAIGN))
    yield settings
    get_settings.cache_clear()


def fill_inbox(store: ObjectStore, settings: Settings) -> dict[str, str]:
    """Play the corpus's steps on the inbox; map each version id the server gave to a label."""
    labels: dict[str, str] = {}
    for number, step in enumerate(STEPS):
        key = f"{CAMPAIGN}/{step.key}"
        if step.file is None:
            store.remove(settings.inbox_bucket, key)
            continue
        data = (FILES / step.file).read_bytes()
        metadata = None
        if step.received_at is not None:
            metadata = receipt_metadata(
                SecretStr(RECEIPT_KEY),
                object_key=key,
                received_at=step.received_at,
                sha256=hashlib.sha256(data).hexdigest(),
            )
        stored = store.put_bytes(settings.inbox_bucket, key, data, metadata=metadata)
        assert stored.version_id
        labels[stored.version_id] = f"V{number:02d}"
    for info in store.list_versions(settings.inbox_bucket, f"{CAMPAIGN}/"):
        if info.is_delete_marker and info.version_id:
            labels[info.version_id] = f"DELETED:{info.key}"
    return labels


def _canon(text: str, labels: dict[str, str]) -> str:
    for version, label in labels.items():
        text = text.replace(version, label)
        short = "".join(c for c in version if c.isalnum())[:12]
        text = text.replace(f"-{short}.", f"-{label}.")
    return text


def _row(model: Any, skip: set[str], labels: dict[str, str]) -> dict[str, Any]:
    values = model.model_dump(exclude=skip | {"bucket"})  # the test's own bucket names
    return {
        name: _canon(value, labels) if isinstance(value, str) else _plain(value)
        for name, value in sorted(values.items())
    }


def _plain(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def golden_snapshot(settings: Settings, labels: dict[str, str]) -> dict[str, Any]:
    """Return every row and feedback file collect left, with server-given ids as labels."""
    store = ObjectStore(settings)
    with session_scope() as session:
        submissions = session.exec(select(Submission)).all()
        by_id = {
            row.id: f"{row.object_key}@{_canon(row.version_key, labels)}" for row in submissions
        }
        rows = {
            "submissions": [_row(r, {"id", "first_seen_at"}, labels) for r in submissions],
            "findings": [
                {**_row(f, {"id", "submission_id"}, labels), "of": by_id[f.submission_id]}
                for f in session.exec(select(Finding)).all()
            ],
            "values": [
                {**_row(v, {"id", "submission_id"}, labels), "of": by_id[v.submission_id]}
                for v in session.exec(select(IndicatorValue)).all()
            ],
            "nominations": [
                {
                    **_row(
                        n, {"id", "submission_id", "nominee_id", "created_at", "updated_at"}, labels
                    ),
                    "nominee": _row(p, {"id", "created_at", "updated_at"}, labels),
                    "of": by_id[n.submission_id],
                }
                for n, p in session.exec(select(Nomination, Nominee).join(Nominee)).all()
            ],
            "inbox_versions": [
                {
                    **_row(
                        v,
                        {"id", "stored_at", "first_seen_at", "updated_at", "vanished_at"},
                        labels,
                    ),
                    "vanished": v.vanished_at is not None,
                }
                for v in session.exec(select(InboxVersion)).all()
            ],
        }
    snapshot: dict[str, Any] = {
        name: sorted(items, key=lambda item: json.dumps(item, sort_keys=True, default=str))
        for name, items in rows.items()
    }
    outputs = {}
    for item in store.list(settings.output_bucket):
        data = store.get_bytes(settings.output_bucket, item.key)
        if item.key.endswith(".json"):
            data = _canon(data.decode(), labels).encode()
        outputs[_canon(item.key, labels)] = hashlib.sha256(data).hexdigest()
    # A report without findings has no stored workbook: the one the unit downloads is drawn
    # from its JSON, and must be the bytes the code before the change stored.
    for key, data in drawn_workbooks(settings, store).items():
        outputs[_canon(key, labels)] = hashlib.sha256(data).hexdigest()
    snapshot["outputs"] = dict(sorted(outputs.items()))
    snapshot["archive"] = sorted(item.key for item in store.list(settings.archive_bucket))
    return snapshot


def drawn_workbooks(settings: Settings, store: ObjectStore) -> dict[str, bytes]:
    """Return the feedback workbooks not stored, drawn from their JSON, by their keys."""
    bucket = settings.output_bucket
    stored = {item.key for item in store.list(bucket)}
    drawn = {}
    with session_scope() as session:
        campaign = current_campaign(session, code=CAMPAIGN)[0]
        rows = {(r.object_key, r.version_id): r for r in session.exec(select(Submission)).all()}
    for key in sorted(stored):
        if not key.endswith(".json") or f"{key[: -len('.json')]}.xlsx" in stored:
            continue
        document = json.loads(store.get_bytes(bucket, key))
        subject = subject_of(rows[(document["object_key"], document["version_id"])])
        data = workbook_from_document(subject, document, campaign)
        assert data is not None, key
        drawn[f"{key[: -len('.json')]}.xlsx"] = data
    return drawn


def test_collect_gives_the_results_of_the_code_before_the_speed_up(golden_env: Settings) -> None:
    labels = fill_inbox(ObjectStore(golden_env), golden_env)
    for year in (2024, 2025):
        collect_reports(campaign=CAMPAIGN, year=year, batch_size=4)
    first = golden_snapshot(golden_env, labels)
    for year in (2024, 2025):  # a rerun with nothing new changes nothing
        assert collect_reports(campaign=CAMPAIGN, year=year)["processed"] == 0
    assert golden_snapshot(golden_env, labels) == first
    if os.environ.get("THIDUA_GOLDEN_WRITE") == "1":
        EXPECTED.write_text(
            json.dumps(first, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
            encoding="utf-8",
        )
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    assert json.loads(json.dumps(first, default=str)) == expected
    assert len(expected["submissions"]) >= 20
    assert any(name.endswith(".xlsx") for name in expected["outputs"])
    # Workbooks are stored exactly for the reports with findings; the others are drawn.
    store = ObjectStore(golden_env)
    answers = {
        item.key[: -len(".json")]: json.loads(store.get_bytes(golden_env.output_bucket, item.key))
        for item in store.list(golden_env.output_bucket)
        if item.key.endswith(".json")
    }
    stored = {
        item.key[: -len(".xlsx")]
        for item in store.list(golden_env.output_bucket)
        if item.key.endswith(".xlsx")
    }
    assert stored == {prefix for prefix, answer in answers.items() if answer["findings"]}
    assert 0 < len(stored) < len(answers)


def test_the_corpus_files_are_the_stored_ones() -> None:
    assert sorted(p.name for p in FILES.iterdir()) == sorted(
        {step.file for step in STEPS if step.file}
    )
    assert Path(FILES / "attachment.pdf").read_bytes().startswith(b"%PDF")
