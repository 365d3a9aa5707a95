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

END = "{% if loop.last %}.{% else %};{% endif %}"  # the last item of a list ends the sentence


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
        document,
        "activities",
        lambda: loop(document, "activities", "a", "- {{ a.unit }}: {{ a.note }}" + END, "Normal"),
    )

    def outputs() -> None:
        para(document, "Kết quả cụ thể các đơn vị báo cáo trong năm:", "Normal")
        loop(document, "outputs", "o", "- {{ o.content }}: {{ o.total }}" + END, "Normal")

    when(document, "outputs", outputs)
    para(document, "V. KHÓ KHĂN, VƯỚNG MẮC", "TT Đề mục")
    para(
        document,
        "{% if difficulties %}Qua tổng hợp, Phong trào còn một số khó khăn, hạn chế:{% else %}"
        "Không có khó khăn, vướng mắc nổi bật qua số liệu báo cáo.{% endif %}",
        "Normal",
    )
    loop(
        document,
        "difficulties",
        "d",
        "- {% if d.kind == 'criterion' %}Tiêu chí {{ d.content }} {% if d.share %}mới có "
        "{{ d.share }} đơn vị áp dụng đạt{% else %}chưa đơn vị nào đạt{% endif %}"
        "{% elif d.kind == 'missing' %}{{ d.count }} đơn vị chưa gửi báo cáo hợp lệ: "
        "{{ d.names }}{% else %}{{ d.count }} đơn vị gửi báo cáo sau hạn: {{ d.names }}"
        "{% endif %}" + END,
        "Normal",
    )

    def anomalies() -> None:
        para(
            document,
            "Số liệu của {{ anomaly_count }} đơn vị có dấu hiệu bất thường, cần đơn vị rà "
            "soát, giải trình:",
            "Normal",
        )
        loop(
            document,
            "anomalies",
            "x",
            "- {{ x.unit }}: {% if x.jump %}tỷ lệ {{ x.content }} {% if x.up %}tăng{% else %}giảm"
            "{% endif %} {{ x.change }} so với năm trước{% else %}số liệu {{ x.content }} khác xa "
            "các đơn vị cùng loại{% endif %}" + END,
            "Normal",
        )

    when(document, "anomalies", anomalies)
    para(document, "VI. KIẾN NGHỊ, ĐỀ XUẤT", "TT Đề mục")
    loop(
        document,
        "recommendations",
        "r",
        "- {% if r.kind == 'criterion' %}Các đơn vị tập trung thực hiện tiêu chí {{ r.content }}"
        "{% elif r.kind == 'reports' %}Thủ trưởng các đơn vị chưa gửi hoặc gửi muộn chỉ đạo gửi "
        "báo cáo đúng hạn, đúng mẫu{% elif r.kind == 'anomalies' %}Các đơn vị có số liệu bất "
        "thường rà soát, giải trình trước khi kết quả được sử dụng{% else %}Các đơn vị ghi các "
        "hoạt động, mô hình hiệu quả vào cột Ghi chú của biểu chỉ tiêu để được tổng hợp, nhân "
        "rộng{% endif %}" + END,
        "Normal",
    )
    closing(document)
    return document
