"""Hostile user text renders escaped, reads back intact in NFC, and long names wrap."""

from __future__ import annotations

import unicodedata
import zipfile
from io import BytesIO

from lxml import etree

from tasks.documents.dossier import render_dossier
from tests.tasks.documents import samples
from tests.tasks.documents.reading import open_docx, texts


def test_hostile_names_read_back_as_nfc_text() -> None:
    hostile = f"{samples.HOSTILE} {samples.NFD_NAME}"
    expected = f"{samples.HOSTILE_CLEAN} Nguyễn Thị Hoa"
    dossier = samples.dossier(
        "tong-ket-2025", collectives=1, persons=2, names={1: samples.LONG_NAME, 2: hostile}
    )
    files = {item.name: item.data for item in render_dossier(dossier, workers=1).files}
    for name, data in files.items():
        with zipfile.ZipFile(BytesIO(data)) as package:
            etree.fromstring(package.read("word/document.xml"))  # well-formed XML
        text = texts(open_docx(data))
        assert all(unicodedata.is_normalized("NFC", line) for line in text), name
        assert not any(ch in line for line in text for ch in "\x07\x1f"), name
    decision = texts(open_docx(files["04-du-thao-quyet-dinh.docx"]))
    assert expected in decision
    assert f"{samples.LONG_NAME.strip()}, Sở Y tế" in decision
    minutes = "\n".join(texts(open_docx(files["02-bien-ban.docx"])))
    assert expected in minutes
    report = next(data for name, data in files.items() if "ca-nhan" in name and "002" in name)
    assert f"- Họ và tên: {expected}." in texts(open_docx(report))


def test_long_names_sit_in_fixed_width_columns() -> None:
    dossier = samples.dossier("so-ket-2023", collectives=1, persons=0, names={1: samples.LONG_NAME})
    files = {item.name: item.data for item in render_dossier(dossier, workers=1).files}
    document = open_docx(files["04-du-thao-quyet-dinh.docx"])
    table = document.tables[-1]
    layout = table._tbl.tblPr.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblLayout"
    )
    assert layout is not None
    assert (
        layout.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}type") == "fixed"
    )
    assert samples.LONG_NAME.strip() in table.rows[1].cells[1].text
