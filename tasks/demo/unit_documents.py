"""The files units attach to their nominations in the demo: reports in form, stubs, PDFs."""

from __future__ import annotations

import io
from datetime import datetime

from docx import Document
from docx.shared import Mm

from models.tables import Unit
from tasks.documents.render import stable_zip


def stub_docx(title: str, lines: list[str]) -> bytes:
    """Return a stub report: a heading and a few lines on Letter paper."""
    document = Document()
    document.core_properties.created = datetime(2022, 10, 10)
    document.core_properties.modified = datetime(2022, 10, 10)
    document.add_heading(title, level=1)
    for line in lines:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return stable_zip(buffer.getvalue())


def report_in_form(name: str, unit: Unit, row: list[object], parent: str) -> bytes:
    """Return an achievement report a careful unit sends: A4, header, sections, signatures.

    parent is the body above the unit as its header prints it (UBND TỈNH BẮC KẠN, BỘ …).
    """
    document = Document()
    document.core_properties.created = datetime(2022, 10, 10)
    document.core_properties.modified = datetime(2022, 10, 10)
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    header = document.add_table(rows=1, cols=2).rows[0].cells
    header[0].text = f"{parent.upper()}\n{unit.name.upper()}"
    header[1].text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    person = row[0] == "ca_nhan"
    for line in (
        "BÁO CÁO THÀNH TÍCH ĐỀ NGHỊ KHEN THƯỞNG",
        name,
        "I. SƠ LƯỢC LÝ LỊCH" if person else "I. THÔNG TIN CHUNG",
        f"- {'Họ và tên' if person else 'Tên tập thể'}: {name}; đơn vị: {unit.name}.",
        "II. THÀNH TÍCH ĐẠT ĐƯỢC",
        f"- {row[6]}.",
        f"- Sáng kiến, giải pháp: {row[7]}.",
        "III. ĐỀ NGHỊ KHEN THƯỞNG",
        "XÁC NHẬN CỦA THỦ TRƯỞNG ĐƠN VỊ" if person else "XÁC NHẬN CỦA CẤP TRÊN TRỰC TIẾP",
        "(Ký, đóng dấu)",
        "NGƯỜI BÁO CÁO THÀNH TÍCH" if person else "THỦ TRƯỞNG ĐƠN VỊ",
        "(Ký, ghi rõ họ tên)" if person else "(Ký, đóng dấu)",
    ):
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return stable_zip(buffer.getvalue())


def tiny_pdf(text: str) -> bytes:
    """Return a one-page PDF with one line of text."""
    body = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1", "replace")
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R>>endobj\n"
        + f"4 0 obj<</Length {len(body)}>>stream\n".encode()
        + body
        + b"\nendstream endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )
