"""Normalise what people type into cells: text, Vietnamese numbers, percentages, dates, names."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

SPACES = re.compile(r"[\s\u00a0\u2007\u202f\ufeff\u200b]+")
EXCEL_ERRORS = frozenset(
    {"#DIV/0!", "#N/A", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!"}
)
THOUSANDS_DOT = re.compile(r"^\d{1,3}(\.\d{3})+$")
THOUSANDS_COMMA = re.compile(r"^\d{1,3}(,\d{3})+$")
PLAIN_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d+)?|[.,]\d+)$")
EXCEL_EPOCH = date(1899, 12, 30)
VIETNAMESE_DATE = re.compile(
    r"^ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})$", re.IGNORECASE
)


def clean_text(value: Any) -> str:
    """Return value as NFC text, spaces (also non-breaking) folded and trimmed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = unicodedata.normalize("NFC", str(value))
    return SPACES.sub(" ", text).strip()


def fold_key(value: Any) -> str:
    """Return a comparison key: no accents, lower case, words joined by underscores."""
    text = unicodedata.normalize("NFD", clean_text(value)).replace("đ", "d").replace("Đ", "D")
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_")


def sheet_key(name: str) -> str:
    """Return a sheet name's key, matched case- and accent-insensitively, ignoring separators."""
    return fold_key(name).replace("_", "")


@dataclass(frozen=True)
class ParsedNumber:
    """A number read from a cell, with how it was read."""

    value: float | None
    raw: str
    percent: bool = False
    ambiguous: bool = False
    error: str | None = None

    @property
    def is_empty(self) -> bool:
        """Return whether the cell held nothing."""
        return self.value is None and self.error is None


def parse_number(value: Any, *, whole: bool = False) -> ParsedNumber:
    """Read a Vietnamese-formatted number ("1.234", "95,5", "95%"); whole hints at counts."""
    if value is None or value == "":
        return ParsedNumber(None, "")
    if isinstance(value, bool):
        return ParsedNumber(float(value), str(value))
    if isinstance(value, int | float):
        return ParsedNumber(float(value), clean_text(value))
    raw = clean_text(value)
    if not raw:
        return ParsedNumber(None, "")
    if raw.upper() in EXCEL_ERRORS:
        return ParsedNumber(None, raw, error="formula")
    text = raw.replace(" ", "")
    percent = text.endswith("%")
    if percent:
        text = text[:-1]
    ambiguous = False
    if THOUSANDS_DOT.match(text):
        text = text.replace(".", "")
    elif THOUSANDS_COMMA.match(text) and whole:
        # "1,200" in a count: an English thousands separator, since a fraction is impossible.
        text, ambiguous = text.replace(",", ""), True
    elif "." in text and "," in text:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        text = text.replace(thousands, "").replace(decimal, ".")
    else:
        text = text.replace(",", ".")
    if not PLAIN_NUMBER.match(text):
        return ParsedNumber(None, raw, error="number")
    number = float(text)
    return ParsedNumber(number / 100 if percent else number, raw, percent, ambiguous)


def as_int_if_whole(value: float | None) -> int | float | None:
    """Return value as an int when it is a whole number."""
    if value is not None and float(value).is_integer():
        return int(value)
    return value


def parse_date(value: Any) -> date | None:
    """Read a date from a date cell, an Excel serial or text; raise ValueError if unreadable."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1 <= value < 2958466:  # Excel's serial range (1900-01-01 .. 9999-12-31)
            return EXCEL_EPOCH + timedelta(days=int(value))
        raise ValueError(clean_text(value))
    text = clean_text(value)
    if not text:
        return None
    spoken = VIETNAMESE_DATE.match(text)
    if spoken:
        day, month, year = (int(part) for part in spoken.groups())
        return date(year, month, day)
    for pattern in ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%d/%m/%y", "%Y/%m/%d"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    if re.fullmatch(r"\d+(\.0+)?", text):
        return parse_date(float(text))
    raise ValueError(text)
