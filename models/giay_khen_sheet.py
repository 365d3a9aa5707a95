"""The candidates of a Giấy khen round from an Excel sheet the clerk fills (sheet UngVien).

Columns (first row, any order): ma, loai (tap_the / ca_nhan, or Tập thể / Cá nhân), ho_ten,
ma_don_vi, ngay_sinh, gioi_tinh (nam / nu, or Nam / Nữ), chuc_vu, phong_ban, ty_le_nu,
sang_kien, thanh_tich; then one column per criterion, headed by its code (the achieved figure),
and for a rate also '<code>/tong' (the total).
"""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from typing import Any

from openpyxl import load_workbook

SHEET = "UngVien"
FIELDS = {
    "ma": "code",
    "loai": "kind",
    "ho_ten": "full_name",
    "ma_don_vi": "unit_code",
    "ngay_sinh": "birth_date",
    "gioi_tinh": "gender",
    "chuc_vu": "post",
    "phong_ban": "department",
    "ty_le_nu": "women_share",
    "sang_kien": "initiatives",
    "thanh_tich": "achievements",
}
WORDS = {"tập thể": "tap_the", "cá nhân": "ca_nhan", "nữ": "nu"}


class SheetError(ValueError):
    """The sheet cannot be read; problems name the sheet, row and column."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


def _text(value: Any) -> Any:
    if isinstance(value, str):
        text = unicodedata.normalize("NFC", value).strip()
        return WORDS.get(text.casefold(), text)
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def read_candidates(data: bytes, *, name: str) -> tuple[list[dict[str, Any]], list[int]]:
    """Return the candidates' rows as the round file's fields, and each one's sheet row."""
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 (any unreadable workbook is the clerk's to fix)
        raise SheetError([f"{name}: không đọc được tệp Excel ({type(error).__name__})"]) from error
    if SHEET not in book.sheetnames:
        raise SheetError([f"{name}: không có trang tính {SHEET}"])
    rows = list(book[SHEET].iter_rows(values_only=True))
    if not rows:
        raise SheetError([f"{name}, trang {SHEET}: trang trống"])
    headers = [str(_text(h) or "") for h in rows[0]]
    missing = [h for h in ("ma", "loai", "ho_ten") if h not in headers]
    if missing:
        raise SheetError([f"{name}, trang {SHEET}, dòng 1: thiếu cột {', '.join(missing)}"])
    candidates: list[dict[str, Any]] = []
    numbers: list[int] = []
    for number, values in enumerate(rows[1:], start=2):
        cells = {h: _text(v) for h, v in zip(headers, values, strict=False) if h}
        if all(v in (None, "") for v in cells.values()):
            continue
        row: dict[str, Any] = {}
        results: dict[str, dict[str, Any]] = {}
        for header, value in cells.items():
            if value in (None, ""):
                continue
            if header in FIELDS:
                row[FIELDS[header]] = str(value) if header in ("ma", "ma_don_vi") else value
            elif header.endswith("/tong"):
                results.setdefault(header.removesuffix("/tong"), {})["total"] = value
            else:
                results.setdefault(header, {})["achieved"] = value
        if results:
            row["results"] = results
        candidates.append(row)
        numbers.append(number)
    return candidates, numbers
