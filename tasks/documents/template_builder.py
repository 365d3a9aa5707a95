"""Build the Word-editable .docx templates of doc_templates/ (run again after changing this file).

Usage: .venv/bin/python -m tasks.documents.template_builder [--out doc_templates]

Every format of Decree 30/2020/NĐ-CP lives here as a named style of the template (fonts, sizes,
spacing, rules, the page-number header), so that a clerk changes it in Word and the render code
only fills placeholders. The two sets differ where the law differs: under Decree 152/2025 each
person is listed with the post and unit when the achievement was made and the current ones.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.styles.style import ParagraphStyle
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from tasks.documents import ooxml
from tasks.documents.render import Properties, save_stable, templates_dir

FONT = "Times New Roman"
TEXT_WIDTH_MM = 165  # A4 210 mm minus the left (30 mm) and right (15 mm) margins
HEADER_WIDTHS = (62, 103)
CLOSING_WIDTHS = (75, 90)
BUILT = datetime(2025, 7, 1, tzinfo=UTC)  # fixed, so that a rebuild gives the same bytes
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
SETS = {
    "nd-91-2017": "Nghị định số 91/2017/NĐ-CP",
    "nd-152-2025": "Nghị định số 152/2025/NĐ-CP",
}
THEMATIC_NOTE = (
    "Hình thức khen thưởng theo chuyên đề không làm căn cứ để xét tặng các hình thức khen "
    "thưởng cấp cao hơn."
)
PEOPLE_NOTE = (
    "Danh sách cá nhân ghi rõ chức vụ, đơn vị công tác tại thời điểm lập thành tích và chức "
    "vụ, đơn vị công tác hiện nay, theo việc sắp xếp tổ chức bộ máy và đơn vị hành chính."
)
Parent = DocumentObject | _Cell


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
    "TT Ghi chú hệ thống": Look(size=12, bold=True, italic=True, align="center", box=True),
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


# --- building blocks ---------------------------------------------------------------------------


def para(parent: Parent, text: str, style: str) -> Paragraph:
    """Add a paragraph of one run in style (placeholders stay whole in one run)."""
    paragraph = parent.add_paragraph(style=style)
    if text:
        paragraph.add_run(text)
    return paragraph


def runs(parent: Parent, parts: Sequence[tuple[str, str | None]], style: str) -> Paragraph:
    """Add a paragraph of runs, each (text, character style or None)."""
    paragraph = parent.add_paragraph(style=style)
    for text, character in parts:
        paragraph.add_run(text, style=character)
    return paragraph


def loop(parent: Parent, items: str, var: str, text: str, style: str) -> None:
    """Add one paragraph per item: {%p for var in items %} text {%p endfor %}."""
    para(parent, f"{{%p for {var} in {items} %}}", style)
    para(parent, text, style)
    para(parent, "{%p endfor %}", style)


def when(parent: Parent, condition: str, body: Callable[[], object], style: str = "Normal") -> None:
    """Add body only when condition holds: {%p if condition %} … {%p endif %}."""
    para(parent, f"{{%p if {condition} %}}", style)
    body()
    para(parent, "{%p endif %}", style)


def _first_paragraph(cell: _Cell, text: str, style: str) -> None:
    first = cell.paragraphs[0]
    first.style = style
    if text:
        first.add_run(text)


def frame(document: DocumentObject, rows: int, widths: Sequence[float], style: str) -> Table:
    """Add a table of fixed column widths (mm) in a table style."""
    table = document.add_table(rows=rows, cols=len(widths))
    table.style = document.styles[style]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tblpr = table._tbl.tblPr
    ooxml.fixed_layout(tblpr)
    ooxml.column_widths(table._tbl, [Mm(width) for width in widths])
    return table


def header_table(document: DocumentObject, *, dated: bool = True) -> None:
    """Add the two-column header: bodies and number left; motto, place and date right."""
    table = frame(document, 2, HEADER_WIDTHS, "TT Bảng không viền")
    left, right = table.rows[0].cells
    _first_paragraph(left, "{%p for line in header.parent_lines %}", "TT Cơ quan chủ quản")
    para(left, "{{ line }}", "TT Cơ quan chủ quản")
    para(left, "{%p endfor %}", "TT Cơ quan chủ quản")
    loop(left, "header.issuer_lines", "line", "{{ line }}", "TT Cơ quan ban hành")
    para(left, "", "TT Gạch dưới cơ quan")
    _first_paragraph(right, NATION, "TT Quốc hiệu")
    para(right, MOTTO, "TT Tiêu ngữ")
    para(right, "", "TT Gạch dưới tiêu ngữ")
    number, place = table.rows[1].cells
    _first_paragraph(number, "{{ header.number_line }}", "TT Số, ký hiệu")
    _first_paragraph(place, "{{ header.place_date }}" if dated else "", "TT Địa danh, ngày tháng")


def title(document: DocumentObject, kind: str, summary: str) -> None:
    """Add the document type, the summary line and the short rule below it."""
    para(document, kind, "TT Tên loại")
    para(document, summary, "TT Trích yếu")
    para(document, "", "TT Gạch dưới trích yếu")


def citations(document: DocumentObject) -> None:
    """Add the legal bases, one a line, in italics."""
    loop(document, "citations", "line", "{{ line }}", "TT Căn cứ")


def signature(cell: _Cell, signer: str, *, first: bool) -> None:
    """Fill a cell with a signature block: authority line, title, space, name."""
    opening = f"{{%p if {signer}.authority_line %}}"
    if first:
        _first_paragraph(cell, opening, "TT Thẩm quyền ký")
    else:
        para(cell, opening, "TT Thẩm quyền ký")
    para(cell, f"{{{{ {signer}.authority_line }}}}", "TT Thẩm quyền ký")
    para(cell, "{%p endif %}", "TT Thẩm quyền ký")
    para(cell, f"{{{{ {signer}.title }}}}", "TT Chức vụ người ký")
    para(cell, f"{{{{ {signer}.name }}}}", "TT Người ký")


def closing(document: DocumentObject, *, left_signer: str | None = None) -> None:
    """Add the closing: recipients (or a second signer) left, the signature right."""
    table = frame(document, 1, CLOSING_WIDTHS, "TT Bảng không viền")
    left, right = table.rows[0].cells
    if left_signer:
        signature(left, left_signer, first=True)
    else:
        _first_paragraph(left, "Nơi nhận:", "TT Nơi nhận")
        loop(left, "recipients", "line", "{{ line }}", "TT Nơi nhận danh sách")
    signature(right, "signer", first=True)


def data_table(
    document: DocumentObject,
    *,
    items: str,
    var: str,
    columns: Sequence[tuple[str, float, str, str]],
) -> None:
    """Add a bordered table: a repeated heading row, then one row per item.

    Args:
        document: where to add it.
        items: the context list the rows come from.
        var: the loop variable.
        columns: (heading, width in mm, cell text, cell style) per column.
    """
    table = frame(document, 4, [width for _, width, _, _ in columns], "TT Bảng lưới")
    heading, opening, body, ending = table.rows
    ooxml.repeat_as_header(heading._tr)
    ooxml.cant_split(body._tr)
    for cell, (label, _, _, _) in zip(heading.cells, columns, strict=True):
        _first_paragraph(cell, label, "TT Bảng tiêu đề")
    _first_paragraph(opening.cells[0], f"{{%tr for {var} in {items} %}}", "TT Bảng")
    for cell, (_, _, text, style) in zip(body.cells, columns, strict=True):
        _first_paragraph(cell, text, style)
    _first_paragraph(ending.cells[0], "{%tr endfor %}", "TT Bảng")
    para(document, "", "TT Bảng ghi chú")


def person_columns(template_set: str, var: str) -> list[tuple[str, float, str, str]]:
    """Return the post-and-unit columns of a person, as the set's decree lists them."""
    if template_set == "nd-152-2025":
        return [
            ("Chức vụ, đơn vị khi lập thành tích", 52, f"{{{{ {var}.then }}}}", "TT Bảng"),
            ("Chức vụ, đơn vị hiện nay", 52, f"{{{{ {var}.now }}}}", "TT Bảng"),
        ]
    return [("Chức vụ, đơn vị công tác", 104, f"{{{{ {var}.then }}}}", "TT Bảng")]


