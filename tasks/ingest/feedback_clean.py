"""The feedback workbook of a report without findings, at the cost of a string substitution.

Most reports have no finding, and their workbooks differ only in nine texts (the headline and the
facts' values). openpyxl draws, once per layout, the same workbook with a placeholder for each
text; a report's workbook is that drawing with its texts written in, escaped as openpyxl's writer
escapes them, zipped as save_workbook zips. Any text the placeholder cannot stand for exactly (a
line break, a tab, spaces at either end, a length that changes a row's height) goes the ordinary
way. tests/tasks/ingest/test_feedback_clean.py compares the bytes with the ordinary way's.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from functools import lru_cache
from xml.sax.saxutils import escape

from tasks.ingest.feedback import WIDTHS, lines_of, render_workbook
from tasks.templates.workbook_bytes import fixed_zip
from tasks.validation.findings import Finding
from tasks.workbook.text_cells import printable

SHEET = "xl/worksheets/sheet1.xml"
HEADLINE_WIDTH = sum(WIDTHS)
FACT_WIDTH = sum(WIDTHS[1:])
PLACEHOLDER_INT = 987_650_000


def _placeholder(number: int, lines: int, width: int) -> str:
    """Return a placeholder text that takes as many lines as the text it stands for."""
    text = f"QZX{number}ZQ"
    return text + "q" * max(0, lines * max(1, width - 2) - len(text))


# What the placeholder way cannot write as openpyxl does: controls, surrogates, non-characters.
UNFIT = re.compile("[\x00-\x1f\ud800-\udfff\ufffe\uffff]")


def _fits(text: str) -> bool:
    """Return whether the placeholder way writes text exactly as openpyxl would."""
    return text == text.strip() and UNFIT.search(text) is None


def _escaped(text: str) -> bytes:
    """Return text as openpyxl's lxml writer puts it in an ASCII document."""
    return escape(text).encode("ascii", "xmlcharrefreplace")


# Per finding row: its severity, then each cell: "" empty, "int", or the lines its text takes.
Layout = tuple[tuple[str, ...], ...]


@lru_cache(maxsize=256)
def _drawing(
    title: str, labels: tuple[str, ...], lines: tuple[int, ...], layout: Layout
) -> tuple[tuple[tuple[str, bytes], ...], tuple[bytes, ...]] | None:
    """Return the parts of the workbook drawn with placeholders, and each placeholder's cell."""
    widths = (HEADLINE_WIDTH,) + (FACT_WIDTH,) * len(labels)
    holders = [_placeholder(i, n, w) for i, (n, w) in enumerate(zip(lines, widths, strict=True))]
    if any(lines_of(h, w) != n for h, n, w in zip(holders, lines, widths, strict=True)):
        return None
    facts = tuple(zip(labels, holders[1:], strict=True))
    cells = [b"<t>" + h.encode("ascii") + b"</t>" for h in holders]
    rows = []
    for row in layout:
        values: list[object] = []
        for column, kind in enumerate(row):
            number = len(cells)
            if column == 0:  # the severity, drawn from the finding's own
                values.append(kind)
                continue
            if kind == "":
                values.append("")
                continue
            if kind == "int":
                values.append(PLACEHOLDER_INT + number)
                cells.append(b"<v>" + str(PLACEHOLDER_INT + number).encode() + b"</v>")
                continue
            width = WIDTHS[-1] if column == len(row) - 1 else 1
            text = _placeholder(number, int(kind), width) if width > 1 else f"QZX{number}ZQ"
            values.append(text)
            cells.append(b"<t>" + text.encode("ascii") + b"</t>")
        rows.append(tuple(values))
    if any(lines_of(r[-1], WIDTHS[-1]) != int(k[-1]) for r, k in zip(rows, layout, strict=True)):
        return None
    data = render_workbook(title, holders[0], facts, [_finding(*row) for row in rows])
    archive = zipfile.ZipFile(io.BytesIO(data))
    parts = tuple((name, archive.read(name)) for name in archive.namelist())
    sheet = dict(parts)[SHEET]
    if any(sheet.count(cell) != 1 for cell in cells):
        return None
    return parts, tuple(cells)


def _finding(*cells: object) -> Finding:
    """Return a finding whose cells show as the placeholders (or blanks) given."""
    severity, code, sheet, row, column, message = cells
    return Finding(
        severity=severity,  # type: ignore[arg-type]
        code=str(code),
        message=str(message),
        sheet=str(sheet) or None,
        row=row if isinstance(row, int) else None,
        column=str(column) or None,
    )


def clean_workbook(
    title: str,
    head: str,
    facts: tuple[tuple[str, str], ...],
    findings: Sequence[Finding] = (),
) -> bytes | None:
    """Return the feedback workbook by substitution, or None to draw it the ordinary way."""
    texts = (head, *(value for _, value in facts))
    widths = (HEADLINE_WIDTH,) + (FACT_WIDTH,) * len(facts)
    lines = tuple(lines_of(text, width) for text, width in zip(texts, widths, strict=True))
    values: list[object] = list(texts)
    layout = []
    for item in findings:
        row: list[str] = ["error" if item.severity == "error" else "warning"]
        for column, shown in enumerate(
            (item.code, item.sheet or "", item.row or "", item.column or "", item.message),
            start=1,
        ):
            if isinstance(shown, bool) or not isinstance(shown, str | int):
                return None
            if isinstance(shown, int):
                row.append("int")
                values.append(shown)
            elif shown == "":
                row.append("")
            else:
                row.append(str(lines_of(shown, WIDTHS[-1])) if column == 5 else "1")
                values.append(shown)
        if row[-1] == "":
            return None
        layout.append(tuple(row))
    if not all(_fits(printable(v)) for v in values if isinstance(v, str)):
        return None
    drawing = _drawing(title, tuple(label for label, _ in facts), lines, tuple(layout))
    if drawing is None:
        return None
    parts, cells = drawing
    entries = []
    for name, content in parts:
        if name == SHEET:
            for cell, value in zip(cells, values, strict=True):
                if isinstance(value, str):
                    written = b"<t>" + _escaped(printable(value)) + b"</t>"
                else:
                    written = b"<v>" + str(value).encode() + b"</v>"
                content = content.replace(cell, written)
        entries.append((name, content))
    return fixed_zip(entries)
