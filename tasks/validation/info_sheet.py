"""The ThongTin sheet: who reports, for which year, confirmed by whom."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from models.report_format import INFO_FIELDS
from tasks.validation.cells import SheetReader
from tasks.workbook.values import clean_text, fold_key, parse_date, parse_number

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
FIELD_CODES = {spec.code for spec in INFO_FIELDS}


def read_info(reader: SheetReader) -> tuple[dict[str, Any], dict[str, int]]:
    """Return the fields of the sheet by code (year as int, date as date) and their rows."""
    found: dict[str, tuple[int, int]] = {}
    for index, row in enumerate(reader.sheet.rows):
        for position, cell in enumerate(row[:6]):
            key = fold_key(cell)
            if key in FIELD_CODES and key not in found:
                found[key] = (index, position)
                break
    header = reader.find_header(("gia_tri",), ("gia_tri",))
    value_position = header[1]["gia_tri"] if header else None
    values: dict[str, Any] = {}
    for spec in INFO_FIELDS:
        if spec.code not in found:
            if spec.required:
                reader.add(
                    "MISSING_FIELD", f"Thiếu trường '{spec.code}' ({spec.label}).", column="truong"
                )
            continue
        index, position = found[spec.code]
        value_column = value_position if value_position is not None else position + 1
        raw = reader.cell(index, value_column)
        if clean_text(raw) == "":
            if spec.required:
                reader.add(
                    "MISSING_FIELD",
                    f"Chưa điền {spec.label} ({spec.code}).",
                    row=index + 1,
                    column="gia_tri",
                )
            continue
        values[spec.code] = _convert(reader, spec.code, raw, index, value_column)
    rows = {code: index + 1 for code, (index, _) in found.items()}
    return {code: value for code, value in values.items() if value is not None}, rows


def _convert(reader: SheetReader, code: str, raw: Any, index: int, column: int) -> Any:
    if code == "nam":
        number = parse_number(raw, whole=True)
        if number.value is None or not number.value.is_integer():
            reader.add(
                "INVALID_NUMBER",
                f"Năm báo cáo '{number.raw}' không phải số năm.",
                row=index + 1,
                column="gia_tri",
            )
            return None
        return int(number.value)
    if code == "ngay_bao_cao":
        try:
            parsed: date | None = parse_date(raw)
        except ValueError:
            reader.add(
                "INVALID_DATE",
                f"Ngày báo cáo '{clean_text(raw)}' không đọc được: ghi dạng dd/mm/yyyy.",
                row=index + 1,
                column="gia_tri",
            )
            return None
        return parsed
    if code in {"ma_don_vi", "phien_ban_mau"}:
        return clean_text(raw).upper()
    text = reader.text(index, column, "gia_tri")
    if code == "email" and text and not EMAIL.match(text):
        reader.add(
            "INVALID_EMAIL",
            f"Địa chỉ thư điện tử '{text}' không hợp lệ.",
            row=index + 1,
            column="gia_tri",
        )
    return text
