"""Read rendered documents back: their text, their styles' effective values."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from typing import Any

from docx import Document
from docx.document import Document as DocumentObject
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph


def open_docx(data: bytes) -> DocumentObject:
    """Open .docx bytes with python-docx."""
    return Document(io.BytesIO(data))


def paragraphs(document: DocumentObject) -> Iterator[Paragraph]:
    """Yield every paragraph of the body, tables included, in order."""

    def walk(container: Any) -> Iterator[Paragraph]:
        for block in container.iter_inner_content():
            if isinstance(block, Paragraph):
                yield block
            elif isinstance(block, Table):
                for row in block.rows:
                    for cell in row.cells:
                        yield from walk(cell)

    yield from walk(document)


def texts(document: DocumentObject) -> list[str]:
    """Return the text of every paragraph, tables included."""
    return [paragraph.text for paragraph in paragraphs(document)]


def effective(style: Any, read: Callable[[Any], Any]) -> Any:
    """Return a style's value, or the nearest base style's where it sets none."""
    while style is not None:
        value = read(style)
        if value is not None:
            return value
        style = style.base_style
    return None


def fonts_of(style: Any) -> dict[str, str | None]:
    """Return the rFonts of a style (ascii, hAnsi, eastAsia, cs), following base styles."""
    found: dict[str, str | None] = {}
    while style is not None:
        rpr = style.element.rPr
        fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
        if fonts is not None:
            for attribute in ("ascii", "hAnsi", "eastAsia", "cs"):
                found.setdefault(attribute, fonts.get(qn(f"w:{attribute}")))
        style = style.base_style
    return found
