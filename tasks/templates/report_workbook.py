"""The yearly report workbook a unit downloads (BCTD-1), blank or filled as a sample."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from models.campaign import Campaign, Indicator, IndicatorKind
from models.report_format import (
    GENDERS,
    INDICATOR_COLUMNS,
    INFO_FIELDS,
    NOMINATION_COLUMNS,
    NOMINATION_EXTRA_COLUMNS,
    NOMINATION_KINDS,
)
from tasks.templates.print_layout import lay_out, use_font
from tasks.templates.report_instructions import instruction_lines
from tasks.templates.workbook_bytes import save_workbook

FONT = "Times New Roman"
BOLD = Font(name=FONT, bold=True)
PLAIN = Font(name=FONT)
GREY = PatternFill("solid", fgColor="D9D9D9")
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
EMPTY_NOMINATION_ROWS = 50
HEAD_TITLES = {"huyen": "Chủ tịch", "xa": "Chủ tịch", "doan_the": "Chủ tịch", "htx": "Giám đốc"}


@dataclass(frozen=True)
class TemplateUnit:
    """The unit the workbook is made for."""

    code: str
    name: str
    kind: str
    level: str


def _phase_end_years(campaign: Campaign) -> set[int]:
    return {max(phase.years) for phase in campaign.phases}


def _header(sheet: Worksheet, titles: tuple[str, ...]) -> None:
    sheet.append(list(titles))
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD
        cell.fill = HEADER_FILL
    sheet.freeze_panes = f"A{sheet.max_row + 1}"


def _instructions(sheet: Worksheet, campaign: Campaign, unit: TemplateUnit, year: int) -> None:
    for line in instruction_lines(campaign, unit, year):
        sheet.append([line])
    sheet["A1"].font = Font(name=FONT, bold=True, size=14)
    for row in sheet.iter_rows(min_row=2):
        row[0].font = PLAIN
    sheet.column_dimensions["A"].width = 130


_PREFILLED_CODES = {"phien_ban_mau", "ma_don_vi", "ten_don_vi", "nam"}


def _info(sheet: Worksheet, campaign: Campaign, unit: TemplateUnit, year: int) -> None:
    _header(sheet, ("truong", "gia_tri", "mo_ta"))
    prefilled = {
        "phien_ban_mau": campaign.template_version,
        "ma_don_vi": unit.code,
        "ten_don_vi": unit.name,
        "nam": year,
    }
    for spec in INFO_FIELDS:
        label = spec.label[0].upper() + spec.label[1:] + (" (bắt buộc)" if spec.required else "")
        sheet.append([spec.code, prefilled.get(spec.code), label])
        if spec.code in prefilled:
            sheet.cell(sheet.max_row, 2).fill = GREY
        if spec.code == "ngay_bao_cao":
            cell = sheet.cell(sheet.max_row, 2)
            cell.number_format = "dd/mm/yyyy"
            check = DataValidation(
                type="date",
                operator="greaterThan",
                formula1="36526",
                allow_blank=True,
                showErrorMessage=True,
                errorTitle="Ngày không hợp lệ",
                error="Nhập ngày dạng dd/mm/yyyy.",
            )
            sheet.add_data_validation(check)
            check.add(cell.coordinate)
    for column, width in zip("ABC", (24, 42, 42), strict=True):
        sheet.column_dimensions[column].width = width


def _indicators(sheet: Worksheet, indicators: list[Indicator]) -> None:
    _header(sheet, INDICATOR_COLUMNS)
    sheet["C1"].comment = Comment(
        "Tổng số (mẫu số). 0 = không áp dụng. Để trống với chỉ tiêu đếm.", "thidua"
    )
    sheet["D1"].comment = Comment("Số đạt (tử số): số lượng, không nhập tỷ lệ %.", "thidua")
    counts = DataValidation(
        type="whole",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Số không hợp lệ",
        error="Nhập số nguyên từ 0 trở lên.",
    )
    binary = DataValidation(
        type="list",
        formula1='"0,1"',
        allow_blank=True,
        showErrorMessage=True,
        error="Nhập 1 (có) hoặc 0 (không).",
    )
    sheet.add_data_validation(counts)
    sheet.add_data_validation(binary)
    for indicator in indicators:
        sheet.append([indicator.code, indicator.content, None, None, None])
        row = sheet.max_row
        if indicator.kind is IndicatorKind.RATE:
            counts.add(f"C{row}:D{row}")
        else:
            sheet.cell(row, 3).fill = GREY
            (binary if indicator.kind is IndicatorKind.BINARY else counts).add(f"D{row}")
        sheet.cell(row, 2).alignment = Alignment(wrap_text=True, vertical="top")
    for column, width in zip("ABCDE", (18, 70, 12, 12, 30), strict=True):
        sheet.column_dimensions[column].width = width


def _nominations(sheet: Worksheet) -> None:
    columns = NOMINATION_COLUMNS + NOMINATION_EXTRA_COLUMNS
    _header(sheet, columns)
    last = EMPTY_NOMINATION_ROWS + 1
    letter = {name: chr(ord("A") + index) for index, name in enumerate(columns)}
    for name, options in (("loai", NOMINATION_KINDS), ("gioi_tinh", GENDERS)):
        check = DataValidation(
            type="list",
            formula1='"' + ",".join(options) + '"',
            allow_blank=True,
            showErrorMessage=True,
            error="Chọn một giá trị trong danh sách.",
        )
        sheet.add_data_validation(check)
        check.add(f"{letter[name]}2:{letter[name]}{last}")
    birth = DataValidation(
        type="date",
        operator="greaterThan",
        formula1="1",
        allow_blank=True,
        showErrorMessage=True,
        error="Nhập ngày sinh dạng dd/mm/yyyy.",
    )
    share = DataValidation(
        type="decimal",
        operator="between",
        formula1="0",
        formula2="1",
        allow_blank=True,
        showErrorMessage=True,
        error="Tỷ lệ nữ từ 0 đến 1 (ví dụ 0,75).",
    )
    for check, name in ((birth, "ngay_sinh"), (share, "ty_le_nu")):
        sheet.add_data_validation(check)
        check.add(f"{letter[name]}2:{letter[name]}{last}")
    for row in range(2, last + 1):
        sheet[f"{letter['ngay_sinh']}{row}"].number_format = "dd/mm/yyyy"
    for name in columns:
        sheet.column_dimensions[letter[name]].width = 40 if name in {"thanh_tich", "ten"} else 18


def build_report_template(*, campaign: Campaign, unit: TemplateUnit, year: int) -> Workbook:
    """Return the blank yearly report of unit for year, with the indicators that apply to it."""
    workbook = Workbook()
    first = workbook.active
    assert first is not None
    first.title = "HuongDan"
    _instructions(first, campaign, unit, year)
    _info(workbook.create_sheet("ThongTin"), campaign, unit, year)
    applicable = campaign.applicable_indicators(kind=unit.kind, level=unit.level, year=year)
    _indicators(workbook.create_sheet("ChiTieu"), applicable)
    if year in _phase_end_years(campaign):
        _nominations(workbook.create_sheet("DeNghi"))
    prefilled = {cell.row for cell in workbook["ThongTin"]["A"] if cell.value in _PREFILLED_CODES}
    lay_out({s.title: s for s in workbook.worksheets}, prefilled_info_rows=prefilled)
    workbook.properties.creator = "thidua"
    use_font(workbook, FONT)
    return workbook


def build_sample_report(
    *, campaign: Campaign, unit: TemplateUnit, year: int, seed: int = 0
) -> Workbook:
    """Return the workbook filled with plausible figures, as a unit would send it."""
    rng = random.Random(f"{seed}-{unit.code}-{year}")
    workbook = build_report_template(campaign=campaign, unit=unit, year=year)
    info = workbook["ThongTin"]
    filled = {
        "nguoi_lap": "Lê Thị Lan",
        "chuc_vu_nguoi_lap": "Chuyên viên",
        "dien_thoai": "0209 3870 123",
        "email": "vanthu@backan.gov.vn",
        "thu_truong": "Hoàng Văn Đức",
        "chuc_vu_thu_truong": HEAD_TITLES.get(unit.kind, "Giám đốc"),
        "ngay_bao_cao": campaign.deadline_for(year).date() - timedelta(days=rng.randint(3, 20)),
    }
    for row in info.iter_rows(min_row=2):
        if row[0].value in filled:
            row[1].value = filled[str(row[0].value)]
    sheet = workbook["ChiTieu"]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value is None:  # the free rows left open for the unit's own results
            continue
        indicator = campaign.indicator(str(row[0].value))
        if indicator.kind is IndicatorKind.BINARY:
            row[3].value = 1
        elif indicator.kind is IndicatorKind.COUNT:
            row[3].value = rng.randint(0, 6)
        else:
            total = rng.randint(20, 2500)
            target = indicator.target.for_level(unit.level) if indicator.target else 1.0
            row[2].value = total
            row[3].value = min(total, round(total * rng.uniform(target - 0.15, 1.0)))
    if "DeNghi" in workbook.sheetnames:
        nominations = workbook["DeNghi"]
        samples = [
            [
                1,
                "tap_the",
                f"Phòng Công nghệ thông tin, {unit.name}",
                None,
                None,
                None,
                unit.name,
                "Triển khai hệ thống quản lý văn bản và hồ sơ công việc trên môi trường mạng",
                "Giải pháp số hóa hồ sơ lưu trữ",
                "bao-cao-thanh-tich-phong-cntt.docx",
                None,
                None,
                0.6,
            ],
            [
                2,
                "ca_nhan",
                "Nguyễn Thị Hoa",
                date(1986, 3, 8),
                "nu",
                "Trưởng phòng",
                f"Phòng Công nghệ thông tin, {unit.name}",
                "Chủ trì xây dựng cơ sở dữ liệu dùng chung, kết nối LGSP",
                "Sáng kiến kết nối dữ liệu qua LGSP",
                "bao-cao-thanh-tich-nguyen-thi-hoa.docx",
                "Phó Giám đốc",
                unit.name,
                None,
            ],
        ]
        for offset, values in enumerate(samples):
            for column, value in enumerate(values, start=1):
                nominations.cell(2 + offset, column, value)
    use_font(workbook, FONT)
    return workbook


__all__ = ["TemplateUnit", "build_report_template", "build_sample_report", "save_workbook"]
