"""The legal date line and document numbers of Decree 30/2020/NĐ-CP."""

from __future__ import annotations

from datetime import date

BLANK = "\u00a0" * 6  # a gap to write in by hand, kept by Word and LibreOffice


def day_text(day: int) -> str:
    """Return the day as printed: a leading zero below 10."""
    return f"{day:02d}"


def month_text(month: int) -> str:
    """Return the month as printed: a leading zero for January and February only."""
    return f"{month:02d}" if month < 3 else str(month)


def legal_date(value: date | None, *, year: int | None = None) -> str:
    """Return 'ngày 05 tháng 01 năm 2024', or the blank form to fill by hand when unknown."""
    if value is None:
        return f"ngày{BLANK}tháng{BLANK}năm {year if year else BLANK}"
    return f"ngày {day_text(value.day)} tháng {month_text(value.month)} năm {value.year}"


def place_date_line(place: str, value: date | None, *, year: int | None = None) -> str:
    """Return the place-and-date line, e.g. 'Bắc Kạn, ngày 05 tháng 12 năm 2023'."""
    return f"{place}, {legal_date(value, year=year)}"


def number_text(number: int) -> str:
    """Return a document's serial number: a leading zero below 10."""
    return f"{number:02d}"


def symbol(type_code: str | None, issuer: str, *, drafting_unit: str | None = None) -> str:
    """Return the symbol after the number: 'TTr-SKHCN', or 'STTTT-CĐS' for a letter."""
    parts = [part for part in (type_code, issuer, drafting_unit) if part]
    if type_code:
        return f"{type_code}-{'-'.join(parts[1:])}"
    return "-".join(parts)


def number_line(number: int | str | None, type_code: str | None, issuer: str) -> str:
    """Return 'Số: 05/TTr-SKHCN', or 'Số:      /TTr-SKHCN' while the number is not known."""
    if isinstance(number, str) and "/" in number:
        return f"Số: {number.strip()}"  # a full number as recorded, e.g. 1234/QĐ-UBND
    if number is None or number == "":
        shown = BLANK
    elif isinstance(number, int):
        shown = number_text(number)
    else:
        shown = number_text(int(number)) if number.strip().isdigit() else number.strip()
    return f"Số: {shown}/{symbol(type_code, issuer)}"


def clock_text(value: str) -> str:
    """Return 'HH:MM' as printed in minutes: '08 giờ 30'."""
    hours, _, minutes = value.strip().partition(":")
    return f"{int(hours):02d} giờ {int(minutes or 0):02d}"
