"""The achievement report of a collective or a person (thematic movement form): its wording."""

from __future__ import annotations

from docx.document import Document as DocumentObject

from tools.templates.blocks import (
    closing,
    data_table,
    header_table,
    loop,
    new_document,
    para,
    thematic,
    title,
    when,
)


def _person_general(document: DocumentObject, template_set: str) -> None:
    para(document, "I. SƠ LƯỢC LÝ LỊCH", "TT Đề mục")
    para(document, "- Họ và tên: {{ name }}.", "Normal")
    when(
        document,
        "birth_date",
        lambda: para(document, "- Ngày, tháng, năm sinh: {{ birth_date }}.", "Normal"),
    )
    when(document, "gender", lambda: para(document, "- Giới tính: {{ gender }}.", "Normal"))
    if template_set == "nd-152-2025":
        para(document, "- Chức vụ, đơn vị khi lập thành tích: {{ post_then }}.", "Normal")
        para(document, "- Chức vụ, đơn vị công tác hiện nay: {{ post_now }}.", "Normal")
    else:
        para(document, "- Chức vụ, đơn vị công tác: {{ post_then }}.", "Normal")


def _collective_general(document: DocumentObject) -> None:
    para(document, "I. THÔNG TIN CHUNG", "TT Đề mục")
    para(document, "- Tên tập thể: {{ name }}.", "Normal")
    when(
        document,
        "superior",
        lambda: para(document, "- Cơ quan cấp trên trực tiếp: {{ superior }}.", "Normal"),
    )
    when(document, "block", lambda: para(document, "- Cụm, khối thi đua: {{ block }}.", "Normal"))
    when(
        document,
        "women_share",
        lambda: para(document, "- Tỷ lệ nữ trong tập thể: {{ women_share }}.", "Normal"),
    )


def _results(document: DocumentObject) -> None:
    para(
        document,
        "{% if is_person %}Cùng tập thể {{ scored_unit }}, cá nhân đã góp phần vào kết quả của "
        "đơn vị trong Phong trào{% else %}Kết quả chấm điểm của {{ scored_unit }} theo thang "
        "điểm công bố của Phong trào{% endif %}:",
        "TT Dẫn bảng",
    )
    data_table(
        document,
        items="results",
        var="r",
        columns=[
            ("Năm", 18, "{{ r.year }}", "TT Bảng giữa"),
            ("Điểm", 24, "{{ r.score }}", "TT Bảng giữa"),
            (
                "Xếp hạng trong cụm, khối",
                73,
                "{% if r.rank %}Thứ {{ r.rank }}, {{ r.block }}{% endif %}",
                "TT Bảng",
            ),
            (
                "Ghi chú",
                50,
                "{% if r.from_units %}Kết quả của {{ r.from_units }}{% endif %}",
                "TT Bảng",
            ),
        ],
    )


def bao_cao_thanh_tich(template_set: str) -> DocumentObject:
    """Build the achievement report, arguing from the candidate's own record."""
    document = new_document()
    header_table(document)
    title(
        document, "BÁO CÁO THÀNH TÍCH ĐỀ NGHỊ KHEN THƯỞNG", "{{ phase.name }} {{ movement.name }}"
    )
    para(document, "({{ form }})", "TT Giữa nghiêng")
    para(document, "{{ name }}", "TT Giữa đậm")
    when(document, "is_person", lambda: _person_general(document, template_set))
    when(document, "not is_person", lambda: _collective_general(document))
    para(document, "II. THÀNH TÍCH ĐẠT ĐƯỢC", "TT Đề mục")

    def achievements() -> None:
        para(document, "{{ no.achievements }}. Thành tích nổi bật trong Phong trào", "TT Đề mục")
        loop(document, "achievements", "line", "{{ line }}", "Normal")

    def initiatives() -> None:
        para(document, "{{ no.initiatives }}. Sáng kiến, giải pháp được áp dụng", "TT Đề mục")
        loop(document, "initiatives", "line", "{{ line }}", "Normal")

    def met() -> None:
        para(
            document,
            "{{ no.met }}. Các tiêu chí của Phong trào đã đạt năm {{ latest_year }}",
            "TT Đề mục",
        )
        loop(
            document,
            "met",
            "m",
            "- {{ m.content }}: đạt {{ m.value }}{% if m.target %} (mục tiêu {{ m.target }})"
            "{% endif %}{% if loop.last %}.{% else %};{% endif %}",
            "Normal",
        )

    def results() -> None:
        para(document, "{{ no.results }}. Kết quả qua các năm", "TT Đề mục")
        _results(document)

    when(document, "achievements", achievements)
    when(document, "initiatives", initiatives)
    when(document, "met", met)
    when(document, "results", results)
    para(document, "III. ĐỀ NGHỊ KHEN THƯỞNG", "TT Đề mục")
    para(
        document,
        "Đề nghị {{ phase.decider }} xem xét, tặng {{ phase.award }} cho "
        "{{ name }} vì đã có thành tích xuất sắc trong {{ phase.name_lower }} giai đoạn "
        "{{ phase.span }}.",
        "Normal",
    )
    thematic(document)
    closing(
        document,
        left_signer="confirmer",
        left_note="(Ký, đóng dấu)",
        right_note="{% if is_person %}(Ký, ghi rõ họ tên){% else %}(Ký, đóng dấu){% endif %}",
    )
    return document