def thematic(document: DocumentObject) -> None:
    """Add the rule that a thematic award is not grounds for higher awards, when it applies."""
    when(document, "thematic_not_grounds", lambda: para(document, THEMATIC_NOTE, "Normal"))


def new_document() -> DocumentObject:
    """Return an empty document with the styles and the page set up."""
    document = Document()
    define_styles(document)
    setup_page(document)
    body = document.element.body
    for paragraph in list(body.iterchildren(qn("w:p"))):
        body.remove(paragraph)
    return document


# --- the documents -----------------------------------------------------------------------------


def to_trinh(template_set: str) -> DocumentObject:
    """Build the Tờ trình of the appraising department to the Chairman."""
    document = new_document()
    header_table(document)
    title(document, "TỜ TRÌNH", "{{ summary }}")
    para(document, "Kính gửi: {{ addressee }}.", "TT Kính gửi")
    citations(document)
    para(document, "I. KẾT QUẢ TỔ CHỨC PHONG TRÀO VÀ XÉT CHỌN", "TT Đề mục")
    loop(document, "outcome_lines", "line", "{{ line }}", "Normal")
    when(document, "meeting", lambda: para(document, "{{ meeting_line }}", "Normal"))
    para(document, "II. ĐỀ NGHỊ KHEN THƯỞNG", "TT Đề mục")
    para(document, "{{ proposal_line }}", "Normal")
    loop(document, "proposal_groups", "line", "{{ line }}", "Normal")
    if template_set == "nd-152-2025":
        para(document, PEOPLE_NOTE, "Normal")
    thematic(document)
    para(document, "{{ closing_line }}", "Normal")
    closing(document)
    return document


