"""The raw OOXML edits python-docx has no API for: fonts, borders, fields, sections, layout."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from copy import deepcopy

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Emu

BORDER_SIDES = ("top", "left", "bottom", "right", "insideH", "insideV")


def _child(parent: BaseOxmlElement, tag: str, *, first: bool = False) -> BaseOxmlElement:
    """Return parent's child tag, created (first or last) when missing."""
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        if first:
            parent.insert(0, found)
        else:
            parent.append(found)
    return found


def set_fonts(rpr: BaseOxmlElement, name: str) -> None:
    """Set every script's font of a run or style (ascii, hAnsi, eastAsia, cs) to name."""
    fonts = _child(rpr, "w:rFonts", first=True)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), name)


def set_complex_size(rpr: BaseOxmlElement, half_points: int) -> None:
    """Set the complex-script size (w:szCs) alongside w:sz."""
    _child(rpr, "w:szCs").set(qn("w:val"), str(half_points))


def set_language(rpr: BaseOxmlElement, tag: str) -> None:
    """Set the proofing language of a run or style."""
    lang = _child(rpr, "w:lang")
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attribute), tag)


def paragraph_border(ppr: BaseOxmlElement, side: str, *, eighths: int = 6) -> None:
    """Draw a single line on one side of a paragraph (a rule under a header line)."""
    borders = _child(ppr, "w:pBdr")
    line = _child(borders, f"w:{side}")
    line.set(qn("w:val"), "single")
    line.set(qn("w:sz"), str(eighths))
    line.set(qn("w:space"), "1")
    line.set(qn("w:color"), "000000")


def table_borders(tblpr: BaseOxmlElement, *, eighths: int | None) -> None:
    """Set all borders of a table (or a table style): single lines, or none."""
    borders = _child(tblpr, "w:tblBorders")
    for side in BORDER_SIDES:
        line = _child(borders, f"w:{side}")
        line.set(qn("w:val"), "single" if eighths else "nil")
        if eighths:
            line.set(qn("w:sz"), str(eighths))
            line.set(qn("w:space"), "0")
            line.set(qn("w:color"), "000000")


def fixed_layout(tblpr: BaseOxmlElement) -> None:
    """Keep column widths as set, whatever the text (long names wrap instead)."""
    _child(tblpr, "w:tblLayout").set(qn("w:type"), "fixed")


def cell_margins(tblpr: BaseOxmlElement, *, left: int, right: int) -> None:
    """Set a table's default left and right cell margins, in twentieths of a point."""
    margins = _child(tblpr, "w:tblCellMar")
    for side, value in (("left", left), ("right", right)):
        element = _child(margins, f"w:{side}")
        element.set(qn("w:w"), str(value))
        element.set(qn("w:type"), "dxa")


def column_widths(tbl: BaseOxmlElement, widths: Sequence[int]) -> None:
    """Set the grid and every cell's width, so that Word and LibreOffice agree."""
    grid = tbl.find(qn("w:tblGrid"))
    if grid is not None:
        for column, width in zip(grid.findall(qn("w:gridCol")), widths, strict=False):
            column.set(qn("w:w"), str(Emu(width).twips))
    for row in tbl.findall(qn("w:tr")):
        for cell, width in zip(row.findall(qn("w:tc")), widths, strict=False):
            tcw = _child(_child(cell, "w:tcPr", first=True), "w:tcW")
            tcw.set(qn("w:w"), str(Emu(width).twips))
            tcw.set(qn("w:type"), "dxa")


def repeat_as_header(tr: BaseOxmlElement) -> None:
    """Repeat a table row at the top of every page the table spans."""
    _child(_child(tr, "w:trPr", first=True), "w:tblHeader").set(qn("w:val"), "1")


def cant_split(tr: BaseOxmlElement) -> None:
    """Keep a table row on one page."""
    _child(_child(tr, "w:trPr", first=True), "w:cantSplit").set(qn("w:val"), "1")


def page_number_field(p: BaseOxmlElement) -> None:
    """Append a PAGE field (the current page number) to a paragraph."""
    for kind, text in (("begin", None), ("instr", " PAGE "), ("separate", None), ("text", "2")):
        run = OxmlElement("w:r")
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run.append(instr)
        elif kind == "text":
            shown = OxmlElement("w:t")
            shown.text = text
            run.append(shown)
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run.append(char)
        p.append(run)
    end = OxmlElement("w:r")
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), "end")
    end.append(char)
    p.append(end)


def restart_page_numbers(sectpr: BaseOxmlElement) -> None:
    """Number the section's pages from 1 again."""
    _child(sectpr, "w:pgNumType").set(qn("w:start"), "1")


def section_break(body_sectpr: BaseOxmlElement) -> BaseOxmlElement:
    """Return a paragraph ending a section laid out like body_sectpr, numbered from 1."""
    p = OxmlElement("w:p")
    ppr = _child(p, "w:pPr")
    sectpr = deepcopy(body_sectpr)
    for old in sectpr.findall(qn("w:type")):
        sectpr.remove(old)
    restart_page_numbers(sectpr)
    ppr.append(sectpr)
    return p


def stable_numbering_ids(numbering: BaseOxmlElement) -> None:
    """Replace random list ids (w:nsid) by ones derived from each list's number."""
    for abstract in numbering.findall(qn("w:abstractNum")):
        nsid = abstract.find(qn("w:nsid"))
        if nsid is not None:
            seed = abstract.get(qn("w:abstractNumId"), "0").encode()
            nsid.set(qn("w:val"), hashlib.sha256(seed).hexdigest()[:8].upper())
