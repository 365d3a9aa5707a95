"""Validation of yearly reports: every item of "the mess to expect", fixtures built by code."""

from __future__ import annotations

import io
import os
import re
import unicodedata
import zipfile
from datetime import date
from typing import Any

import openpyxl
import pytest

from models.campaign import Campaign, load_campaign, shipped_campaign_path
from tasks.validation.report import UnitContext, ValidationResult, validate_workbook
from tasks.workbook.legacy_text import encode_legacy
from tests.factories import (
    DEPARTMENT_VALUES,
    NOMINATIONS,
    build_workbook,
    encrypted,
    info_rows,
    report_sheets,
    sheets_as_ods,
    sheets_as_xls,
    with_cached_error,
    zip_bomb,
)

SO_YT = UnitContext("SO-YT", "Sở Y tế", "so_nganh", "tinh", date(2022, 1, 1))
H_BABE = UnitContext(
    "H-BABE", "UBND huyện Ba Bể", "huyen", "huyen", date(2022, 1, 1), date(2025, 6, 30)
)


@pytest.fixture(scope="module")
def campaign() -> Campaign:
    return load_campaign(shipped_campaign_path("cds-2022-2025"))[0]


def run(
    campaign: Campaign,
    data: bytes,
    *,
    unit: UnitContext | None = SO_YT,
    year: int = 2023,
    name: str = "bao-cao.xlsx",
    attachments: list[str] | None = None,
) -> ValidationResult:
    return validate_workbook(
        data,
        file_name=name,
        unit_code=unit.code if unit else "SO-XX",
        year=year,
        campaign=campaign,
        unit=unit,
        attachments=attachments,
    )


def codes(result: ValidationResult) -> set[str]:
    return {item.code for item in result.findings}


def only(result: ValidationResult, code: str) -> dict[str, Any]:
    matches = [item for item in result.findings if item.code == code]
    assert len(matches) == 1, result.findings
    return matches[0].to_dict()


def test_good_report_is_ok(campaign: Campaign) -> None:
    result = run(campaign, build_workbook(year=2024), year=2024)
    assert result.ok, result.findings
    assert result.findings == []
    assert result.template == "BCTD-1"
    data = result.to_json()
    assert data["values"]["HSCV_MANG"] == {"tong_so": 1200, "dat": 1150}
    assert data["values"]["SANG_KIEN"] == {"tong_so": None, "dat": 3}
    assert isinstance(data["values"]["HSCV_MANG"]["dat"], int)
    assert result.info["ngay_bao_cao"] == date(2024, 12, 10)
    in_phase_year = run(campaign, build_workbook())
    assert in_phase_year.ok
    assert codes(in_phase_year) == {"NOMINATION_SHEET_MISSING"}


def test_numbers_as_text_in_vietnamese_formats(campaign: Campaign) -> None:
    values = dict(
        DEPARTMENT_VALUES,
        HSCV_MANG=("1.234", " 1.200 "),
        VBDT=("3400", "3.400"),
        NV_DUNG_HAN=("40", "38"),
    )
    result = run(campaign, build_workbook(values=values))
    assert result.ok, result.findings
    assert result.to_json()["values"]["HSCV_MANG"] == {"tong_so": 1234, "dat": 1200}
    assert result.to_json()["values"]["VBDT"] == {"tong_so": 3400, "dat": 3400}


def test_decimal_comma_in_a_count_is_read_then_refused(campaign: Campaign) -> None:
    values = dict(DEPARTMENT_VALUES, HSCV_MANG=("1200", "95,5"))
    result = run(campaign, build_workbook(values=values))
    finding = only(result, "NOT_WHOLE_NUMBER")
    assert (finding["sheet"], finding["row"], finding["column"]) == ("ChiTieu", 4, "dat")
    assert "95.5" in finding["message"]


