"""The Tờ trình, the Biên bản and the Quyết định: their wording, with the data as placeholders."""

from __future__ import annotations

from docx.document import Document as DocumentObject

from tools.templates.blocks import (
    citations,
    closing,
    data_table,
    header_table,
    loop,
    new_document,
    para,
    recipients,
    thematic,
    title,
    when,
)

PEOPLE_NOTE = (
    "Danh sách cá nhân ghi rõ chức vụ, đơn vị công tác tại thời điểm lập thành tích và chức "
    "vụ, đơn vị công tác hiện nay, theo việc sắp xếp tổ chức bộ máy và đơn vị hành chính."
)
SUMMARY = (
    "Về việc đề nghị tặng {{ phase.award_form }} cho các tập thể, cá nhân "
    "có thành tích xuất sắc trong {{ phase.name_lower }} {{ movement.name }}"
)


def to_trinh(template_set: str) -> DocumentObject:
    """Build the Tờ trình of the appraising department to the decider (Chairman, Minister)."""
    document = new_document()
    header_table(document)
    title(document, "TỜ TRÌNH", SUMMARY)
    para(document, "Kính gửi: {{ phase.decider }}.", "TT Kính gửi")
    citations(document)
    para(document, "I. KẾT QUẢ TỔ CHỨC THỰC HIỆN PHONG TRÀO", "TT Đề mục")
    para(
        document,
        "Thực hiện Kế hoạch số {{ movement.plan_number }} {{ movement.plan_date }} của "
        "{{ movement.plan_issuer }} phát động Phong trào thi đua {{ movement.name }}, các cơ "
        "quan, đơn vị, địa phương đã tổ chức thực hiện và báo cáo kết quả hằng năm như sau:",
        "TT Dẫn bảng",
    )
    data_table(
        document,
        items="years",
        var="y",
        columns=[
            ("Năm", 16, "{{ y.year }}", "TT Bảng giữa"),
            ("Đơn vị phải báo cáo", 27, "{{ y.expected }}", "TT Bảng giữa"),
            ("Đã báo cáo", 24, "{{ y.reported }}", "TT Bảng giữa"),
            ("Đúng hạn", 22, "{{ y.on_time }}", "TT Bảng giữa"),
            ("Tỷ lệ báo cáo", 24, "{{ y.rate }}", "TT Bảng giữa"),
            ("Điểm bình quân", 24, "{{ y.mean_score }}", "TT Bảng giữa"),
            ("Đạt mọi tiêu chí", 28, "{{ y.criteria_met }}", "TT Bảng giữa"),
        ],
    )
    para(document, "II. KẾT QUẢ XÉT CHỌN", "TT Đề mục")
    para(
        document,
        "Các cơ quan, đơn vị, địa phương đã đề nghị khen thưởng {{ counts.nominated.total }} "
        "trường hợp ({{ counts.nominated.tap_the }} tập thể, {{ counts.nominated.ca_nhan }} cá "
        "nhân){% if counts.any_left_out %}; {{ counts.left_out.total }} trường hợp không đưa ra "
        "xét do hồ sơ đã được đơn vị thay thế bằng báo cáo gửi lại hoặc không hợp lệ"
        "{% endif %}.",
        "Normal",
    )
    para(
        document,
        "{% if meeting.held %}Ngày {{ meeting.date }}, Hội đồng xét khen thưởng đã họp "
        "({{ meeting.present }}/{{ meeting.total }} thành viên có mặt) và xem xét "
        "{% else %}Đã xem xét {% endif %}{{ counts.considered.total }} trường hợp "
        "({{ counts.considered.tap_the }} tập thể, {{ counts.considered.ca_nhan }} cá nhân), "
        "trong đó {{ counts.eligible.total }} trường hợp đủ điều kiện theo tiêu chuẩn của Phong "
        "trào{% if counts.any_not_eligible %}, {{ counts.not_eligible.total }} trường hợp chưa "
        "đủ điều kiện{% endif %}; {{ counts.accepted.total }} trường hợp "
        "({{ counts.accepted.tap_the }} tập thể, {{ counts.accepted.ca_nhan }} cá nhân) được "
        "Hội đồng thống nhất đề nghị khen thưởng trong chỉ tiêu của đợt (tối đa "
        "{{ phase.quota_collective }} tập thể và {{ phase.quota_individual }} cá nhân)"
        "{% if meeting.held %}, có Biên bản kèm theo{% endif %}.",
        "Normal",
    )
    para(document, "III. ĐỀ NGHỊ KHEN THƯỞNG", "TT Đề mục")
    para(
        document,
        "{{ phase.appraiser }} kính trình {{ phase.decider }} (qua "
        "{{ phase.home_affairs }}) xem xét, tặng {{ phase.award }} cho "
        "{{ counts.proposed.tap_the }} tập thể và {{ counts.proposed.ca_nhan }} cá nhân đã có "
        "thành tích xuất sắc trong {{ phase.name_lower }} giai đoạn {{ phase.span }} (có danh "
        "sách kèm theo Dự thảo Quyết định).",
        "Normal",
    )
    if template_set == "nd-152-2025":
        para(document, PEOPLE_NOTE, "Normal")
    thematic(document)
    para(
        document,
        "{{ phase.appraiser }} kính trình {{ phase.decider }} xem xét, quyết định./.",
        "Normal",
    )
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
            (
                "Kết quả",
                22,
                "{% if v.accepted %}Đề nghị{% else %}Không đề nghị{% endif %}",
                "TT Bảng giữa",
            ),
        ],
    )


