"""The yearly report template: the right indicators per unit and year, as the validator reads."""

from __future__ import annotations

import io
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from models.campaign import Campaign, load_campaign, shipped_campaign_path
from tasks.templates.report_workbook import (
    TemplateUnit,
    build_report_template,
    build_sample_report,
    save_workbook,
)
from tasks.validation.report import UnitContext, validate_workbook

SHIPPED = Path(__file__).resolve().parents[3] / "doc_templates" / "bao-cao-nam"
UNITS = [
    TemplateUnit("SO-YT", "Sở Y tế", "so_nganh", "tinh"),
    TemplateUnit("H-BABE", "UBND huyện Ba Bể", "huyen", "huyen"),
    TemplateUnit("X-NAMMAU", "UBND xã Nam Mẫu", "xa", "xa"),
    TemplateUnit("DN-VNPT", "VNPT Bắc Kạn", "doanh_nghiep_cntt", "tinh"),
]
DOSSIER = [
    "to-trinh.pdf",
    "bien-ban-hop-xet.pdf",
    "bao-cao-thanh-tich-phong-cntt.docx",
    "bao-cao-thanh-tich-nguyen-thi-hoa.docx",
]


@pytest.fixture(scope="module")
def campaign() -> Campaign:
    return load_campaign(shipped_campaign_path("cds-2022-2025"))[0]


def _sheets(data: bytes) -> dict[str, list[list[object]]]:
    workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    return {name: workbook.get_sheet_by_name(name).to_python() for name in workbook.sheet_names}


@pytest.mark.parametrize("unit", UNITS, ids=lambda u: u.code)
@pytest.mark.parametrize("year", [2022, 2023, 2024])
def test_blank_template_layout(campaign: Campaign, unit: TemplateUnit, year: int) -> None:
    sheets = _sheets(save_workbook(build_report_template(campaign=campaign, unit=unit, year=year)))
    expected_sheets = ["HuongDan", "ThongTin", "ChiTieu"] + (["DeNghi"] if year == 2023 else [])
    assert list(sheets) == expected_sheets
    info = {row[0]: row[1] for row in sheets["ThongTin"][1:]}
    assert info["phien_ban_mau"] == "BCTD-1"
    assert info["ma_don_vi"] == unit.code
    assert info["nam"] == year
    codes = [row[0] for row in sheets["ChiTieu"][1:]]
    applicable = campaign.applicable_indicators(kind=unit.kind, level=unit.level, year=year)
    assert codes == [indicator.code for indicator in applicable]
    assert ("KH_PHAT_DONG" in codes) == (year == 2022)
    assert ("BC_KTXH" in codes) == (unit.kind == "huyen")
    assert sheets["ChiTieu"][0] == ["ma_chi_tieu", "noi_dung", "tong_so", "dat", "ghi_chu"]
    text = " ".join(str(cell) for rows in sheets.values() for row in rows for cell in row)
    assert unicodedata.is_normalized("NFC", text)
    assert f"{unit.code}/" in " ".join(str(row[0]) for row in sheets["HuongDan"])


@pytest.mark.parametrize("unit", UNITS, ids=lambda u: u.code)
@pytest.mark.parametrize("year", [2022, 2023, 2024, 2025])
def test_sample_passes_the_validator(campaign: Campaign, unit: TemplateUnit, year: int) -> None:
    data = save_workbook(build_sample_report(campaign=campaign, unit=unit, year=year, seed=7))
    assert data == save_workbook(
        build_sample_report(campaign=campaign, unit=unit, year=year, seed=7)
    )
    context = UnitContext(unit.code, unit.name, unit.kind, unit.level, date(2022, 1, 1))
    result = validate_workbook(
        data,
        file_name="mau.xlsx",
        unit_code=unit.code,
        year=year,
        campaign=campaign,
        unit=context,
        attachments=DOSSIER,
    )
    assert result.ok, result.findings
    assert result.findings == []
    for reading in result.values.values():
        if reading.total is not None and reading.achieved is not None:
            assert reading.achieved <= reading.total
    assert len(result.nominations) == (2 if year in (2023, 2025) else 0)
    assert result.info["ngay_bao_cao"] < campaign.deadline_for(year).date()


