"""The styles of the templates: every format of Decree 30/2020/NĐ-CP as a named Word style."""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.styles.style import ParagraphStyle

from tasks.documents import ooxml

FONT = "Times New Roman"
TEXT_WIDTH_MM = 165  # A4 210 mm minus the left (30 mm) and right (15 mm) margins
HEADER_WIDTHS = (62, 103)
CLOSING_WIDTHS = (75, 90)


@dataclass(frozen=True)
class Look:
    """One paragraph style: size, weight, alignment, indents and spacing."""

    size: float = 14
    bold: bool = False
    italic: bool = False
    caps: bool = False
    align: str = "justify"
    first_line_mm: float = 0
    left_mm: float = 0
    right_mm: float = 0
    before: float = 0
    after: float = 6
    keep_with_next: bool = False
    page_break_before: bool = False
    rule: str | None = None  # a border on this side of the paragraph
    box: bool = False


ALIGN = {
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}
RULE_SHORT_MM = (HEADER_WIDTHS[0] - 26) / 2  # a 26 mm rule under the issuing body
RULE_MOTTO_MM = (HEADER_WIDTHS[1] - 66) / 2  # as long as the motto (about 66 mm at 14 pt)
RULE_SUMMARY_MM = (TEXT_WIDTH_MM - 40) / 2
STYLES: dict[str, Look] = {
    "TT Cơ quan chủ quản": Look(size=13, caps=True, align="center", after=0),
    "TT Cơ quan ban hành": Look(size=13, bold=True, caps=True, align="center", after=0),
    "TT Quốc hiệu": Look(size=12, bold=True, caps=True, align="center", after=0),
    "TT Tiêu ngữ": Look(size=14, bold=True, align="center", after=0),
    "TT Gạch dưới cơ quan": Look(
        size=2,
        align="center",
        left_mm=RULE_SHORT_MM,
        right_mm=RULE_SHORT_MM,
        rule="top",
        before=3,
        after=4,
    ),
    "TT Gạch dưới tiêu ngữ": Look(
        size=2,
        align="center",
        left_mm=RULE_MOTTO_MM,
        right_mm=RULE_MOTTO_MM,
        rule="top",
        before=3,
        after=4,
    ),
    "TT Số, ký hiệu": Look(size=13, align="center", after=0, before=4),
    "TT Địa danh, ngày tháng": Look(size=14, italic=True, align="center", after=0, before=4),
    "TT Dấu dự thảo": Look(
        size=13, bold=True, caps=True, align="center", right_mm=TEXT_WIDTH_MM - 30, box=True
    ),
    "TT Dẫn bảng": Look(size=14, first_line_mm=10, keep_with_next=True),
    "TT Ghi chú ký": Look(size=13, italic=True, align="center", after=0),
    "TT Bìa cơ quan": Look(size=14, bold=True, caps=True, align="center", after=0),
    "TT Bìa tên": Look(size=14, bold=True, caps=True, align="center", before=150, after=12),
    "TT Bìa phụ": Look(size=14, bold=True, align="center", after=6),
    "TT Tên loại": Look(size=14, bold=True, caps=True, align="center", before=18, after=0),
    "TT Trích yếu": Look(size=14, bold=True, align="center", after=0, keep_with_next=True),
    "TT Gạch dưới trích yếu": Look(
        size=2,
        align="center",
        left_mm=RULE_SUMMARY_MM,
        right_mm=RULE_SUMMARY_MM,
        rule="top",
        before=4,
        after=12,
    ),
    "TT Thẩm quyền ban hành": Look(size=14, bold=True, caps=True, align="center", after=12),
    "TT Căn cứ": Look(size=14, italic=True, first_line_mm=10),
    "TT Kính gửi": Look(size=14, align="center", after=12),
    "TT Đề mục": Look(size=14, bold=True, first_line_mm=10, keep_with_next=True),
    "TT Giữa": Look(size=14, align="center"),
    "TT Giữa nghiêng": Look(size=14, italic=True, align="center"),
    "TT Giữa đậm": Look(size=14, bold=True, align="center", keep_with_next=True),
    "TT Tiêu đề phụ lục": Look(
        size=14, bold=True, caps=True, align="center", after=0, page_break_before=True
    ),
    "TT Nơi nhận": Look(size=12, bold=True, italic=True, align="left", after=0, before=6),
    "TT Nơi nhận danh sách": Look(size=11, align="left", after=0),
    "TT Thẩm quyền ký": Look(size=14, bold=True, caps=True, align="center", after=0, before=6),
    "TT Chức vụ người ký": Look(size=14, bold=True, caps=True, align="center", after=0),
    "TT Người ký": Look(size=14, bold=True, align="center", before=72, after=0),
    "TT Bảng": Look(size=12, align="left", after=0, before=2),
    "TT Bảng giữa": Look(size=12, align="center", after=0, before=2),
    "TT Bảng tiêu đề": Look(size=12, bold=True, align="center", after=0, before=2),
    "TT Bảng ghi chú": Look(size=11, italic=True, align="left", after=2),
    "TT Hình": Look(size=12, align="center"),
    "TT Số trang": Look(size=13, align="center", after=0),
}


