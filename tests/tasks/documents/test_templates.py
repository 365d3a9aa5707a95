"""Every template renders from a fixture context; the output has the format of Decree 30/2020."""

from __future__ import annotations

import re
from datetime import date

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from tasks.documents.achievement import achievement_context
from tasks.documents.bien_ban import bien_ban_context
from tasks.documents.decision import decision_context
from tasks.documents.dossier import plan, render_dossier
from tasks.documents.render import undeclared_variables
from tasks.documents.to_trinh import to_trinh_context
from tasks.documents.yearly import yearly_context
from tests.tasks.documents import samples
from tests.tasks.documents.reading import effective, fonts_of, open_docx, paragraphs, texts

SETS = {"so-ket-2023": "nd-91-2017", "tong-ket-2025": "nd-152-2025"}
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


def mm(length: object) -> float:
    return round(length.mm, 1)  # type: ignore[attr-defined]


def summary() -> dict[str, object]:
    group = {
        "group": "Sở, ban, ngành",
        "expected": 20,
        "reported": 18,
        "on_time": 15,
        "reporting_rate": 0.9,
        "on_time_rate": 0.75,
        "mean_score": 87.25,
        "criteria_met": {"HSCV_MANG": {"met": 12, "applicable": 18, "share": 0.6667}},
    }
    return {
        "province": {**group, "group": "Toàn tỉnh"},
        "by_kind": [group, {**group, "group": "UBND xã, phường, thị trấn", "mean_score": None}],
        "by_block": [{**group, "group": "Khối các sở, ngành"}],
    }


def rendered(phase: str, **options: object) -> dict[str, bytes]:
    dossier = samples.dossier(phase, **options)  # type: ignore[arg-type]
    return {item.name: item.data for item in render_dossier(dossier, workers=1).files}


@pytest.mark.parametrize("phase", sorted(SETS))
def test_each_template_declares_nothing_the_context_lacks(phase: str) -> None:
    dossier = samples.dossier(phase, decided=True)
    planned, omitted = plan(dossier)
    assert not omitted
    assert {item.job.template.parent.name for item in planned} == {SETS[phase]}
    assert "bia-ho-so.docx" not in {item.job.template.name for item in planned}
    contexts = {
        "to-trinh.docx": to_trinh_context(dossier),
        "bien-ban.docx": bien_ban_context(dossier),
        "bao-cao-thanh-tich.docx": achievement_context(dossier, dossier.candidates[0]),
        "du-thao-quyet-dinh.docx": decision_context(dossier),
    }
    for item in planned:
        assert undeclared_variables(item.job.template, contexts[item.job.template.name]) == set()


def test_yearly_template_declares_nothing_the_context_lacks() -> None:
    from tasks.documents.render import template_path

    campaign, _ = samples.campaign()
    context = yearly_context(campaign=campaign, year=2024, summary=summary(), leading=[])
    assert undeclared_variables(template_path(None, "bao-cao-tong-hop.docx"), context) == set()


@pytest.mark.parametrize("phase", sorted(SETS))
def test_page_type_and_numbering(phase: str) -> None:
    for name, data in rendered(phase).items():
        document = open_docx(data)
        section = document.sections[0]
        assert (mm(section.page_width), mm(section.page_height)) == (210, 297), name
        assert 20 <= mm(section.top_margin) <= 25
        assert 20 <= mm(section.bottom_margin) <= 25
        assert 30 <= mm(section.left_margin) <= 35
        assert 15 <= mm(section.right_margin) <= 20
        assert section.different_first_page_header_footer  # no number on page 1
        header = section.header._element
        assert " PAGE " in "".join(header.itertext())
        assert "PAGE" not in "".join(section.first_page_header._element.itertext())
        number_style = section.header.paragraphs[0].style
        assert Pt(13) <= effective(number_style, lambda s: s.font.size) <= Pt(14)
        assert number_style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
        normal = document.styles["Normal"]
        assert normal.font.name == "Times New Roman"
        assert fonts_of(normal) == dict.fromkeys(
            ("ascii", "hAnsi", "eastAsia", "cs"), "Times New Roman"
        )
        assert normal.font.size == Pt(14)
        assert normal.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
        assert mm(normal.paragraph_format.first_line_indent) == 10
        assert normal.paragraph_format.space_after >= Pt(6)


