"""A varied inbox kept as files for the ingest golden test: `python -m tests.flows.golden_corpus`.

The uploads (clean, faulty, re-uploaded, late, unreadable, legacy formats, stray, macro, several
workbooks, deleted, nominations with complete and incomplete dossiers) are generated once and kept
under tests/fixtures/ingest_golden/files/, so their bytes, hashes and ETags never change.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from tests.factories import (
    NOMINATIONS,
    build_workbook,
    encrypted,
    info_rows,
    report_sheets,
    sheets_as_ods,
    sheets_as_xls,
    with_cached_error,
)

FOLDER = Path(__file__).resolve().parents[1] / "fixtures" / "ingest_golden"
FILES = FOLDER / "files"
CAMPAIGN = "cds-2022-2025"
HANOI = timezone(timedelta(hours=7))


@dataclass(frozen=True)
class Step:
    """One action on the inbox: upload a stored file with a signed receipt time, or delete a key."""

    key: str  # under {campaign}/
    file: str | None  # None: delete the key
    received_at: datetime | None = None  # None: no receipt (a non-report file)


def _at(year: int, month: int, day: int, hour: int = 9) -> datetime:
    return datetime(year, month, day, hour, 0, tzinfo=HANOI)


STEPS = [
    Step("2024/SO-YT/bao-cao.xlsx", "good-so-yt-2024.xlsx", _at(2024, 12, 1)),
    Step("2024/SO-TP/bao-cao.xlsx", "good-so-tp-2024.xlsx", _at(2024, 12, 2)),
    Step("2024/SO-TP/bao-cao.xlsx", "faulty-so-tp-2024.xlsx", _at(2024, 12, 3)),
    Step("2024/SO-TP/bao-cao.xlsx", "good-so-tp-2024.xlsx", _at(2024, 12, 4)),
    Step("2024/SO-XD/bao-cao.xlsx", "faulty-so-xd-2024.xlsx", _at(2024, 12, 2, 10)),
    Step("2024/SO-GTVT/bao-cao.xlsx", "good-so-gtvt-2024.xlsx", _at(2024, 12, 20)),
    Step("2024/SO-NV/bao-cao.xlsx", "not-a-workbook.xlsx", _at(2024, 12, 3, 11)),
    Step("2024/SO-TC/ban-cuoi/bao-cao.xlsx", "good-so-tc-2024.xlsx", _at(2024, 12, 4, 8)),
    Step("2024/so-ct /bao-cao.xlsx", "good-so-ct-2024.xlsx", _at(2024, 12, 4, 9)),
    Step("2024/SO-KHCN/bao-cao.xls", "legacy-so-khcn-2024.xls", _at(2024, 12, 5)),
    Step("2024/SO-VHTTDL/bao-cao.ods", "open-so-vhttdl-2024.ods", _at(2024, 12, 5, 10)),
    Step("2024/SO-TNMT/a.xlsx", "good-so-tnmt-2024.xlsx", _at(2024, 12, 6)),
    Step("2024/SO-TNMT/b.xlsx", "formula-error-so-tnmt-2024.xlsx", _at(2024, 12, 6, 10)),
    Step("2024/SO-LDTBXH/bao-cao.xlsx", "encrypted-so-ldtbxh-2024.xlsx", _at(2024, 12, 7)),
    Step("2024/SO-GDDT/bao-cao.xlsm", "macro-so-gddt-2024.xlsm", _at(2024, 12, 7, 10)),
    Step("2024/SO-NNPTNT/bao-cao.xlsx", "wrong-unit-so-nnptnt-2024.xlsx", _at(2024, 12, 8)),
    Step("2024/SO-CT/bao-cao.xlsx", "good-so-ct-2024.xlsx", _at(2024, 12, 8, 10)),
    Step("2024/SO-CT/bao-cao.xlsx", None),
    Step("2024/readme.txt", "readme.txt"),
    Step("2025/SO-YT/dinh-kem/to-trinh.pdf", "attachment.pdf"),
    Step("2025/SO-YT/dinh-kem/bien-ban-hop.pdf", "attachment.pdf"),
    Step("2025/SO-YT/dinh-kem/bao-cao-thanh-tich-phong-cntt.docx", "attachment.pdf"),
    Step("2025/SO-YT/dinh-kem/bao-cao-thanh-tich-nguyen-thi-hoa.docx", "attachment.pdf"),
    Step("2025/SO-YT/bao-cao.xlsx", "nominations-so-yt-2025.xlsx", _at(2025, 12, 1)),
    Step("2025/SO-TP/dinh-kem/to-trinh.pdf", "attachment.pdf"),
    Step("2025/SO-TP/bao-cao.xlsx", "nominations-so-tp-2025.xlsx", _at(2025, 12, 2)),
    Step("2025/SO-XD/bao-cao.xlsx", "good-so-xd-2025.xlsx", _at(2025, 12, 3)),
    Step("2025/SO-GTVT/bao-cao.xlsx", "nominations-so-gtvt-2025.xlsx", _at(2025, 12, 18)),
    Step("2025/SO-NV/bao-cao.xlsx", "poisoned-so-nv-2025.xlsx", _at(2025, 12, 4)),
    Step("2025/SO-TC/bao-cao.xlsx", "faulty-so-tc-2025.xlsx", _at(2025, 12, 5)),
]
FAULTY_VALUES = {
    "NV_DUNG_HAN": ("40", "95%"),
    "BC_DUNG_HAN": (12, 15),
    "HSCV_MANG": ("1.200", "1150,5"),
    "VBDT": (-3, 2),
    "CSDL_LGSP": ("ba", 2),
    "SANG_KIEN": (None, 3),
    "KHAC ung dung": (3, 2),
    "DAO_TAO": (85, "#N/A"),
}


def _with_macro(data: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            target.writestr(entry, source.read(entry.filename))
        target.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 not really a VBA project")
    return output.getvalue()


def _poisoned() -> list[list[object]]:
    rows = [list(row) for row in NOMINATIONS]
    rows[0][2] = "Phòng Công_x0007_ nghệ thông tin"
    return rows


def _good(unit: str, year: int, **kwargs: object) -> bytes:
    kwargs.setdefault("info", info_rows(unit, year))
    return build_workbook(unit=unit, year=year, **kwargs)  # type: ignore[arg-type]


def generate() -> dict[str, bytes]:
    """Return every corpus file's bytes by name (run once; the stored files are the corpus)."""
    files = {
        f"good-{unit.lower()}-2024.xlsx": _good(unit, 2024)
        for unit in ("SO-YT", "SO-TP", "SO-GTVT", "SO-TC", "SO-CT", "SO-TNMT")
    }
    files["faulty-so-tp-2024.xlsx"] = _good("SO-TP", 2024, values=FAULTY_VALUES)
    files["faulty-so-xd-2024.xlsx"] = _good("SO-XD", 2024, values=FAULTY_VALUES)
    files["not-a-workbook.xlsx"] = b"%PDF-1.4 this is a renamed PDF, not a workbook"
    files["legacy-so-khcn-2024.xls"] = sheets_as_xls(report_sheets("SO-KHCN", 2024))
    files["open-so-vhttdl-2024.ods"] = sheets_as_ods(report_sheets("SO-VHTTDL", 2024))
    files["formula-error-so-tnmt-2024.xlsx"] = with_cached_error(_good("SO-TNMT", 2024), 1, "D3")
    files["encrypted-so-ldtbxh-2024.xlsx"] = encrypted(_good("SO-LDTBXH", 2024))
    files["macro-so-gddt-2024.xlsm"] = _with_macro(_good("SO-GDDT", 2024))
    files["wrong-unit-so-nnptnt-2024.xlsx"] = _good(
        "SO-NNPTNT", 2024, info=info_rows("SO-YT", 2023)
    )
    files["readme.txt"] = b"not a unit folder"
    files["attachment.pdf"] = b"%PDF-1.4 minutes"
    files["nominations-so-yt-2025.xlsx"] = _good("SO-YT", 2025, nominations=NOMINATIONS)
    files["nominations-so-tp-2025.xlsx"] = _good("SO-TP", 2025, nominations=NOMINATIONS)
    files["nominations-so-gtvt-2025.xlsx"] = _good("SO-GTVT", 2025, nominations=NOMINATIONS)
    files["good-so-xd-2025.xlsx"] = _good("SO-XD", 2025)
    files["poisoned-so-nv-2025.xlsx"] = _good("SO-NV", 2025, nominations=_poisoned())
    files["faulty-so-tc-2025.xlsx"] = _good(
        "SO-TC", 2025, values=FAULTY_VALUES, nominations=NOMINATIONS
    )
    return files


if __name__ == "__main__":
    FILES.mkdir(parents=True, exist_ok=True)
    for name, data in generate().items():
        (FILES / name).write_bytes(data)
