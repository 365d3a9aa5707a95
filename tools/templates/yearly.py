"""The yearly summary report (Báo cáo tổng hợp) of the movement: its wording."""

from __future__ import annotations

from docx.document import Document as DocumentObject

from tools.templates.blocks import (
    closing,
    data_table,
    header_table,
    loop,
    new_document,
    para,
    title,
    when,
)


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
    para(document, "IV. CÁC HOẠT ĐỘNG, MÔ HÌNH NỔI BẬT", "TT Đề mục")
    para(
        document,
        "{% if activities %}Các đơn vị đã báo cáo các hoạt động, mô hình sau:{% else %}Các đơn "
        "vị chưa nêu hoạt động, mô hình cụ thể trong báo cáo năm (cột Ghi chú của biểu chỉ "
        "tiêu).{% endif %}",
        "Normal",
    )
    when(
        document, "activities", lambda: loop(document, "activities", "line", "{{ line }}", "Normal")
    )

    def outputs() -> None:
        para(document, "Kết quả cụ thể các đơn vị báo cáo trong năm:", "Normal")
        loop(document, "outputs", "line", "{{ line }}", "Normal")

    when(document, "outputs", outputs)
    para(document, "V. KHÓ KHĂN, VƯỚNG MẮC", "TT Đề mục")
    para(
        document,
        "{% if difficulties %}Qua tổng hợp, Phong trào còn một số khó khăn, hạn chế:{% else %}"
        "Không có khó khăn, vướng mắc nổi bật qua số liệu báo cáo.{% endif %}",
        "Normal",
    )
    when(
        document,
        "difficulties",
        lambda: loop(document, "difficulties", "line", "{{ line }}", "Normal"),
    )

    def anomalies() -> None:
        para(
            document,
            "Số liệu của {{ anomaly_count }} đơn vị có dấu hiệu bất thường, cần đơn vị rà "
            "soát, giải trình:",
            "Normal",
        )
        loop(document, "anomalies", "line", "{{ line }}", "Normal")

    when(document, "anomalies", anomalies)
    para(document, "VI. KIẾN NGHỊ, ĐỀ XUẤT", "TT Đề mục")
    loop(document, "recommendations", "line", "{{ line }}", "Normal")
    closing(document)
    return document