def test_blank_template_is_refused_until_filled(campaign: Campaign) -> None:
    data = save_workbook(build_report_template(campaign=campaign, unit=UNITS[0], year=2024))
    context = UnitContext("SO-YT", "Sở Y tế", "so_nganh", "tinh", date(2022, 1, 1))
    result = validate_workbook(
        data, file_name="mau.xlsx", unit_code="SO-YT", year=2024, campaign=campaign, unit=context
    )
    assert {f.code for f in result.findings} == {"MISSING_FIELD", "MISSING_VALUE"}


def test_shipped_templates_are_current(campaign: Campaign) -> None:
    unit = UNITS[0]
    blank = save_workbook(build_report_template(campaign=campaign, unit=unit, year=2025))
    sample = save_workbook(build_sample_report(campaign=campaign, unit=unit, year=2025))
    assert (SHIPPED / "BCTD-1-mau-trong-SO-YT-2025.xlsx").read_bytes() == blank
    assert (SHIPPED / "BCTD-1-mau-da-dien-SO-YT-2025.xlsx").read_bytes() == sample


def test_the_workbook_prints_on_a4_one_page_wide_and_locks_its_codes(campaign: Campaign) -> None:
    from openpyxl import load_workbook

    data = save_workbook(build_report_template(campaign=campaign, unit=UNITS[0], year=2025))
    book = load_workbook(io.BytesIO(data))
    for sheet in book.worksheets:
        assert int(sheet.page_setup.paperSize) == 9, sheet.title  # A4
        assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.protection.sheet, sheet.title
    assert book["ChiTieu"].page_setup.orientation == "landscape"
    info = book["ThongTin"]
    rows = {row[0].value: row for row in info.iter_rows(min_row=2)}
    assert rows["ma_don_vi"][0].protection.locked  # the code
    assert rows["ma_don_vi"][1].protection.locked  # prefilled by the system
    assert not rows["nguoi_lap"][1].protection.locked  # the unit types here
    indicators = book["ChiTieu"]
    assert indicators["A2"].protection.locked
    assert not indicators["D2"].protection.locked
    free = next(row[0] for row in indicators.iter_rows(min_row=2) if row[0].value is None)
    assert not free.protection.locked  # free rows for the unit's own KHAC_ results
    assert book["ChiTieu"].print_title_rows == "$1:$1"  # the header on every page
    assert book["ThongTin"]["B1"].comment.text == "Giá trị: điền vào đây"  # codes explained


def test_the_instructions_name_the_campaign_and_its_rules(campaign: Campaign) -> None:
    """Same unit code, same template version, two campaigns: each workbook names its own."""
    second = load_campaign(
        Path(__file__).resolve().parents[2] / "fixtures" / "campaign-cao-bang-vbdt.yaml"
    )[0]
    texts = {}
    for definition, unit in (
        (campaign, UNITS[0]),
        (second, TemplateUnit("SO-YT", "Sở Y tế tỉnh Cao Bằng", "so_nganh", "tinh")),
    ):
        data = save_workbook(build_report_template(campaign=definition, unit=unit, year=2025))
        sheet = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_name("HuongDan")
        texts[definition.code] = "\n".join(str(row[0]) for row in sheet.to_python() if row)
    own, other = texts["cds-2022-2025"], texts["vbdt-cb-2024-2026"]
    assert "Mã phong trào: cds-2022-2025 - năm báo cáo 2025" in own
    assert "do Ủy ban nhân dân tỉnh Bắc Kạn tổ chức; danh mục đơn vị: bac-kan" in own
    assert "Mã phong trào: vbdt-cb-2024-2026 - năm báo cáo 2025 (phong trào 2024-2026)" in other
    assert "danh mục đơn vị: cao-bang" in other
    # The rules in force are the campaign's own: its indicators, targets, weights and penalty.
    assert "DVC_TRUC_TUYEN" in other
    assert "DVC_TRUC_TUYEN" not in own
    assert (
        "CHU_KY_SO: Văn bản đi được ký số (tiêu chí chấm điểm, mục tiêu 95%, trọng số 1)" in other
    )
    assert "HSCV_MANG" in own
    assert "HSCV_MANG" not in other
    assert "Nộp sau 17:00:00 ngày 30/11/2025: trừ 20 điểm." in other
    assert "Nộp sau 23:59:59 ngày 15/12/2025: trừ 10 điểm." in own
    assert "--unit SO-YT --year 2025 --campaign vbdt-cb-2024-2026" in other
    assert "vbdt-cb" not in own
    assert "cds-2022" not in other
