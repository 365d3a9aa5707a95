"""The issuer's decision awarding the Bằng khen, with its list: its wording."""

from __future__ import annotations

from docx.document import Document as DocumentObject

from tools.templates.blocks import (
    citations,
    closing,
    data_table,
    header_table,
    new_document,
    para,
    person_columns,
    runs,
    thematic,
    title,
    when,
)


def _cash(document: DocumentObject) -> None:
    runs(
        document,
        [
            ("Điều 2. ", "TT Chữ đậm"),
            (
                "Kèm theo Bằng khen, mỗi tập thể được thưởng {{ cash.collective }} đồng "
                "({{ cash.collective_factor }} lần mức lương cơ sở), mỗi cá nhân được thưởng "
                "{{ cash.individual }} đồng ({{ cash.individual_factor }} lần mức lương cơ sở), "
                "theo {{ cash.basis }}; mức lương cơ sở {{ cash.base_salary }} đồng theo "
                "{{ cash.base_salary_basis }}. Tổng số tiền thưởng: {{ cash.total }} đồng, "
                "chi từ {{ cash.funding }}.",
                None,
            ),
        ],
        "Normal",
    )


def du_thao_quyet_dinh(template_set: str) -> DocumentObject:
    """Build the issuer's decision awarding the Bằng khen, with the list attached."""
    document = new_document()
    when(document, "draft", lambda: para(document, "DỰ THẢO", "TT Dấu dự thảo"))
    header_table(document)
    # A provincial People's Committee's Bằng khen keeps the summary line written since 2022;
    # any other issuer or award form names its own form (a ministry: "… của Bộ trưởng Bộ …").
    when(
        document,
        "phase.award_code == 'bang-khen' and phase.issuer_kind == 'provincial_committee'",
        lambda: title(
            document, "QUYẾT ĐỊNH", "Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"
        ),
    )
    when(
        document,
        "phase.award_code != 'bang-khen' or phase.issuer_kind != 'provincial_committee'",
        lambda: title(document, "QUYẾT ĐỊNH", "Về việc tặng {{ phase.award_form }}"),
    )
    para(document, "{{ authority_title }}", "TT Thẩm quyền ban hành")
    citations(document)
    para(
        document,
        "Theo đề nghị của {{ phase.home_affairs_head }} {{ phase.home_affairs }} tại Tờ trình số "
        "{{ home_affairs_to_trinh.short }} {{ home_affairs_to_trinh.date }} (kèm theo Tờ trình "
        "số {{ to_trinh.short }} {{ to_trinh.date }} của {{ phase.appraiser }}).",
        "TT Căn cứ",
    )
    para(document, "QUYẾT ĐỊNH:", "TT Giữa đậm")
    runs(
        document,
        [
            ("Điều 1. ", "TT Chữ đậm"),
            (
                "Tặng {{ phase.award }} cho {{ counts.tap_the }} tập thể và {{ counts.ca_nhan }} "
                "cá nhân (có danh sách kèm theo) đã có thành tích xuất sắc trong "
                "{{ phase.name_lower }} {{ movement.name }}.",
                None,
            ),
        ],
        "Normal",
    )
    thematic(document)
    when(document, "cash", lambda: _cash(document))
    runs(
        document,
        [
            ("{% if cash %}Điều 3. {% else %}Điều 2. {% endif %}", "TT Chữ đậm"),
            ("Quyết định này có hiệu lực thi hành kể từ ngày ký.", None),
        ],
        "Normal",
    )
    runs(
        document,
        [
            ("{% if cash %}Điều 4. {% else %}Điều 3. {% endif %}", "TT Chữ đậm"),
            (
                "Chánh Văn phòng {{ phase.issuer }}, {{ phase.home_affairs_head }} "
                "{{ phase.home_affairs }}, {{ phase.appraiser_head }} {{ phase.appraiser }}, Thủ "
                "trưởng các cơ quan, đơn vị có liên quan và các tập thể, cá nhân có tên tại Điều 1 "
                "chịu trách nhiệm thi hành Quyết định này./.",
                None,
            ),
        ],
        "Normal",
    )
    closing(document)
    para(document, "DANH SÁCH", "TT Tiêu đề phụ lục")
    para(document, "Tập thể, cá nhân được tặng {{ phase.award }}", "TT Giữa đậm")
    para(
        document,
        "(Kèm theo Quyết định số {{ number_short }} {{ dated }} của {{ phase.decider }})",
        "TT Giữa nghiêng",
    )

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
    para(
        document,
        "Danh sách có {{ counts.tap_the }} tập thể và {{ counts.ca_nhan }} cá nhân./.",
        "TT Giữa nghiêng",
    )
    return document
