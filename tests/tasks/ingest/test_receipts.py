"""Signed receipts: a past receipt time counts only when its signature verifies."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

import pytest
from pydantic import SecretStr
from sqlmodel import select

from models.campaign import Campaign
from models.database import session_scope
from models.settings import Settings
from models.tables import Finding, Submission
from tasks.ingest.collect import FolderState, IngestContext, ingest_version
from tasks.ingest.inbox import list_inbox
from tasks.ingest.receipts import receipt_metadata, received_at
from tasks.storage import ObjectStore
from tests.factories import build_workbook
from tests.tasks.ingest.test_collect import campaign, setup  # noqa: F401

KEY = SecretStr("k" * 32)
STORED = datetime(2026, 12, 1, 8, tzinfo=UTC)
PAST = datetime(2023, 12, 10, 9, 30, tzinfo=UTC)
OBJECT = "cds-2022-2025/2023/SO-YT/bc.xlsx"


def _metadata(**overrides: str) -> dict[str, str]:
    return {
        **receipt_metadata(KEY, object_key=OBJECT, received_at=PAST, sha256="a" * 64),
        **overrides,
    }


@pytest.mark.parametrize(
    ("metadata", "key", "expected", "problem"),
    [
        ({}, KEY, STORED, None),
        (_metadata(), KEY, PAST, None),
        (_metadata(), SecretStr("another key"), STORED, "chữ ký biên nhận không khớp"),
        (_metadata(), None, STORED, "không cấu hình khóa"),
        (_metadata(**{"thidua-receipt": "0" * 64}), KEY, STORED, "không khớp"),
        (
            _metadata(**{"thidua-received-at": "2023-12-01T09:30:00+00:00"}),
            KEY,
            STORED,
            "không khớp",
        ),
        (_metadata(**{"thidua-received-at": "hôm qua"}), KEY, STORED, "không đọc được"),
        (_metadata(**{"thidua-received-at": "2023-12-10T09:30:00"}), KEY, STORED, "thiếu múi giờ"),
        ({"thidua-receipt": "abc"}, KEY, STORED, "không đọc được"),
    ],
)
def test_receipt_rules(
    metadata: dict[str, str],
    key: SecretStr | None,
    expected: datetime,
    problem: str | None,
) -> None:
    when, why = received_at(metadata, key=key, object_key=OBJECT, sha256="a" * 64, stored_at=STORED)
    assert when == expected
    assert (why is None) if problem is None else (problem in (why or ""))


def test_a_receipt_is_bound_to_its_content_and_key() -> None:
    metadata = _metadata()
    assert received_at(metadata, key=KEY, object_key=OBJECT, sha256="b" * 64, stored_at=STORED)[1]
    other = OBJECT.replace("SO-YT", "SO-TC")
    assert received_at(metadata, key=KEY, object_key=other, sha256="a" * 64, stored_at=STORED)[1]
    future = receipt_metadata(
        KEY, object_key=OBJECT, received_at=STORED + timedelta(hours=1), sha256="a" * 64
    )
    assert "sau thời điểm lưu" in (
        received_at(future, key=KEY, object_key=OBJECT, sha256="a" * 64, stored_at=STORED)[1] or ""
    )


@pytest.mark.parametrize(("signed_with", "late"), [("right", False), ("wrong", True)])
def test_ingest_takes_the_receipt_time_only_when_signed(
    setup: tuple[str, Settings],  # noqa: F811
    campaign: Campaign,  # noqa: F811
    signed_with: str,
    late: bool,
) -> None:
    database_url, settings = setup
    store = ObjectStore(settings)
    data = build_workbook()
    key = settings.receipt_key if signed_with == "right" else SecretStr("forged")
    assert key is not None
    metadata = receipt_metadata(
        key, object_key=OBJECT, received_at=PAST, sha256=hashlib.sha256(data).hexdigest()
    )
    store.put_bytes(settings.inbox_bucket, OBJECT, data, metadata=metadata)
    (item,) = list_inbox(store, bucket=settings.inbox_bucket, campaign="cds-2022-2025", year=2023)
    folder = FolderState(workbooks=(item.key,), attachments=(), attachments_sha256=None)
    outcome = ingest_version(
        IngestContext(store, settings, campaign, 2023, database_url), item, folder
    )
    assert outcome.is_late is late
    with session_scope(database_url) as session:
        submission = session.exec(select(Submission)).one()
        codes = {f.code for f in session.exec(select(Finding)).all()}
        stored = submission.uploaded_at  # SQLite gives back naive UTC
        assert (stored.replace(tzinfo=stored.tzinfo or UTC) == PAST) is not late
        assert submission.is_late is late
        assert ("RECEIPT_INVALID" in codes) is late
        assert ("LATE_UPLOAD" in codes) is late
