"""A report without findings gets the very bytes openpyxl would draw, by substitution."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

import pytest

from models.campaign import Campaign, load_campaign, shipped_campaign_path
from tasks.ingest.feedback import (
    FeedbackSubject,
    feedback_texts,
    feedback_workbook,
    render_workbook,
)
from tasks.ingest.feedback_clean import clean_workbook
from tasks.validation.findings import Finding, finding
from tasks.validation.nomination_sheet import NominationReading
from tasks.validation.report import ValidationResult

NAMES = (
    "bao-cao.xlsx",
    "Báo cáo năm 2024 <bản cuối> & đủ \"chữ ký\" 'đóng dấu'.xlsx",
    "=1+CMD|' -C CALC'!A0.xlsx",
    "x" * 140,
    "emoji 😀 và ký tự lạ \u200b\ufeff.xlsx",
    " leading space.xlsx",
    "tab\there.xlsx",
    "line\nbreak.xlsx",
    "ctrl\x07char.xlsx",
    "Không",
)
FOLDERS = ("SO-YT", "so-ct ", "X-000123", "Phòng & Ban <A>", "y" * 300)


@pytest.fixture(scope="module")
def campaign() -> Campaign:
    return load_campaign(shipped_campaign_path("cds-2022-2025"))[0]


def _subject(name: str, folder: str, year: int, late: bool, status: str) -> FeedbackSubject:
    return FeedbackSubject(
        campaign_code="cds-2022-2025",
        year=year,
        unit_folder=folder,
        file_name=name,
        object_key=f"cds-2022-2025/{year}/{folder}/{name}",
        version_id="v",
        version_key="v",
        sha256="0" * 64,
        uploaded_at=datetime(year, 12, 1, tzinfo=UTC) + timedelta(days=20 if late else 0),
        is_late=late,
        status=status,
    )


def _nominated(count: int) -> ValidationResult:
    result = ValidationResult(unit="SO-YT", year=2025, readable=True)
    result.nominations = [
        NominationReading(
            row=i + 2, loai="ca_nhan", ten=f"Người {i} & <con>", dossier_complete=i != 1
        )
        for i in range(count)
    ]
    return result


def test_the_substituted_workbook_is_the_drawn_one_byte_for_byte(campaign: Campaign) -> None:
    fast_ones = 0
    cases = itertools.product(NAMES, FOLDERS, (2024, 2025), (False, True), ("valid", "invalid"))
    for name, folder, year, late, status in cases:
        result = _nominated(3 if year == 2025 else 0)
        subject = _subject(name, folder, year, late, status)
        title, head, facts = feedback_texts(subject, result, campaign)
        drawn = render_workbook(title, head, facts, [])
        fast = clean_workbook(title, head, facts)
        if fast is not None:
            fast_ones += 1
            assert fast == drawn, (name, folder, year, late, status)
        assert feedback_workbook(subject, result, campaign) == drawn
    assert fast_ones >= 100  # most texts take the fast way


FINDINGS = (
    finding("LATE_UPLOAD", "Tải lên lúc 09:00 ngày 20/12/2024, sau hạn: nộp muộn."),
    Finding("error", "RATIO_ABOVE_TOTAL", "Số đạt (12) lớn hơn tổng số (10).", "ChiTieu", 7, "dat"),
    Finding("warning", "EXTRA_SHEET", "Trang tính «=HYPERLINK(1)» & <x> " * 9, "=HYPERLINK(1)"),
    Finding("error", "MISSING_VALUE", "Thiếu giá trị.", "ThongTin", 0, None),
    Finding("error", "CONTROL", "dòng một\ndòng hai", "DeNghi", 3, "ten"),
    Finding("warning", "TRAILING", "khoảng trắng ở cuối ", None, 12, "ghi_chu"),
    Finding("error", "X", "😀 " + "chữ " * 60, "ChiTieu", 123456, "tong_so"),
)


def test_workbooks_with_findings_are_the_drawn_ones_byte_for_byte(campaign: Campaign) -> None:
    fast_ones = 0
    for size in range(len(FINDINGS) + 1):
        for start in range(len(FINDINGS)):
            chosen = [FINDINGS[(start + i) % len(FINDINGS)] for i in range(size)]
            for name, late in itertools.product(NAMES[:5], (False, True)):
                result = ValidationResult(unit="SO-YT", year=2024, readable=True)
                result.findings = list(chosen)
                subject = _subject(name, "SO-YT", 2024, late, "invalid")
                title, head, facts = feedback_texts(subject, result, campaign)
                drawn = render_workbook(title, head, facts, chosen)
                fast = clean_workbook(title, head, facts, chosen)
                if fast is not None:
                    fast_ones += 1
                    assert fast == drawn, (name, late, chosen)
                assert feedback_workbook(subject, result, campaign) == drawn
    assert fast_ones >= 60
