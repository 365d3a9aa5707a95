"""The cover sheet and the Danh mục tài liệu that open the merged dossier: their wording."""

from __future__ import annotations

from docx.document import Document as DocumentObject

from tools.templates.blocks import data_table, loop, new_document, para

TITLE = (
    "{% if d.kind == 'to_trinh' %}Tờ trình đề nghị khen thưởng của {{ appraiser }}"
    "{% elif d.kind == 'bien_ban' %}Biên bản họp Hội đồng xét khen thưởng"
    "{% elif d.kind == 'quyet_dinh' %}{% if decided %}Quyết định{% else %}Dự thảo Quyết định"
    "{% endif %} tặng Bằng khen, kèm danh sách"
    "{% else %}Báo cáo thành tích: {{ d.name }}{% endif %}"
)
SOURCE = (
    "{% if d.source == 'unit_file' %}Tệp của đơn vị (bản lưu khi thẩm định)"
    "{% elif d.kind == 'bao_cao_thanh_tich' %}Lập từ báo cáo năm và hồ sơ đề nghị của đơn vị"
    "{% else %}Lập từ kết quả xét chọn và quyết định đã ghi nhận{% endif %}"
)


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
    para(
        document,
        "{% if decided %}Quyết định đã ký{% else %}Trình {{ head }} xem xét, quyết định{% endif %}",
        "TT Giữa nghiêng",
    )
    para(document, "{{ place }}, tháng {{ month }} năm {{ year }}", "TT Giữa nghiêng")
    para(document, "DANH MỤC TÀI LIỆU", "TT Tiêu đề phụ lục")
    para(document, "", "TT Giữa")
    data_table(
        document,
        items="items",
        var="d",
        columns=[
            ("STT", 12, "{{ d.no }}", "TT Bảng giữa"),
            ("Tên tài liệu", 93, TITLE, "TT Bảng"),
            ("Nguồn", 60, SOURCE, "TT Bảng"),
        ],
    )
    para(document, "Hồ sơ gồm {{ items | length }} tài liệu./.", "TT Giữa nghiêng")
    return document
