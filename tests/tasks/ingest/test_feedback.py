"""The feedback workbook: user text never becomes a formula; same input, same bytes; a headline."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import UTC, datetime

import openpyxl
import pytest

from models.campaign import Campaign, load_campaign, shipped_campaign_path
from tasks.ingest.feedback import FeedbackSubject, feedback_workbook, headline
from tasks.validation.findings import finding
from tasks.validation.nomination_sheet import NominationReading
from tasks.validation.report import ValidationResult

HOSTILE = ["=1+CMD|' -C CALC'!A0", "+SUM(1,2)", "-2+3", "@SUM(A1)", '=HYPERLINK("x")']


@pytest.fixture(scope="module")
def campaign() -> Campaign:
    return load_campaign(shipped_campaign_path("cds-2022-2025"))[0]


def _subject(file_name: str, status: str = "invalid", late: bool = False) -> FeedbackSubject:
    return FeedbackSubject(
        campaign_code="cds-2022-2025",
        year=2023,
        unit_folder="SO-YT",
        file_name=file_name,
        object_key=f"cds-2022-2025/2023/SO-YT/{file_name}",
        version_id="v1",
        version_key="v1",
        sha256="0" * 64,
        uploaded_at=datetime(2023, 12, 1, 3, 0, tzinfo=UTC),
        is_late=late,
        status=status,
    )


def _result(text: str) -> ValidationResult:
    result = ValidationResult(unit="SO-YT", year=2023)
    result.findings.append(
        finding("EXTRA_SHEET", f"Trang tính '{text}' không thuộc mẫu.", sheet=text, column=text)
    )
    result.findings.append(finding("CONTROL_CHARACTERS", "tên\x07 có ký tự\x00 lạ", row=3))
    return result


@pytest.mark.parametrize("text", HOSTILE)
def test_user_text_is_written_as_text_never_as_a_formula(campaign: Campaign, text: str) -> None:
    data = feedback_workbook(_subject(f"{text}.xlsx"), _result(text), campaign)
    sheet_xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml
    assert "<f " not in sheet_xml
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    cells = [c for row in workbook["PhanHoi"].iter_rows() for c in row if c.value is not None]
    assert all(c.data_type != "f" for c in cells)
    values = {c.value for c in cells}
    assert f"{text}.xlsx" in values
    assert text in values
    assert any("\ufffd" in str(v) for v in values)  # the control characters, made visible


def test_the_same_feedback_gives_the_same_bytes(campaign: Campaign) -> None:
    first = feedback_workbook(_subject("a.xlsx"), _result("x"), campaign)
    second = feedback_workbook(_subject("a.xlsx"), _result("x"), campaign)
    assert first == second


def test_the_headline_says_whether_the_report_counts_and_what_the_dossiers_lack(
    campaign: Campaign,
) -> None:
    result = ValidationResult(unit="SO-YT", year=2023)
    result.nominations = [
        NominationReading(row=2, loai="ca_nhan", ten="Nguyễn Thị Hoa"),
        NominationReading(row=3, loai="tap_the", ten="Phòng CNTT"),
    ]
    result.nominations[0].dossier_complete = False
    result.nominations[0].missing_files = ["Biên bản họp xét"]
    result.nominations[1].dossier_complete = True
    line = headline(_subject("a.xlsx", status="valid"), result, campaign)
    assert line.startswith("Báo cáo hợp lệ, nộp đúng hạn: được tính")
    assert "2 đề nghị khen thưởng, 1 chưa đủ hồ sơ" in line
    assert "dòng 2 (Nguyễn Thị Hoa): thiếu Biên bản họp xét" in line
    faulty = _result("x")
    faulty.findings.append(finding("MISSING_SHEET", "Thiếu trang tính 'ChiTieu'.", sheet="ChiTieu"))
    invalid = headline(_subject("a.xlsx", status="invalid"), faulty, campaign)
    assert invalid.startswith("Báo cáo CHƯA được tính: 1 lỗi")
    late = headline(_subject("a.xlsx", status="valid", late=True), result, campaign)
    assert "nộp muộn" in late
    assert re.search(r"hạn \d{2}/\d{2}/\d{4}", invalid)