def _vote_table(document: DocumentObject, items: str, template_set: str) -> None:
    name = "{{ v.name }}"
    if template_set == "nd-152-2025":
        name = "{{ v.name }}{% if v.then %} - {{ v.then }}{% endif %}"
    data_table(
        document,
        items=items,
        var="v",
        columns=[
            ("STT", 12, "{{ v.no }}", "TT Bảng giữa"),
            ("Tên tập thể, cá nhân", 51, name, "TT Bảng"),
            ("Đơn vị đề nghị", 32, "{{ v.unit }}", "TT Bảng"),
            ("Tán thành", 16, "{{ v.votes_for }}", "TT Bảng giữa"),
            ("Không tán thành", 16, "{{ v.votes_against }}", "TT Bảng giữa"),
            ("Không ý kiến", 16, "{{ v.votes_abstain }}", "TT Bảng giữa"),
            ("Kết quả", 22, "{{ v.result }}", "TT Bảng giữa"),
        ],
    )


def bien_ban(template_set: str) -> DocumentObject:
    """Build the minutes of the appraisal council: attendance and the vote per candidate."""
    document = new_document()
    header_table(document, dated=False)
    title(document, "BIÊN BẢN", "{{ summary }}")
    para(document, "{{ opening_line }}", "Normal")
    para(document, "Địa điểm: {{ venue }}.", "Normal")
    para(document, "I. THÀNH PHẦN", "TT Đề mục")
    para(document, "{{ attendance_line }}", "Normal")
    loop(document, "attendees", "line", "{{ line }}", "Normal")
    para(document, "Chủ trì: {{ chair_line }}.", "Normal")
    para(document, "Thư ký: {{ secretary_line }}.", "Normal")
    para(document, "II. NỘI DUNG", "TT Đề mục")
    loop(document, "proceedings", "line", "{{ line }}", "Normal")
    for label, items in (("tập thể", "votes_collective"), ("cá nhân", "votes_individual")):

        def body(label: str = label, items: str = items) -> None:
            para(document, f"Kết quả bỏ phiếu đối với {label}:", "TT Đề mục")
            _vote_table(document, items, template_set)

        when(document, items, body)
    when(document, "reasons", lambda: loop(document, "reasons", "line", "{{ line }}", "Normal"))
    para(document, "III. KẾT LUẬN", "TT Đề mục")
    para(document, "{{ conclusion_line }}", "Normal")
    para(document, "{{ ending_line }}", "Normal")
    closing(document, left_signer="secretary")
    return document


