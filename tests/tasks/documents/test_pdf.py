"""LibreOffice prints every document: page counts follow the content, page numbers from page 2."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from pypdf import PdfReader

from tasks.documents.dossier import render_dossier
from tests.tasks.documents import samples


def to_pdf(files: dict[str, bytes], folder: Path) -> dict[str, PdfReader]:
    """Convert every file in one LibreOffice call (a private profile); return the PDFs."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice (soffice) is required: apt-get install libreoffice-writer-nogui"
    sources = []
    for name, data in files.items():
        path = folder / name
        path.write_bytes(data)
        sources.append(str(path))
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{folder / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder / "pdf"),
            *sources,
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    return {name: PdfReader(folder / "pdf" / f"{Path(name).stem}.pdf") for name in files}


def first_line(reader: PdfReader, page: int) -> str:
    lines = [line.strip() for line in reader.pages[page].extract_text().splitlines()]
    return next(line for line in lines if line)


def test_page_counts_and_numbers(tmp_path: Path) -> None:
    small = samples.dossier("tong-ket-2025", collectives=1, persons=2)
    large = samples.dossier("tong-ket-2025", collectives=20, persons=25)
    files = {}
    for label, dossier in (("small", small), ("large", large)):
        for item in render_dossier(dossier, workers=1).files:
            if not item.name.startswith("03-") or item.name.endswith(
                "001-tap-the-phong-chuyen-doi-so-1.docx"
            ):
                files[f"{label}-{item.name.replace('/', '-')}"] = item.data
    pdfs = to_pdf(files, tmp_path)
    pages = {name: len(reader.pages) for name, reader in pdfs.items()}

    # The submission does not list the candidates: 45 of them take no more pages than 3.
    assert pages["small-01-to-trinh.docx"] == pages["large-01-to-trinh.docx"] <= 2
    # The minutes hold a row per vote: 45 votes spread over several pages, 3 fit in two.
    assert pages["small-02-bien-ban.docx"] <= 2
    assert pages["large-02-bien-ban.docx"] >= max(3, pages["small-02-bien-ban.docx"] + 1)
    # The decision's list grows with the awardees, on pages after the decision itself.
    assert pages["large-04-du-thao-quyet-dinh.docx"] > pages["small-04-du-thao-quyet-dinh.docx"]
    assert pages["small-03-bao-cao-thanh-tich-001-tap-the-phong-chuyen-doi-so-1.docx"] <= 2

    minutes = pdfs["large-02-bien-ban.docx"]
    assert not first_line(minutes, 0).isdigit()  # page 1 carries no number
    assert first_line(minutes, 0).startswith("UBND TỈNH THÁI NGUYÊN")
    for page in range(1, len(minutes.pages)):
        assert first_line(minutes, page) == str(page + 1)
    last = minutes.pages[-1].extract_text()
    assert "Cuộc họp kết thúc vào hồi 11 giờ 30, ngày 05 tháng 12 năm 2025./." in last
    assert "THƯ KÝ" in last
    assert "CHỦ TỌA" in last
