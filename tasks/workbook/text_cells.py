"""Write user-derived text into workbooks as text: never a formula, never an illegal character."""

from __future__ import annotations

from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.workbook import Workbook
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

REPLACEMENT = "\ufffd"


def printable(value: str) -> str:
    """Return value with the characters a workbook cannot hold replaced by U+FFFD."""
    return ILLEGAL_CHARACTERS_RE.sub(REPLACEMENT, value)


def text_cell(sheet: WriteOnlyWorksheet, value: object) -> WriteOnlyCell:
    """Return a write-only cell holding value; a string is stored as text, even '=1+2'."""
    if not isinstance(value, str):
        return WriteOnlyCell(sheet, value=value)
    cell = WriteOnlyCell(sheet, value=printable(value))
    cell.data_type = "s"  # openpyxl would store a leading '=' as a live formula (OWASP)
    return cell


def keep_text_as_text(workbook: Workbook, *, formulas: frozenset[str] = frozenset()) -> int:
    """Store every formula-looking string cell of a workbook as text, except the named cells.

    Args:
        workbook: a workbook built in normal (not write-only) mode.
        formulas: 'Sheet!A1' coordinates of the formulas the system wrote on purpose.

    Returns:
        How many cells were turned back into text.
    """
    changed = 0
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f" and f"{sheet.title}!{cell.coordinate}" not in formulas:
                    cell.data_type = "s"
                    changed += 1
    return changed


def put_text(cell: Cell, value: object) -> Cell:
    """Put value into a normal cell; a string is stored as text, even '=1+2'."""
    if isinstance(value, str):
        cell.value = printable(value)
        cell.data_type = "s"
    else:
        cell.value = value
    return cell
