"""The cover sheet and the Danh mục tài liệu that open the merged dossier: their wording."""

from __future__ import annotations

from docx.document import Document as DocumentObject

from tools.templates.blocks import data_table, loop, new_document, para


def bia_ho_so() -> DocumentObject:
    """Build the cover sheet and the list of the dossier's documents."""
    document = new_document()
    loop(document, "bodies", "line", "{{ line }}", "TT Bìa cơ quan")
    para(document, "HỒ SƠ", "TT Bìa tên")
    para(document, "Đề nghị tặng {{ award }}", "TT Bìa phụ")
    para(
        document,
        "cho các tập thể, cá nhân có thành tích xuất sắc trong {{ phase_name_lower }} "
        "{{ movement_name }} giai đoạn {{ span }}",
        "TT Bìa phụ",
    )
    para(document, "{{ status }}", "TT Giữa nghiêng")
    para(document, "{{ place }}, {{ month_year }}", "TT Giữa nghiêng")
    para(document, "DANH MỤC TÀI LIỆU", "TT Tiêu đề phụ lục")
    para(document, "", "TT Giữa")
    data_table(
        document,
        items="items",
        var="d",
        columns=[
            ("STT", 12, "{{ d.no }}", "TT Bảng giữa"),
            ("Tên tài liệu", 93, "{{ d.title }}", "TT Bảng"),
            ("Nguồn", 60, "{{ d.source }}", "TT Bảng"),
        ],
    )
    para(document, "{{ total_line }}", "TT Giữa nghiêng")
    return document
