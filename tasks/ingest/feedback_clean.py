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
import zipfile
from functools import lru_cache
from xml.sax.saxutils import escape

from tasks.ingest.feedback import WIDTHS, lines_of, render_workbook
from tasks.templates.workbook_bytes import fixed_zip
from tasks.workbook.text_cells import printable

SHEET = "xl/worksheets/sheet1.xml"
HEADLINE_WIDTH = sum(WIDTHS)
FACT_WIDTH = sum(WIDTHS[1:])


def _placeholder(number: int, lines: int, width: int) -> str:
    """Return a placeholder text that takes as many lines as the text it stands for."""
    text = f"QZX{number}ZQ"
    return text + "q" * max(0, lines * max(1, width - 2) - len(text))


def _fits(text: str) -> bool:
    """Return whether the placeholder way writes text exactly as openpyxl would."""
    return text == text.strip() and all(
        ord(char) >= 0x20 and char not in "\ufffe\uffff" and not 0xD800 <= ord(char) < 0xE000
        for char in text
    )


def _escaped(text: str) -> bytes:
    """Return text as openpyxl's lxml writer puts it in an ASCII document."""
    return escape(text).encode("ascii", "xmlcharrefreplace")


@lru_cache(maxsize=64)
def _drawing(
    title: str, labels: tuple[str, ...], lines: tuple[int, ...]
) -> tuple[tuple[tuple[str, bytes], ...], tuple[bytes, ...]] | None:
    """Return the parts of the workbook drawn with placeholders, and each placeholder's cell."""
    widths = (HEADLINE_WIDTH,) + (FACT_WIDTH,) * len(labels)
    holders = [_placeholder(i, n, w) for i, (n, w) in enumerate(zip(lines, widths, strict=True))]
    if any(lines_of(h, w) != n for h, n, w in zip(holders, lines, widths, strict=True)):
        return None
    facts = tuple(zip(labels, holders[1:], strict=True))
    data = render_workbook(title, holders[0], facts, [])
    archive = zipfile.ZipFile(io.BytesIO(data))
    parts = tuple((name, archive.read(name)) for name in archive.namelist())
    sheet = dict(parts)[SHEET]
    cells = tuple(b"<t>" + h.encode("ascii") + b"</t>" for h in holders)
    if any(sheet.count(cell) != 1 for cell in cells):
        return None
    return parts, cells


def clean_workbook(title: str, head: str, facts: tuple[tuple[str, str], ...]) -> bytes | None:
    """Return the workbook of a report without findings, or None to draw it the ordinary way."""
    texts = (head, *(value for _, value in facts))
    if not all(_fits(printable(text)) for text in texts):
        return None
    widths = (HEADLINE_WIDTH,) + (FACT_WIDTH,) * len(facts)
    lines = tuple(lines_of(text, width) for text, width in zip(texts, widths, strict=True))
    drawing = _drawing(title, tuple(label for label, _ in facts), lines)
    if drawing is None:
        return None
    parts, cells = drawing
    entries = []
    for name, content in parts:
        if name == SHEET:
            for cell, text in zip(cells, texts, strict=True):
                content = content.replace(cell, b"<t>" + _escaped(printable(text)) + b"</t>")
        entries.append((name, content))
    return fixed_zip(entries)
