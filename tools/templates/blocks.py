"""Building blocks of the templates: paragraphs, loops, conditions, tables, header, closing."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from tasks.documents import ooxml
from tools.templates.styles import CLOSING_WIDTHS, HEADER_WIDTHS, define_styles, setup_page

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
Parent = DocumentObject | _Cell
THEMATIC_NOTE = (
    "Hình thức khen thưởng theo chuyên đề không làm căn cứ để xét tặng các hình thức khen "
    "thưởng cấp cao hơn."
)


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


def signature(cell: _Cell, signer: str, *, first: bool, note: str = "") -> None:
    """Fill a cell with a signature block: authority line, title, a note, space, name."""
    opening = f"{{%p if {signer}.authority_line %}}"
    if first:
        _first_paragraph(cell, opening, "TT Thẩm quyền ký")
    else:
        para(cell, opening, "TT Thẩm quyền ký")
    para(cell, f"{{{{ {signer}.authority_line }}}}", "TT Thẩm quyền ký")
    para(cell, "{%p endif %}", "TT Thẩm quyền ký")
    para(cell, f"{{{{ {signer}.title }}}}", "TT Chức vụ người ký")
    if note:
        para(cell, note, "TT Ghi chú ký")
    para(cell, f"{{{{ {signer}.name }}}}", "TT Người ký")


def closing(
    document: DocumentObject,
    *,
    left_signer: str | None = None,
    left_note: str = "",
    right_note: str = "",
) -> None:
    """Add the closing: recipients (or a second signer) left, the signature right."""
    table = frame(document, 1, CLOSING_WIDTHS, "TT Bảng không viền")
    ooxml.cant_split(table.rows[0]._tr)  # the signature never leaves its recipients or page
    left, right = table.rows[0].cells
    if left_signer:
        signature(left, left_signer, first=True, note=left_note)
    else:
        _first_paragraph(left, "Nơi nhận:", "TT Nơi nhận")
        loop(left, "recipients", "line", "{{ line }}", "TT Nơi nhận danh sách")
    signature(right, "signer", first=True, note=right_note)


def recipients(document: DocumentObject) -> None:
    """Add the recipients alone, under a closing signed on both sides."""
    para(document, "Nơi nhận:", "TT Nơi nhận")
    loop(document, "recipients", "line", "{{ line }}", "TT Nơi nhận danh sách")


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
    when(document, "phase.thematic_not_grounds", lambda: para(document, THEMATIC_NOTE, "Normal"))


def new_document() -> DocumentObject:
    """Return an empty document with the styles and the page set up."""
    document = Document()
    define_styles(document)
    setup_page(document)
    body = document.element.body
    for paragraph in list(body.iterchildren(qn("w:p"))):
        body.remove(paragraph)
    return document