def test_percentage_typed_into_dat(campaign: Campaign) -> None:
    values = dict(DEPARTMENT_VALUES, HSCV_MANG=(1200, "95%"), VBDT=(3400, 0.5))
    result = run(campaign, build_workbook(values=values))
    assert result.ok, result.findings
    assert result.values["HSCV_MANG"].achieved == 1140
    assert result.values["VBDT"].achieved == 1700
    assert [f.row for f in result.findings if f.code == "PERCENT_IN_COUNT"] == [4, 5]


def test_english_thousands_comma_in_a_count(campaign: Campaign) -> None:
    values = dict(DEPARTMENT_VALUES, HSCV_MANG=("1,200", "1,150"))
    result = run(campaign, build_workbook(values=values, year=2024), year=2024)
    assert result.values["HSCV_MANG"].total == 1200
    assert {f.code for f in result.findings} == {"AMBIGUOUS_NUMBER"}


@pytest.mark.parametrize(
    "typed",
    [
        "15/12/2023",
        "15-12-2023",
        "15.12.2023",
        45275,
        "ngày 15 tháng 12 năm 2023",
        date(2023, 12, 15),
    ],
)
def test_report_date_as_text_serial_or_date(campaign: Campaign, typed: Any) -> None:
    data = build_workbook(info=info_rows("SO-YT", 2023, ngay_bao_cao=typed))
    result = run(campaign, data)
    assert result.ok, result.findings
    assert result.info["ngay_bao_cao"] == date(2023, 12, 15)


def test_unreadable_date_is_located(campaign: Campaign) -> None:
    result = run(campaign, build_workbook(info=info_rows("SO-YT", 2023, ngay_bao_cao="hôm qua")))
    finding = only(result, "INVALID_DATE")
    assert (finding["sheet"], finding["row"], finding["column"]) == ("ThongTin", 12, "gia_tri")


def test_decomposed_text_becomes_nfc(campaign: Campaign) -> None:
    nfd = unicodedata.normalize("NFD", "Sở Y tế")
    nominee = list(NOMINATIONS[1])
    nominee[2] = unicodedata.normalize("NFD", "Nguyễn Thị Hoa")
    data = build_workbook(info=info_rows("SO-YT", 2023, name=nfd), nominations=[nominee])
    result = run(campaign, data)
    assert result.info["ten_don_vi"] == "Sở Y tế"
    assert result.nominations[0].ten == "Nguyễn Thị Hoa"
    assert unicodedata.is_normalized("NFC", result.nominations[0].ten)


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_legacy_font_text_is_converted_and_said(campaign: Campaign, encoding: str) -> None:
    legacy = encode_legacy("Hoàng Văn Đức", encoding)  # type: ignore[arg-type]
    result = run(campaign, build_workbook(info=info_rows("SO-YT", 2023, thu_truong=legacy)))
    assert result.info["thu_truong"] == "Hoàng Văn Đức"
    finding = only(result, "LEGACY_ENCODING")
    assert finding["row"] == 10
    assert encoding.upper() in finding["message"]
    assert result.ok


def test_spaces_and_non_breaking_spaces_around_codes(campaign: Campaign) -> None:
    values = {
        f"\u00a0{code} " if code == "HSCV_MANG" else code: value
        for code, value in DEPARTMENT_VALUES.items()
    }
    info = info_rows("SO-YT", 2023, ma_don_vi=" so-yt\u00a0")
    result = run(campaign, build_workbook(info=info, values=values))
    assert result.ok, result.findings
    assert "HSCV_MANG" in result.values


def test_merged_cells_and_blank_rows(campaign: Campaign) -> None:
    def edit(workbook: openpyxl.Workbook) -> None:
        info = workbook["ThongTin"]
        info.merge_cells("B4:D4")  # ten_don_vi spread over three cells
        indicators = workbook["ChiTieu"]
        indicators.insert_rows(4, amount=2)  # two blank rows in the middle
        indicators.merge_cells("B6:B7")

    result = run(campaign, build_workbook(edit=edit))
    assert result.ok, result.findings
    assert result.info["ten_don_vi"] == "Sở Y tế"
    assert result.values["HSCV_MANG"].row == 6


