"""Units' own achievement reports for the tests: one in the legal form, stubs, active content."""

from __future__ import annotations

import io
import zipfile

from docx import Document
from docx.shared import Mm

from tasks.documents.render import stable_zip


def in_form(name: str = "Sở Y tế") -> bytes:
    """Return a report in the form: header, title, sections, confirmation, signature, A4."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = f"UBND TỈNH THÁI NGUYÊN\n{name.upper()}"
    table.rows[0].cells[1].text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    for line in (
        "BÁO CÁO THÀNH TÍCH ĐỀ NGHỊ KHEN THƯỞNG",
        f"Báo cáo thành tích do {name} tự lập",
        "I. THÔNG TIN CHUNG",
        "II. THÀNH TÍCH ĐẠT ĐƯỢC",
        "III. ĐỀ NGHỊ KHEN THƯỞNG",
        "XÁC NHẬN CỦA CẤP TRÊN TRỰC TIẾP",
        "THỦ TRƯỞNG ĐƠN VỊ",
        "(Ký, đóng dấu)",
    ):
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return stable_zip(buffer.getvalue())


def stub(text: str = "Báo cáo thành tích") -> bytes:
    """Return a three-line stub on Letter paper, as the demo's units send."""
    document = Document()
    document.add_heading("BÁO CÁO THÀNH TÍCH ĐỀ NGHỊ KHEN THƯỞNG", level=1)
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def with_active_content(data: bytes) -> bytes:
    """Return data with a DDEAUTO field, a remote INCLUDEPICTURE and an external link added."""
    source = zipfile.ZipFile(io.BytesIO(data))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "word/document.xml":
                field = (
                    '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>'
                    ' DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe "/k calc" </w:instrText></w:r>'
                    '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
                    '<w:p><w:fldSimple w:instr=" INCLUDEPICTURE http://x.example/a.png "/></w:p>'
                )
                content = content.replace(b"<w:sectPr", field.encode() + b"<w:sectPr", 1)
            if item.filename == "word/_rels/document.xml.rels":
                link = (
                    '<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/'
                    'officeDocument/2006/relationships/hyperlink" Target="http://x.example/" '
                    'TargetMode="External"/>'
                )
                content = content.replace(b"</Relationships>", link.encode() + b"</Relationships>")
            target.writestr(item, content)
    return output.getvalue()