@pytest.mark.parametrize("phase", sorted(SETS))
def test_no_direct_formatting_every_font_times(phase: str) -> None:
    for name, data in rendered(phase).items():
        document = open_docx(data)
        for paragraph in paragraphs(document):
            assert fonts_of(paragraph.style)["ascii"] == "Times New Roman", name
            if paragraph.text:  # the rules are empty paragraphs of a tiny size
                assert Pt(11) <= effective(paragraph.style, lambda s: s.font.size) <= Pt(14)
            for run in paragraph.runs:
                assert (run.font.name, run.font.size) == (None, None), (name, run.text)


def _header(data: bytes) -> tuple[list[str], list[str], str, str, object]:
    document = open_docx(data)
    table = document.tables[0]
    assert len(table.columns) == 2
    assert table.style is not None
    borders = table.style.element.find(qn("w:tblPr")).find(qn("w:tblBorders"))
    assert {line.get(qn("w:val")) for line in borders} == {"nil"}  # a borderless table
    left, right = table.rows[0].cells
    number, place = table.rows[1].cells
    return (
        [p.text for p in left.paragraphs if p.text],
        [p.text for p in right.paragraphs if p.text],
        number.text,
        place.text,
        right.paragraphs,
    )


def test_header_of_the_2023_submission() -> None:
    files = rendered("so-ket-2023")
    left, right, number, place, right_paragraphs = _header(files["01-to-trinh.docx"])
    assert left == ["UBND TỈNH BẮC KẠN", "SỞ THÔNG TIN VÀ", "TRUYỀN THÔNG"]
    assert right == [NATION, MOTTO]
    assert number == "Số: 45/TTr-STTTT"  # the number and date of the campaign file
    assert place == "Bắc Kạn, ngày 21 tháng 12 năm 2023"
    nation, motto = right_paragraphs[0].style, right_paragraphs[1].style  # type: ignore[index]
    assert Pt(12) <= effective(nation, lambda s: s.font.size) <= Pt(13)
    assert effective(nation, lambda s: s.font.bold)
    assert effective(motto, lambda s: s.font.bold)
    assert Pt(13) <= effective(motto, lambda s: s.font.size) <= Pt(14)
    assert effective(
        open_docx(files["01-to-trinh.docx"]).styles["TT Địa danh, ngày tháng"],
        lambda s: s.font.italic,
    )
    text = texts(open_docx(files["01-to-trinh.docx"]))
    assert "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Bắc Kạn." in text
    citations = [line for line in text if line.startswith("Căn cứ")]
    assert len(citations) == 4
    assert all(line.endswith(";") for line in citations[:-1])
    assert citations[-1].endswith(".")
    assert all(re.search(r"ngày \d{1,2} tháng \d{1,2} năm \d{4}", line) for line in citations)
    assert text[text.index("Nơi nhận:") + 1 :][:3] == [
        "- Như trên;",
        "- Sở Nội vụ tỉnh Bắc Kạn (để thẩm định);",
        "- Lưu: VT, VP.",  # the drafting unit of the campaign file
    ]