def bien_ban(template_set: str) -> DocumentObject:
    """Build the minutes of the appraisal council: attendance and the vote per candidate."""
    document = new_document()
    header_table(document, dated=False)
    title(
        document,
        "BIÊN BẢN",
        "Họp Hội đồng xét đề nghị khen thưởng {{ phase.name_lower }} giai đoạn {{ phase.span }}",
    )
    para(
        document,
        "Vào hồi {{ start }}, {{ date }}, tại {{ venue }}, Hội đồng xét khen thưởng "
        "{{ phase.name_lower }} giai đoạn {{ phase.span }} họp xét các trường hợp đề nghị tặng "
        "{{ phase.award }}.",
        "Normal",
    )
    para(document, "I. THÀNH PHẦN", "TT Đề mục")
    para(document, "Có mặt {{ present }}/{{ total }} thành viên Hội đồng:", "Normal")
    loop(document, "attendees", "line", "{{ line }}", "Normal")

    def absent() -> None:
        para(document, "Vắng mặt {{ absent_count }} thành viên:", "Normal")
        loop(document, "absent", "line", "{{ line }}", "Normal")

    when(document, "absent", absent)
    para(document, "Chủ trì: {{ chair }}.", "Normal")
    para(document, "Thư ký: {{ secretary }}.", "Normal")
    para(document, "II. NỘI DUNG", "TT Đề mục")
    para(
        document,
        "Hội đồng xem xét {{ counts.considered.total }} trường hợp đề nghị "
        "({{ counts.considered.tap_the }} tập thể, {{ counts.considered.ca_nhan }} cá nhân) "
        "trên cơ sở kết quả chấm điểm, xếp hạng theo tiêu chuẩn của Phong trào và chỉ tiêu khen "
        "thưởng của đợt (tối đa {{ phase.quota_collective }} tập thể và "
        "{{ phase.quota_individual }} cá nhân). Hội đồng biểu quyết đối với từng trường hợp; "
        "kết quả như sau:",
        "Normal",
    )
    for label, items in (
        ("1. Đối với tập thể", "votes_collective"),
        ("2. Đối với cá nhân", "votes_individual"),
    ):

        def body(label: str = label, items: str = items) -> None:
            para(document, label, "TT Đề mục")
            _vote_table(document, items, template_set)

        when(document, items, body)

    def reasons() -> None:
        para(document, "Các trường hợp không được đề nghị và lý do:", "Normal")
        loop(document, "declined", "line", "{{ line }}", "Normal")

    when(document, "declined", reasons)
    para(document, "III. KẾT LUẬN", "TT Đề mục")
    para(
        document,
        "Hội đồng thống nhất đề nghị {{ phase.decider }} tặng {{ phase.award }} cho "
        "{{ accepted.tap_the }} tập thể và {{ accepted.ca_nhan }} cá nhân có kết quả "
        "“Đề nghị” nêu trên.",
        "Normal",
    )
    para(
        document,
        "Biên bản đã được đọc lại trước Hội đồng; các thành viên dự họp nhất trí thông qua "
        "toàn bộ nội dung Biên bản.",
        "Normal",
    )
    para(document, "Cuộc họp kết thúc vào hồi {{ end }}, {{ date }}./.", "Normal")
    closing(document, left_signer="secretary_sign")
    recipients(document)
    return document