def bao_cao_thanh_tich(template_set: str) -> DocumentObject:
    """Build the achievement report of a collective or a person (thematic movement form)."""
    document = new_document()
    when(
        document,
        "generated",
        lambda: para(document, "{{ generated_note }}", "TT Ghi chú hệ thống"),
    )
    header_table(document)
    title(document, "BÁO CÁO THÀNH TÍCH ĐỀ NGHỊ KHEN THƯỞNG", "{{ summary }}")
    para(document, "({{ form }})", "TT Giữa nghiêng")
    para(document, "{{ subject_line }}", "TT Giữa đậm")
    para(document, "I. THÔNG TIN CHUNG", "TT Đề mục")
    loop(document, "general", "line", "{{ line }}", "Normal")
    if template_set == "nd-152-2025":

        def posts() -> None:
            para(document, "Chức vụ, đơn vị khi lập thành tích: {{ post_then }}.", "Normal")
            para(document, "Chức vụ, đơn vị hiện nay: {{ post_now }}.", "Normal")

        when(document, "is_person", posts)
    else:
        when(
            document,
            "is_person",
            lambda: para(document, "Chức vụ, đơn vị công tác: {{ post_then }}.", "Normal"),
        )
    para(document, "II. THÀNH TÍCH ĐẠT ĐƯỢC", "TT Đề mục")
    para(document, "1. Kết quả thực hiện các tiêu chí của Phong trào qua các năm", "TT Đề mục")
    para(document, "{{ years_intro }}", "TT Dẫn bảng")
    data_table(
        document,
        items="years",
        var="y",
        columns=[
            ("Năm", 18, "{{ y.year }}", "TT Bảng giữa"),
            ("Báo cáo năm", 37, "{{ y.status }}", "TT Bảng"),
            ("Điểm", 22, "{{ y.score }}", "TT Bảng giữa"),
            ("Xếp hạng trong cụm, khối", 38, "{{ y.rank }}", "TT Bảng"),
            ("Tiêu chí đạt", 50, "{{ y.criteria }}", "TT Bảng"),
        ],
    )

    def criteria() -> None:
        para(document, "{{ criteria_intro }}", "TT Dẫn bảng")
        data_table(
            document,
            items="criteria",
            var="c",
            columns=[
                ("Tiêu chí", 85, "{{ c.content }}", "TT Bảng"),
                ("Kết quả", 28, "{{ c.value }}", "TT Bảng giữa"),
                ("Mục tiêu", 24, "{{ c.target }}", "TT Bảng giữa"),
                ("Đánh giá", 28, "{{ c.status }}", "TT Bảng giữa"),
            ],
        )

    when(document, "criteria", criteria)
    loop(document, "year_notes", "line", "{{ line }}", "Normal")
    para(document, "2. Thành tích nổi bật", "TT Đề mục")
    loop(document, "achievements", "line", "{{ line }}", "Normal")
    para(document, "3. Sáng kiến, giải pháp", "TT Đề mục")
    loop(document, "initiatives", "line", "{{ line }}", "Normal")
    para(document, "III. ĐỀ NGHỊ KHEN THƯỞNG", "TT Đề mục")
    para(document, "{{ award_line }}", "Normal")
    thematic(document)
    closing(document, left_signer="confirmer")
    return document


def du_thao_quyet_dinh(template_set: str) -> DocumentObject:
    """Build the Chairman's decision awarding the Bằng khen, with the list attached."""
    document = new_document()
    when(document, "draft", lambda: para(document, "Dự thảo", "TT Dấu dự thảo"))
    header_table(document)
    title(document, "QUYẾT ĐỊNH", "{{ summary }}")
    para(document, "{{ authority_title }}", "TT Thẩm quyền ban hành")
    citations(document)
    para(document, "{{ proposal_basis }}", "TT Căn cứ")
    para(document, "QUYẾT ĐỊNH:", "TT Giữa đậm")
    runs(document, [("Điều 1. ", "TT Chữ đậm"), ("{{ article_1 }}", None)], "Normal")
    thematic(document)
    runs(document, [("Điều 2. ", "TT Chữ đậm"), ("{{ article_2 }}", None)], "Normal")
    runs(document, [("Điều 3. ", "TT Chữ đậm"), ("{{ article_3 }}", None)], "Normal")
    closing(document)
    para(document, "Danh sách", "TT Tiêu đề phụ lục")
    para(document, "{{ list_summary }}", "TT Giữa đậm")
    para(document, "({{ list_reference }})", "TT Giữa nghiêng")

    def collectives() -> None:
        para(document, "I. TẬP THỂ ({{ collectives | length }})", "TT Đề mục")
        data_table(
            document,
            items="collectives",
            var="a",
            columns=[
                ("STT", 12, "{{ a.no }}", "TT Bảng giữa"),
                ("Tên tập thể", 153, "{{ a.name }}", "TT Bảng"),
            ],
        )

    def persons() -> None:
        para(document, "II. CÁ NHÂN ({{ persons | length }})", "TT Đề mục")
        extra = person_columns(template_set, "a")
        data_table(
            document,
            items="persons",
            var="a",
            columns=[
                ("STT", 12, "{{ a.no }}", "TT Bảng giữa"),
                (
                    "Họ và tên",
                    153 - sum(width for _, width, _, _ in extra),
                    "{{ a.name }}",
                    "TT Bảng",
                ),
                *extra,
            ],
        )

    when(document, "collectives", collectives)
    when(document, "persons", persons)
    para(document, "{{ list_total }}", "TT Giữa nghiêng")
    return document


