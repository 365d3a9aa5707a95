"""A clean report's workbook drawn from its stored JSON is the workbook that used to be stored."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime, timedelta, timezone

import pytest

from models.campaign import load_campaign, shipped_campaign_path
from tasks.ingest.feedback import (
    FeedbackSubject,
    feedback_json,
    feedback_prefix,
    feedback_workbook,
    write_feedback,
)
from tasks.ingest.feedback_document import stored_feedback_workbook, workbook_from_document
from tasks.storage import ObjectStore
from tasks.validation.findings import Finding
from tasks.validation.report import ValidationResult
from tests.tasks.ingest.test_feedback import _subject as feedback_subject

HANOI = timezone(timedelta(hours=7))
CAMPAIGN = load_campaign(shipped_campaign_path("cds-2022-2025"))[0]


def _subject(name: str, *, status: str = "valid", late: bool = False) -> FeedbackSubject:
    return feedback_subject(name, status=status, late=late)


def _stored(subject: FeedbackSubject, result: ValidationResult) -> dict[str, object]:
    """Return the JSON as write_feedback stores it and a reader loads it back."""
    text = json.dumps(feedback_json(subject, result, CAMPAIGN), ensure_ascii=False, default=str)
    return json.loads(text)  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    "name", ["bao-cao.xlsx", 'Báo cáo <cuối> & "đủ".xlsx', " khoảng trắng .xlsx", "x\ty.xlsx"]
)
@pytest.mark.parametrize("late", [False, True])
def test_a_clean_reports_workbook_is_drawn_from_its_json(name: str, late: bool) -> None:
    subject = _subject(name, late=late)
    result = ValidationResult(unit="SO-YT", year=2025, template="BCTD-1")
    drawn = workbook_from_document(subject, _stored(subject, result), CAMPAIGN)
    assert drawn == feedback_workbook(subject, result, CAMPAIGN)


def test_the_json_wins_over_a_changed_row() -> None:
    subject = _subject("bao-cao.xlsx")
    result = ValidationResult(unit="SO-YT", year=2025, template="BCTD-1")
    document = _stored(subject, result)
    today = _subject("đổi-tên.xlsx", status="invalid", late=True)
    assert workbook_from_document(today, document, CAMPAIGN) == feedback_workbook(
        subject, result, CAMPAIGN
    )


def test_a_report_with_findings_is_not_drawn() -> None:
    subject = _subject("bao-cao.xlsx")
    warning = Finding(severity="warning", code="LATE", message="Nộp muộn.")
    result = ValidationResult(unit="SO-YT", year=2025, findings=[warning])
    assert workbook_from_document(subject, _stored(subject, result), CAMPAIGN) is None


def test_the_download_is_the_stored_workbook_or_the_drawn_one(
    store: ObjectStore, bucket: str
) -> None:
    clean, faulty = _subject("sach.xlsx"), _subject("loi.xlsx", status="invalid")
    assert stored_feedback_workbook(store, bucket, clean, CAMPAIGN) is None  # not answered yet
    result = ValidationResult(unit="SO-YT", year=2025, template="BCTD-1")
    error = Finding(severity="error", code="X", message="Sai.", sheet="ChiTieu", row=3)
    wrong = ValidationResult(unit="SO-YT", year=2025, findings=[error])
    keys = [
        write_feedback(store, bucket=bucket, subject=clean, result=result, campaign=CAMPAIGN),
        write_feedback(store, bucket=bucket, subject=faulty, result=wrong, campaign=CAMPAIGN),
    ]
    assert keys == [f"{feedback_prefix(clean)}.json", f"{feedback_prefix(faulty)}.xlsx"]
    assert [o.key for o in store.list(bucket, "phan-hoi/")] == sorted(
        [f"{feedback_prefix(clean)}.json", f"{feedback_prefix(faulty)}.json", keys[1]]
    )
    drawn = stored_feedback_workbook(store, bucket, clean, CAMPAIGN)
    assert drawn == feedback_workbook(clean, result, CAMPAIGN)
    stored = stored_feedback_workbook(store, bucket, faulty, CAMPAIGN)
    assert stored == store.get_bytes(bucket, keys[1]) == feedback_workbook(faulty, wrong, CAMPAIGN)


def test_a_receipt_in_another_offset_is_found_from_its_row(store: ObjectStore, bucket: str) -> None:
    # A migration's receipt in +07:00; the submission's row gives the same instant in UTC.
    local = dataclasses.replace(
        _subject("bao-cao.xlsx"), uploaded_at=datetime(2025, 12, 14, 9, 30, tzinfo=HANOI)
    )
    row = dataclasses.replace(local, uploaded_at=local.uploaded_at.astimezone(UTC))
    assert feedback_prefix(local) == feedback_prefix(row)
    assert "/20251214-023000-" in feedback_prefix(row)
    result = ValidationResult(unit="SO-YT", year=2025, template="BCTD-1")
    write_feedback(store, bucket=bucket, subject=local, result=result, campaign=CAMPAIGN)
    drawn = stored_feedback_workbook(store, bucket, row, CAMPAIGN)
    assert drawn == feedback_workbook(local, result, CAMPAIGN)  # the receipt's own time shown
