"""The head of a unit's decision awarding its Giấy khen in a movement, with its list: its wording.

Law on Emulation and Commendation 2022 (art. 74-75) and Decree 152/2025/NĐ-CP: the head of a
unit awards the Giấy khen on its own authority; the layout is Decree 30/2020/NĐ-CP's.
"""

from __future__ import annotations

from docx.document import Document as DocumentObject

from tools.templates.blocks import (
    citations,
    closing,
    data_table,
    header_table,
    new_document,
    para,
    runs,
    title,
    when,
)


def _annex(document: DocumentObject) -> None:
    para(document, "DANH SÁCH", "TT Tiêu đề phụ lục")
    para(document, "Tập thể, cá nhân được tặng {{ award }}", "TT Giữa đậm")
    para(
        document,
        "(Kèm theo Quyết định số {{ number_short }} {{ dated }} của {{ signer_of }})",
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
                ("Tên tập thể", 118, "{{ a.name }}", "TT Bảng"),
                ("Điểm", 35, "{{ a.score }}", "TT Bảng giữa"),
            ],
        )

    def persons() -> None:
        para(document, "II. CÁ NHÂN ({{ persons | length }})", "TT Đề mục")
        data_table(
            document,
            items="persons",
            var="a",
            columns=[
                ("STT", 12, "{{ a.no }}", "TT Bảng giữa"),
                ("Họ và tên", 58, "{{ a.name }}", "TT Bảng"),
                ("Chức vụ, đơn vị công tác", 75, "{{ a.post }}", "TT Bảng"),
                ("Điểm", 20, "{{ a.score }}", "TT Bảng giữa"),
            ],
        )

    when(document, "collectives", collectives)
    when(document, "persons", persons)
    para(
        document,
        "Danh sách có {{ counts.tap_the }} tập thể và {{ counts.ca_nhan }} cá nhân./.",
        "TT Giữa nghiêng",
    )


def quyet_dinh_giay_khen() -> DocumentObject:
    """Build the head's decision awarding the unit's Giấy khen, with the list attached."""
    document = new_document()
    when(document, "draft", lambda: para(document, "DỰ THẢO", "TT Dấu dự thảo"))
    header_table(document)
    title(document, "QUYẾT ĐỊNH", "Về việc tặng Giấy khen")
    para(document, "{{ authority_title }}", "TT Thẩm quyền ban hành")
    citations(document)
    when(
        document,
        "proposer",
        lambda: para(document, "Theo đề nghị của {{ proposer }}.", "TT Căn cứ"),
    )
    para(document, "QUYẾT ĐỊNH:", "TT Giữa đậm")
    runs(
        document,
        [
            ("Điều 1. ", "TT Chữ đậm"),
            (
                "Tặng {{ award }} cho {{ counts.tap_the }} tập thể và {{ counts.ca_nhan }} cá "
                "nhân (có danh sách kèm theo) đã có thành tích xuất sắc trong {{ period }} "
                "{{ movement.name }} (Kế hoạch số {{ movement.plan_number }} "
                "{{ movement.plan_date }} của {{ movement.plan_issuer }}), năm {{ year }}.",
                None,
            ),
        ],
        "Normal",
    )
    runs(
        document,
        [
            ("Điều 2. ", "TT Chữ đậm"),
            ("Quyết định này có hiệu lực thi hành kể từ ngày ký.", None),
        ],
        "Normal",
    )
    runs(
        document,
        [
            ("Điều 3. ", "TT Chữ đậm"),
            (
                "Thủ trưởng các phòng, đơn vị thuộc {{ unit_name }} và các tập thể, cá nhân có "
                "tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
                None,
            ),
        ],
        "Normal",
    )
    closing(document)
    _annex(document)
    return document
