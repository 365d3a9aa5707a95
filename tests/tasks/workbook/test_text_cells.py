"""Workbooks the system writes keep people's text as text: never a live formula (OWASP)."""

from __future__ import annotations

import io

import openpyxl
from openpyxl import Workbook

from tasks.templates.report_workbook import save_workbook
from tasks.workbook.text_cells import keep_text_as_text, printable


def test_formula_looking_text_is_stored_as_text_except_the_named_formulas() -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "ChiTieu"
    sheet.append(["=1+CMD|' -C CALC'!A0", "Sở Y tế", 3])
    sheet["D1"] = "=SUM(C1:C1)"
    assert keep_text_as_text(workbook, formulas=frozenset({"ChiTieu!D1"})) == 1
    buffer = io.BytesIO()
    workbook.save(buffer)
    saved = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))["ChiTieu"]
    assert (saved["A1"].data_type, saved["A1"].value) == ("s", "=1+CMD|' -C CALC'!A0")
    assert saved["D1"].data_type == "f"


def test_save_workbook_protects_every_sheet_it_saves() -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["@SUM(1)", '=HYPERLINK("http://x")'])
    saved = openpyxl.load_workbook(io.BytesIO(save_workbook(workbook))).active
    assert saved is not None
    assert [cell.data_type for cell in saved[1]] == ["s", "s"]


def test_characters_a_workbook_cannot_hold_are_made_visible() -> None:
    assert printable("Nguyễn\x07 Văn\x00 A") == "Nguyễn\ufffd Văn\ufffd A"