# --- styles ----------------------------------------------------------------------------------


def _apply(style: ParagraphStyle, look: Look) -> None:
    font = style.font
    font.name = FONT
    font.size = Pt(look.size)
    font.bold = look.bold
    font.italic = look.italic
    font.all_caps = look.caps
    rpr = style.element.get_or_add_rPr()
    ooxml.set_fonts(rpr, FONT)
    ooxml.set_complex_size(rpr, int(look.size * 2))
    paragraph = style.paragraph_format
    paragraph.alignment = ALIGN[look.align]
    paragraph.first_line_indent = Mm(look.first_line_mm)
    paragraph.left_indent = Mm(look.left_mm)
    paragraph.right_indent = Mm(look.right_mm)
    paragraph.space_before = Pt(look.before)
    paragraph.space_after = Pt(look.after)
    paragraph.line_spacing_rule = WD_LINE_SPACING.SINGLE
    paragraph.keep_with_next = look.keep_with_next
    paragraph.page_break_before = look.page_break_before
    paragraph.widow_control = True
    ppr = style.element.get_or_add_pPr()
    if look.rule:
        ooxml.paragraph_border(ppr, look.rule)
    if look.box:
        for side in ("top", "left", "bottom", "right"):
            ooxml.paragraph_border(ppr, side, eighths=8)


KEPT_STYLES = frozenset(
    {"Normal", "Header", "Header Char", "Footer", "Footer Char", "Default Paragraph Font"}
)


def prune_styles(document: DocumentObject) -> None:
    """Drop the blank document's unused styles: a short list for the clerk, a fast merge."""
    for style in list(document.styles):
        if style.name not in KEPT_STYLES and style.element.get(qn("w:default")) != "1":
            style.delete()


def define_styles(document: DocumentObject) -> None:
    """Define Normal (the body text) and every named style the templates use."""
    styles = document.styles
    prune_styles(document)
    normal = styles["Normal"]
    assert isinstance(normal, ParagraphStyle)
    _apply(normal, Look(first_line_mm=10))
    ooxml.set_language(normal.element.get_or_add_rPr(), "vi-VN")
    for name, look in STYLES.items():
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        assert isinstance(style, ParagraphStyle)
        style.base_style = normal
        style.quick_style = True
        _apply(style, look)
    for name, bold, italic in (("TT Chữ đậm", True, False), ("TT Chữ nghiêng", False, True)):
        character = styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
        character.font.bold = bold
        character.font.italic = italic
    for name, eighths in (("TT Bảng lưới", 4), ("TT Bảng không viền", None)):
        table = styles.add_style(name, WD_STYLE_TYPE.TABLE)
        tblpr = table.element.find(qn("w:tblPr"))
        if tblpr is None:
            tblpr = table.element.makeelement(qn("w:tblPr"), {})
            table.element.append(tblpr)
        ooxml.table_borders(tblpr, eighths=eighths)
        ooxml.cell_margins(tblpr, left=57 if eighths else 0, right=57 if eighths else 0)


def setup_page(document: DocumentObject) -> None:
    """Set A4 portrait, the margins, and page numbers in the header from page 2 on."""
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance, section.footer_distance = Mm(10), Mm(10)
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    header = section.header
    header.is_linked_to_previous = False
    number = header.paragraphs[0]
    number.style = document.styles["TT Số trang"]
    ooxml.page_number_field(number._p)