def test_decision_recorded_2025_number_date_and_signer() -> None:
    files = rendered("tong-ket-2025", decided=True, collectives=2, persons=3)
    data = files["04-quyet-dinh.docx"]
    left, _, number, place, _ = _header(data)
    assert left == ["ỦY BAN NHÂN DÂN", "TỈNH THÁI NGUYÊN"]
    assert number == "Số: 1234/QĐ-UBND"
    assert place == "Thái Nguyên, ngày 29 tháng 12 năm 2025"
    text = texts(open_docx(data))
    assert "DỰ THẢO" not in text
    assert "KT. CHỦ TỊCH" in text
    assert "PHÓ CHỦ TỊCH" in text
    assert "Nguyễn Văn Chủ" in text
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN" in text
    document = open_docx(data)
    lists = [t for t in document.tables if t.rows[0].cells[0].text == "STT"]
    assert [row.cells[1].text for row in lists[0].rows[1:]] == [
        "Phòng Chuyển đổi số 1, Sở Y tế",
        "Phòng Chuyển đổi số 2, Sở Y tế",
    ]
    persons = lists[1]
    assert [c.text for c in persons.rows[0].cells] == [
        "STT",
        "Họ và tên",
        "Chức vụ, đơn vị khi lập thành tích",
        "Chức vụ, đơn vị hiện nay",
    ]
    assert [c.text for c in persons.rows[1].cells] == [
        "1",
        "Nguyễn Văn Thử 3",
        "Trưởng phòng, Phòng Công nghệ thông tin, Sở Y tế",
        "Phó Giám đốc, Sở Y tế",
    ]
    assert any("không làm căn cứ" in line for line in text)  # Decree 152/2025


def test_the_two_sets_differ_where_the_law_differs() -> None:
    old = open_docx(rendered("so-ket-2023")["04-du-thao-quyet-dinh.docx"])
    assert texts(old)[0] == "DỰ THẢO"
    persons = [t for t in old.tables if t.rows[0].cells[0].text == "STT"][-1]
    assert [c.text for c in persons.rows[0].cells] == [
        "STT",
        "Họ và tên",
        "Chức vụ, đơn vị công tác",
    ]
    assert not any("không làm căn cứ" in line for line in texts(old))
    assert "Số: \u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/QĐ-UBND" in texts(old)


def test_minutes_have_no_date_line_and_are_signed_secretary_chair() -> None:
    data = rendered("tong-ket-2025")["02-bien-ban.docx"]
    _, _, number, place, _ = _header(data)
    assert number == "Số: 15/BB-SKHCN"  # the campaign file's number
    assert place == ""
    text = texts(open_docx(data))
    assert "Cuộc họp kết thúc vào hồi 11 giờ 30, ngày 05 tháng 12 năm 2025./." in text
    assert any(line.startswith("Vào hồi 08 giờ 00, ngày 05 tháng 12 năm 2025") for line in text)
    closing = open_docx(data).tables[-1].rows[0].cells
    assert [p.text for p in closing[0].paragraphs if p.text] == ["THƯ KÝ", "Lê Thị Mai"]
    assert [p.text for p in closing[1].paragraphs if p.text] == ["CHỦ TỌA", "Hoàng Văn Đức"]
    assert "Có mặt 3/5 thành viên Hội đồng:" in text


def test_generated_achievement_report_argues_from_the_record() -> None:
    files = rendered("tong-ket-2025")
    name = next(n for n in files if "ca-nhan" in n)
    text = texts(open_docx(files[name]))
    assert text[0] == "SỞ Y TẾ"  # no system note above the header: provenance is on the cover
    assert (
        "- Chức vụ, đơn vị khi lập thành tích: Trưởng phòng, Phòng Công nghệ thông tin, Sở Y tế."
        in text
    )
    assert "- Chức vụ, đơn vị công tác hiện nay: Phó Giám đốc, Sở Y tế." in text
    assert "- Ngày, tháng, năm sinh: 08/3/1985." in text
    assert "- Triển khai bệnh án điện tử;" in text
    assert date(1985, 3, 8)


def test_cover_template_declares_nothing_the_context_lacks() -> None:
    from tasks.documents.cover import cover_context
    from tasks.documents.render import template_path

    dossier = samples.dossier("tong-ket-2025")
    files = render_dossier(dossier, workers=1).files
    context = cover_context(dossier, files[1:])
    assert undeclared_variables(template_path(None, "bia-ho-so.docx"), context) == set()
    listing = texts(open_docx(files[0].data))
    assert "Tờ trình đề nghị khen thưởng của Sở Khoa học và Công nghệ tỉnh Thái Nguyên" in listing
    assert "Dự thảo Quyết định tặng Bằng khen, kèm danh sách" in listing
    assert f"Hồ sơ gồm {len(files) - 1} tài liệu./." in listing