def bao_cao_tong_hop() -> DocumentObject:
    """Build the yearly summary report of the movement: tables and a chart."""
    document = new_document()
    header_table(document)
    title(document, "BÁO CÁO", "{{ summary }}")
    para(document, "Kính gửi: {{ addressee }}.", "TT Kính gửi")
    para(document, "{{ intro }}", "Normal")
    para(document, "I. TÌNH HÌNH GỬI BÁO CÁO", "TT Đề mục")
    loop(document, "province_lines", "line", "{{ line }}", "Normal")
    group_columns = [
        ("Phải báo cáo", 22, "{{ g.expected }}", "TT Bảng giữa"),
        ("Đã báo cáo", 22, "{{ g.reported }}", "TT Bảng giữa"),
        ("Đúng hạn", 22, "{{ g.on_time }}", "TT Bảng giữa"),
        ("Tỷ lệ báo cáo", 22, "{{ g.reporting_rate }}", "TT Bảng giữa"),
        ("Điểm bình quân", 22, "{{ g.mean_score }}", "TT Bảng giữa"),
    ]
    para(document, "1. Theo loại đơn vị", "TT Đề mục")
    data_table(
        document,
        items="by_kind",
        var="g",
        columns=[("Loại đơn vị", 55, "{{ g.group }}", "TT Bảng"), *group_columns],
    )
    para(document, "{{ chart }}", "TT Hình")
    para(document, "{{ chart_caption }}", "TT Giữa nghiêng")
    para(document, "2. Theo cụm, khối thi đua", "TT Đề mục")
    data_table(
        document,
        items="by_block",
        var="g",
        columns=[("Cụm, khối", 55, "{{ g.group }}", "TT Bảng"), *group_columns],
    )
    para(document, "II. MỨC ĐỘ ĐẠT CÁC TIÊU CHÍ", "TT Đề mục")
    data_table(
        document,
        items="criteria",
        var="c",
        columns=[
            ("Tiêu chí", 95, "{{ c.content }}", "TT Bảng"),
            ("Đạt / áp dụng", 35, "{{ c.met }}", "TT Bảng giữa"),
            ("Tỷ lệ đạt", 35, "{{ c.share }}", "TT Bảng giữa"),
        ],
    )
    para(document, "III. ĐƠN VỊ DẪN ĐẦU CÁC CỤM, KHỐI", "TT Đề mục")
    data_table(
        document,
        items="leaders",
        var="u",
        columns=[
            ("Cụm, khối", 55, "{{ u.block }}", "TT Bảng"),
            ("Đơn vị", 80, "{{ u.name }}", "TT Bảng"),
            ("Điểm", 30, "{{ u.score }}", "TT Bảng giữa"),
        ],
    )
    para(document, "IV. VIỆC CẦN LÀM TIẾP", "TT Đề mục")
    loop(document, "next_steps", "line", "{{ line }}", "Normal")
    closing(document)
    return document


PHASE_TEMPLATES: dict[str, Callable[[str], DocumentObject]] = {
    "to-trinh.docx": to_trinh,
    "bien-ban.docx": bien_ban,
    "bao-cao-thanh-tich.docx": bao_cao_thanh_tich,
    "du-thao-quyet-dinh.docx": du_thao_quyet_dinh,
}
TITLES = {
    "to-trinh.docx": "Mẫu Tờ trình đề nghị khen thưởng",
    "bien-ban.docx": "Mẫu Biên bản họp Hội đồng xét khen thưởng",
    "bao-cao-thanh-tich.docx": "Mẫu Báo cáo thành tích đề nghị khen thưởng theo chuyên đề",
    "du-thao-quyet-dinh.docx": "Mẫu Quyết định tặng Bằng khen của Chủ tịch UBND tỉnh",
    "bao-cao-tong-hop.docx": "Mẫu Báo cáo tổng hợp kết quả Phong trào thi đua hằng năm",
}


def _properties(name: str, basis: str | None) -> Properties:
    return Properties(
        title=TITLES[name],
        subject=f"Thể thức theo Nghị định số 30/2020/NĐ-CP; {basis}" if basis else "",
        author="thidua",
        created=BUILT,
        category="Mẫu văn bản",
    )


def build_all(target: Path) -> list[Path]:
    """Write every template under target; return the paths written."""
    written = []
    for template_set, basis in SETS.items():
        folder = target / template_set
        folder.mkdir(parents=True, exist_ok=True)
        for name, build in PHASE_TEMPLATES.items():
            path = folder / name
            path.write_bytes(save_stable(build(template_set), _properties(name, basis)))
            written.append(path)
    path = target / "bao-cao-tong-hop.docx"
    path.write_bytes(save_stable(bao_cao_tong_hop(), _properties(path.name, None)))
    written.append(path)
    return written


def main() -> None:
    """Build the templates into doc_templates/ (or --out)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=templates_dir())
    args = parser.parse_args()
    for path in build_all(args.out):
        print(path)  # noqa: T201 (a developer's script)


if __name__ == "__main__":
    main()