def test_formula_uses_cached_value_and_error_is_a_finding(campaign: Campaign) -> None:
    data = build_workbook()
    source = zipfile.ZipFile(io.BytesIO(data))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as target:
        for entry in source.infolist():
            content = source.read(entry.filename)
            if entry.filename == "xl/worksheets/sheet2.xml":
                content = re.sub(
                    rb'<c r="D4"[^>]*?>.*?</c>', b'<c r="D4"><f>C4*0.9</f><v>1080</v></c>', content
                )
            target.writestr(entry, content)
    cached = run(campaign, output.getvalue())
    assert cached.ok, cached.findings
    assert cached.values["HSCV_MANG"].achieved == 1080
    broken = run(campaign, with_cached_error(data, 2, "D5"))
    finding = only(broken, "FORMULA_ERROR")
    assert (finding["sheet"], finding["row"], finding["column"]) == ("ChiTieu", 5, "dat")
    assert "#DIV/0!" in finding["message"]
    assert not broken.ok


def test_numerator_above_denominator(campaign: Campaign) -> None:
    values = dict(DEPARTMENT_VALUES, HSCV_MANG=(1200, 1300))
    result = run(campaign, build_workbook(values=values))
    finding = only(result, "RATIO_ABOVE_TOTAL")
    assert finding == {
        "severity": "error",
        "code": "RATIO_ABOVE_TOTAL",
        "message": "Số đạt (1300) lớn hơn tổng số (1200).",
        "sheet": "ChiTieu",
        "row": 4,
        "column": "dat",
    }


def test_negative_and_non_numbers(campaign: Campaign) -> None:
    values = dict(DEPARTMENT_VALUES, HSCV_MANG=(-5, 0), VBDT=("nhiều", 3))
    result = run(campaign, build_workbook(values=values))
    assert only(result, "NEGATIVE_VALUE")["row"] == 4
    invalid = only(result, "INVALID_NUMBER")
    assert (invalid["row"], invalid["column"]) == (5, "tong_so")


def test_extra_sheets_are_ignored_with_a_warning(campaign: Campaign) -> None:
    def edit(workbook: openpyxl.Workbook) -> None:
        workbook.create_sheet("Sheet3").append(["ghi chú riêng"])

    result = run(campaign, build_workbook(edit=edit))
    assert result.ok
    assert only(result, "EXTRA_SHEET")["sheet"] == "Sheet3"


def test_header_row_moved_down(campaign: Campaign) -> None:
    result = run(campaign, build_workbook(header_offset=3))
    assert result.ok, result.findings
    assert result.values["HSCV_MANG"].row == 7


@pytest.mark.parametrize(
    "names",
    [
        ("Thông tin", "Chỉ tiêu", "Đề nghị"),
        ("THONG TIN", "CHI TIEU", "DE NGHI"),
        ("thongtin", "chitieu", "denghi"),
    ],
)
def test_sheet_names_match_without_case_or_accents(
    campaign: Campaign, names: tuple[str, str, str]
) -> None:
    result = run(campaign, build_workbook(sheet_names=names, nominations=NOMINATIONS))
    assert result.ok, result.findings
    assert len(result.nominations) == 2


def test_legacy_xls_and_ods_are_read(campaign: Campaign) -> None:
    for data, name in (
        (sheets_as_xls(report_sheets()), "bao-cao.xls"),
        (sheets_as_ods(report_sheets()), "bao-cao.ods"),
    ):
        result = run(campaign, data, name=name)
        assert result.ok, (name, result.findings)
        assert result.values["HSCV_MANG"].achieved == 1150
        assert result.info["ngay_bao_cao"] == date(2023, 12, 10)


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "EMPTY_FILE"),
        (b"ma_chi_tieu,tong_so,dat\nHSCV_MANG,1200,1150\n", "UNSUPPORTED_FORMAT"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "NOT_SPREADSHEET"),
        (os.urandom(4096), "NOT_SPREADSHEET"),
    ],
)
def test_files_that_are_not_workbooks(campaign: Campaign, data: bytes, code: str) -> None:
    result = run(campaign, data)
    assert not result.readable
    assert not result.ok
    assert codes(result) == {code}


