"""The legal date line, document numbers, times and Vietnamese numbers."""

from __future__ import annotations

from datetime import date

import pytest

from tasks.documents.dates import BLANK, clock_text, legal_date, number_line, place_date_line
from tasks.documents.numerals import vn_number, vn_percent, vn_score


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (date(2024, 1, 5), "ngày 05 tháng 01 năm 2024"),
        (date(2024, 2, 29), "ngày 29 tháng 02 năm 2024"),
        (date(2025, 3, 1), "ngày 01 tháng 3 năm 2025"),
        (date(2025, 6, 29), "ngày 29 tháng 6 năm 2025"),
        (date(2023, 12, 5), "ngày 05 tháng 12 năm 2023"),
        (date(2023, 10, 10), "ngày 10 tháng 10 năm 2023"),
    ],
)
def test_legal_date_leading_zeros(day: date, text: str) -> None:
    assert legal_date(day) == text


def test_unknown_date_is_the_blank_form() -> None:
    assert legal_date(None, year=2025) == f"ngày{BLANK}tháng{BLANK}năm 2025"
    assert place_date_line("Bắc Kạn", date(2023, 12, 5)) == "Bắc Kạn, ngày 05 tháng 12 năm 2023"


@pytest.mark.parametrize(
    ("number", "code", "issuer", "line"),
    [
        (5, "TTr", "SKHCN", "Số: 05/TTr-SKHCN"),
        (12, "TTr", "STTTT", "Số: 12/TTr-STTTT"),
        ("7", "BB", "SKHCN", "Số: 07/BB-SKHCN"),
        (None, "TTr", "SKHCN", f"Số: {BLANK}/TTr-SKHCN"),
        ("1234/QĐ-UBND", "QĐ", "UBND", "Số: 1234/QĐ-UBND"),
    ],
)
def test_number_line(number: int | str | None, code: str, issuer: str, line: str) -> None:
    assert number_line(number, code, issuer) == line


def test_clock_and_numbers() -> None:
    assert clock_text("8:05") == "08 giờ 05"
    assert clock_text("14:30") == "14 giờ 30"
    assert vn_number(1234567) == "1.234.567"
    assert vn_number(95.5, 1) == "95,5"
    assert vn_score(87.5) == "87,5"
    assert vn_score(100.0) == "100"
    assert vn_score(None) == ""  # the document says why there is no score
    assert vn_score(87.53) == "87,5"  # one decimal, as people write scores
    assert vn_percent(0.9081, 2) == "90,81%"
    assert vn_percent(1.0) == "100%"
