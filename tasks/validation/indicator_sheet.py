"""The ChiTieu sheet: read the indicator rows, then check them against the campaign."""

from __future__ import annotations

from dataclasses import dataclass

from models.campaign import Campaign, Indicator, IndicatorKind
from models.report_format import INDICATOR_COLUMNS, INDICATOR_REQUIRED_COLUMNS
from tasks.validation.cells import SheetReader
from tasks.workbook.values import ParsedNumber, as_int_if_whole, clean_text, parse_number


@dataclass
class IndicatorReading:
    """One indicator row as read after normalisation."""

    code: str
    total: float | None
    achieved: float | None
    note: str
    row: int

    def to_json(self) -> dict[str, int | float | None]:
        """Return the values as report-format.md prints them (integers where whole)."""
        return {"tong_so": as_int_if_whole(self.total), "dat": as_int_if_whole(self.achieved)}


def read_indicators(reader: SheetReader) -> list[IndicatorReading]:
    """Return the indicator rows (blank rows skipped), recording unreadable cells."""
    header = reader.find_header(INDICATOR_REQUIRED_COLUMNS, INDICATOR_COLUMNS)
    if header is None:
        reader.add(
            "MISSING_HEADER",
            "Không tìm thấy dòng tiêu đề (ma_chi_tieu | noi_dung | tong_so | dat | ghi_chu).",
        )
        return []
    header_index, positions = header
    missing = [name for name in INDICATOR_REQUIRED_COLUMNS if name not in positions]
    for name in missing:
        reader.add(
            "MISSING_COLUMN",
            f"Thiếu cột '{name}' trong dòng tiêu đề.",
            row=header_index + 1,
            column=name,
        )
    if missing:
        return []
    readings = []
    for index in range(header_index + 1, len(reader.sheet.rows)):
        code = clean_text(reader.cell(index, positions["ma_chi_tieu"])).upper()
        total = _number(reader, index, positions["tong_so"], "tong_so")
        achieved = _number(reader, index, positions["dat"], "dat")
        if not code:
            if not (total.is_empty and achieved.is_empty):
                reader.add(
                    "MISSING_VALUE",
                    "Dòng có số liệu nhưng thiếu mã chỉ tiêu.",
                    row=index + 1,
                    column="ma_chi_tieu",
                )
            continue
        achieved_value = _percent_as_count(reader, index, total, achieved)
        note = reader.text(index, positions.get("ghi_chu"), "ghi_chu")
        readings.append(IndicatorReading(code, total.value, achieved_value, note, index + 1))
    return readings


def _number(reader: SheetReader, index: int, column: int, header: str) -> ParsedNumber:
    if reader.formula_problem(index, column, header):
        return ParsedNumber(None, "#", error="formula")
    parsed = parse_number(reader.cell(index, column), whole=True)
    if parsed.error == "formula":
        reader.add("FORMULA_ERROR", f"Ô có giá trị lỗi {parsed.raw}.", row=index + 1, column=header)
    elif parsed.error:
        reader.add(
            "INVALID_NUMBER", f"'{parsed.raw}' không phải là số.", row=index + 1, column=header
        )
    elif parsed.ambiguous:
        reader.add(
            "AMBIGUOUS_NUMBER",
            f"'{parsed.raw}' được hiểu là {parsed.value:,.0f} "
            "(dấu phẩy phân cách hàng nghìn); số Việt Nam dùng dấu chấm: '1.200'.",
            row=index + 1,
            column=header,
        )
    return parsed


def _percent_as_count(
    reader: SheetReader, index: int, total: ParsedNumber, achieved: ParsedNumber
) -> float | None:
    """Turn a percentage typed into dat into the count it stands for, when the total is known."""
    value = achieved.value
    typed_percent = achieved.percent or (
        value is not None and 0 < value < 1 and total.value is not None and total.value > 1
    )
    if not typed_percent or value is None:
        return value
    if total.value is None or total.value == 0:
        return value
    count = round(value * total.value)
    reader.add(
        "PERCENT_IN_COUNT",
        f"Cột dat phải là số lượng, không phải tỷ lệ: '{achieved.raw}' "
        f"của {total.value:.0f} được hiểu là {count}.",
        row=index + 1,
        column="dat",
    )
    return float(count)


def check_against_campaign(
    reader: SheetReader,
    readings: list[IndicatorReading],
    *,
    campaign: Campaign,
    applicable: list[Indicator] | None,
) -> dict[str, IndicatorReading]:
    """Check codes, duplicates and required values; return the readings by code."""
    known = {indicator.code: indicator for indicator in campaign.indicators}
    wanted = (
        {indicator.code: indicator for indicator in applicable} if applicable is not None else known
    )
    by_code: dict[str, IndicatorReading] = {}
    for reading in readings:
        if reading.code in by_code:
            reader.add(
                "DUPLICATE_INDICATOR",
                f"Chỉ tiêu {reading.code} lặp lại (đã có ở dòng {by_code[reading.code].row}).",
                row=reading.row,
                column="ma_chi_tieu",
            )
            continue
        if reading.code.startswith(campaign.free_indicator_prefix):
            by_code[reading.code] = reading
            continue
        if reading.code not in known:
            reader.add(
                "UNKNOWN_INDICATOR",
                f"Mã chỉ tiêu {reading.code} không có trong phong trào: dòng được bỏ qua.",
                row=reading.row,
                column="ma_chi_tieu",
            )
            continue
        if reading.code not in wanted:
            reader.add(
                "INDICATOR_NOT_APPLICABLE",
                f"Chỉ tiêu {reading.code} không áp dụng cho "
                "đơn vị trong năm này: dòng được bỏ qua.",
                row=reading.row,
                column="ma_chi_tieu",
            )
            continue
        _check_kind(reader, reading, wanted[reading.code])
        by_code[reading.code] = reading
    for code, indicator in wanted.items():
        if indicator.required and code not in by_code:
            reader.add(
                "MISSING_INDICATOR",
                f"Thiếu chỉ tiêu bắt buộc {code}: {indicator.content}.",
                column="ma_chi_tieu",
            )
    return by_code


def _check_kind(reader: SheetReader, reading: IndicatorReading, indicator: Indicator) -> None:
    row = reading.row
    if reading.achieved is None:
        if indicator.required and reading.total != 0:
            reader.add(
                "MISSING_VALUE",
                f"Chưa nhập số đạt của chỉ tiêu {reading.code}.",
                row=row,
                column="dat",
            )
        return
    if indicator.kind is IndicatorKind.BINARY and reading.achieved not in (0, 1):
        reader.add(
            "BINARY_VALUE",
            f"Chỉ tiêu {reading.code} chỉ nhận 1 (có) hoặc 0 (không).",
            row=row,
            column="dat",
        )
    elif indicator.kind is IndicatorKind.RATE and reading.total is None:
        reader.add(
            "MISSING_TOTAL",
            f"Chỉ tiêu {reading.code} là tỷ lệ: cần nhập tổng số "
            "(mẫu số); nhập 0 nếu không áp dụng.",
            row=row,
            column="tong_so",
        )
    elif indicator.kind is not IndicatorKind.RATE and reading.total is not None:
        reader.add(
            "TOTAL_IGNORED",
            f"Chỉ tiêu {reading.code} là số đếm: cột tong_so được bỏ qua.",
            row=row,
            column="tong_so",
        )