def test_truncated_and_renamed_files(campaign: Campaign) -> None:
    good = build_workbook()
    assert codes(run(campaign, good[: len(good) // 2])) == {"CORRUPT_FILE"}
    docx = io.BytesIO()
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert codes(run(campaign, docx.getvalue())) == {"NOT_SPREADSHEET"}


def test_password_protected_workbook(campaign: Campaign) -> None:
    result = run(campaign, encrypted(build_workbook()))
    finding = only(result, "PASSWORD_PROTECTED")
    assert "mật khẩu" in finding["message"]


def test_zip_bomb_is_refused_before_inflating(campaign: Campaign) -> None:
    bomb = zip_bomb(300)
    assert len(bomb) < 2 * 1024 * 1024
    result = run(campaign, bomb)
    assert codes(result) == {"ZIP_BOMB"}


def test_huge_file_and_oversized_sheet(campaign: Campaign) -> None:
    huge = b"PK\x03\x04" + os.urandom(21 * 1024 * 1024)
    assert codes(run(campaign, huge)) == {"FILE_TOO_LARGE"}

    def edit(workbook: openpyxl.Workbook) -> None:
        indicators = workbook["ChiTieu"]
        for index in range(5100):
            indicators.append([f"KHAC_{index}", "x", 1, 1])

    assert codes(run(campaign, build_workbook(edit=edit))) == {"SHEET_TOO_LARGE"}


def test_upload_under_another_units_folder(campaign: Campaign) -> None:
    data = build_workbook(info=info_rows("SO-TP", 2023, name="Sở Tư pháp"))
    result = run(campaign, data)
    finding = only(result, "UNIT_MISMATCH")
    assert (finding["sheet"], finding["row"]) == ("ThongTin", 3)
    assert "SO-TP" in finding["message"]
    assert not result.ok


def test_year_mismatch_and_unknown_unit(campaign: Campaign) -> None:
    assert only(run(campaign, build_workbook(year=2022)), "YEAR_MISMATCH")["row"] == 5
    unknown = run(campaign, build_workbook(unit="SO-XX"), unit=None)
    assert "UNKNOWN_UNIT" in codes(unknown)


def test_dissolved_district_cannot_report_for_2025(campaign: Campaign) -> None:
    data = build_workbook(
        unit="H-BABE", year=2025, info=info_rows("H-BABE", 2025, name="UBND huyện Ba Bể")
    )
    result = run(campaign, data, unit=H_BABE, year=2025)
    assert "đã chấm dứt hoạt động từ 30/06/2025" in only(result, "UNIT_NOT_EXPECTED")["message"]


def test_required_indicators_by_unit_type(campaign: Campaign) -> None:
    result = run(
        campaign, build_workbook(unit="H-BABE", info=info_rows("H-BABE", 2023)), unit=H_BABE
    )
    missing = only(result, "MISSING_INDICATOR")
    assert "BC_KTXH" in missing["message"]
    commune = UnitContext("X-NAMMAU", "UBND xã Nam Mẫu", "xa", "xa", date(2022, 1, 1))
    values = {"HSCV_MANG": (300, 250), "VBDT": (500, 500), "BC_KTXH": (4, 4)}
    result = run(
        campaign,
        build_workbook(unit="X-NAMMAU", values=values, info=info_rows("X-NAMMAU", 2023)),
        unit=commune,
    )
    assert result.ok
    assert only(result, "INDICATOR_NOT_APPLICABLE")["row"] == 4
    assert "BC_KTXH" not in result.values


def test_unknown_duplicate_and_free_indicators(campaign: Campaign) -> None:
    def edit(workbook: openpyxl.Workbook) -> None:
        workbook["ChiTieu"].append(["HSCV_MANG", "lặp", 10, 5])
        workbook["ChiTieu"].append(["CHI_TIEU_LA", "?", 1, 1])
        workbook["ChiTieu"].append(["KHAC_APP", "Ứng dụng di động", None, 1])

    result = run(campaign, build_workbook(edit=edit))
    assert only(result, "DUPLICATE_INDICATOR")["row"] == 11
    assert only(result, "UNKNOWN_INDICATOR")["row"] == 12
    assert "KHAC_APP" in result.values


def test_required_fields_and_rate_without_total(campaign: Campaign) -> None:
    info = info_rows("SO-YT", 2023, thu_truong=None, nguoi_lap="")
    values = dict(DEPARTMENT_VALUES, VBDT=(None, 30))
    result = run(campaign, build_workbook(info=info, values=values))
    missing = [f for f in result.findings if f.code == "MISSING_FIELD"]
    assert {("thu_truong" in f.message, f.row) for f in missing} == {(True, None), (False, 6)}
    assert only(result, "MISSING_TOTAL")["row"] == 5


def test_nominations_and_dossier_completeness(campaign: Campaign) -> None:
    data = build_workbook(nominations=NOMINATIONS)
    complete = [
        "to-trinh-de-nghi.pdf",
        "Biên bản họp xét.docx",
        "bao-cao-thanh-tich-phong-cntt.docx",
        "bao-cao-thanh-tich-nguyen-thi-hoa.docx",
    ]
    result = run(campaign, data, attachments=complete)
    assert result.ok, result.findings
    assert [n.dossier_complete for n in result.nominations] == [True, True]
    assert result.nominations[1].ngay_sinh == date(1985, 3, 8)
    assert result.nominations[0].ty_le_nu == 0.75
    partial = run(campaign, data, attachments=complete[1:3])
    incomplete = [f for f in partial.findings if f.code == "DOSSIER_INCOMPLETE"]
    assert [f.row for f in incomplete] == [2, 3]
    assert "Tờ trình" in incomplete[0].message
    assert "nguyen-thi-hoa" in incomplete[1].message
    assert [n.dossier_complete for n in partial.nominations] == [False, False]


def test_bad_nomination_rows(campaign: Campaign) -> None:
    rows = [list(NOMINATIONS[1]), list(NOMINATIONS[1]), list(NOMINATIONS[1])]
    rows[1][1] = "tập thể lớn"
    rows[2][4] = "khác"
    rows[2][2] = "Trần Văn Nam"
    rows[2][6] = None
    rows.append(list(NOMINATIONS[1]))  # the same person twice
    result = run(campaign, build_workbook(nominations=rows))
    assert only(result, "DUPLICATE_NOMINEE")["row"] == 5
    invalid = sorted(
        (f.row, f.column) for f in result.findings if f.code == "NOMINATION_INVALID_VALUE"
    )
    assert invalid == [(3, "loai"), (4, "gioi_tinh")]
    assert {(f.row, f.column) for f in result.findings if f.code == "NOMINATION_FIELD_MISSING"} == {
        (4, "gioi_tinh"),
        (4, "don_vi_cong_tac"),
    }


def test_nominations_outside_a_phase_year_are_ignored(campaign: Campaign) -> None:
    data = build_workbook(year=2024, info=info_rows("SO-YT", 2024), nominations=NOMINATIONS)
    result = run(campaign, data, year=2024)
    assert result.nominations == []
    assert result.ok
    assert "NOMINATIONS_OUTSIDE_PHASE" in codes(result)


def test_json_shape_matches_the_contract(campaign: Campaign) -> None:
    values = dict(DEPARTMENT_VALUES, HSCV_MANG=(1200, 1300))
    data = run(campaign, build_workbook(nominations=NOMINATIONS)).to_json()
    assert set(data) == {"ok", "unit", "year", "template", "values", "nominations", "findings"}
    bad = run(campaign, build_workbook(values=values)).to_json()
    assert bad["ok"] is False
    assert set(bad["findings"][0]) == {"severity", "code", "message", "sheet", "row", "column"}
    assert data["nominations"][1]["ngay_sinh"] == "1985-03-08"
