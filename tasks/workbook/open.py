"""Open an uploaded workbook safely: sniff the format, refuse bombs and locks, bound reads."""

from __future__ import annotations

import contextlib
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any
from xml.etree import ElementTree

from python_calamine import CalamineWorkbook

from tasks.workbook.values import sheet_key

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
MAX_ROWS = 5000
MAX_COLUMNS = 100
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_OOXML_MARKERS = (
    "EncryptionInfo".encode("utf-16-le"),
    "EncryptedPackage".encode("utf-16-le"),
)
CELL = re.compile(rb"<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.S)
REF = re.compile(rb'\br="([A-Z]+)(\d+)"')
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


class UnreadableWorkbook(Exception):
    """The file cannot be read as a workbook; code is a stable finding code."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass
class RawSheet:
    """The cached cell values of one sheet, and the cells whose formula failed or never ran."""

    name: str
    rows: list[list[Any]]
    formula_errors: dict[tuple[int, int], str] = field(default_factory=dict)
    uncalculated: set[tuple[int, int]] = field(default_factory=set)


@dataclass
class RawWorkbook:
    """The sheets read from a workbook, by their key (see values.sheet_key)."""

    format: str
    sheet_names: list[str]
    sheets: dict[str, RawSheet]


def sniff_format(head: bytes, name: str) -> str:
    """Return xlsx, ods, xls, ole2 (maybe encrypted), pdf, text or unknown from the first bytes."""
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith(OLE2_MAGIC):
        return "ole2"
    if head.startswith(b"%PDF"):
        return "pdf"
    if head[:4] in (b"\x50\x4b\x05\x06", b"\x50\x4b\x07\x08"):
        return "zip"
    sample = head[:2048]
    if sample and not any(byte < 9 or 13 < byte < 32 for byte in sample if byte != 27):
        return "text"
    return "unknown"


def _check_zip(data: bytes) -> tuple[zipfile.ZipFile, str]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise UnreadableWorkbook(
            "CORRUPT_FILE", "Tệp bị hỏng hoặc tải lên chưa hết (không giải nén được)."
        ) from error
    total = sum(entry.file_size for entry in entries)
    packed = max(1, sum(entry.compress_size for entry in entries))
    if total > MAX_UNCOMPRESSED_BYTES or (
        total > 10 * 1024 * 1024 and total / packed > MAX_COMPRESSION_RATIO
    ):
        raise UnreadableWorkbook(
            "ZIP_BOMB",
            f"Tệp giải nén ra {total // (1024 * 1024)} MB (tỷ lệ nén {total // packed}:1), vượt "
            f"giới hạn {MAX_UNCOMPRESSED_BYTES // (1024 * 1024)} MB: tệp bị từ chối.",
        )
    names = {entry.filename for entry in entries}
    if "xl/workbook.xml" in names:
        return archive, "xlsx"
    if "mimetype" in names and archive.read("mimetype").strip() == ODS_MIMETYPE:
        return archive, "ods"
    if "word/document.xml" in names:
        raise UnreadableWorkbook(
            "NOT_SPREADSHEET", "Tệp là văn bản Word (DOCX) đổi tên, không phải bảng tính."
        )
    raise UnreadableWorkbook("NOT_SPREADSHEET", "Tệp nén không phải bảng tính Excel hoặc ODS.")


def _column_index(letters: bytes) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + (letter - 64)
    return index - 1


def _sheet_paths(archive: zipfile.ZipFile) -> dict[str, str]:
    """Map each sheet name of an xlsx to the path of its XML part."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels}
    paths = {}
    for sheet in workbook.iter(f"{MAIN_NS}sheet"):
        target = targets.get(sheet.get(f"{REL_NS}id"), "")
        path = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
        paths[sheet.get("name", "")] = path
    return paths


def _formula_cells(xml: bytes) -> tuple[dict[tuple[int, int], str], set[tuple[int, int]]]:
    """Find cells holding a cached error value, and formula cells with no cached value."""
    errors: dict[tuple[int, int], str] = {}
    uncalculated: set[tuple[int, int]] = set()
    if b"<f" not in xml and b't="e"' not in xml:
        return errors, uncalculated
    for match in CELL.finditer(xml):
        attributes, body = match.group(1), match.group(2) or b""
        ref = REF.search(attributes)
        if not ref:
            continue
        position = (int(ref.group(2)) - 1, _column_index(ref.group(1)))
        value = re.search(rb"<v>(.*?)</v>", body, re.S)
        if b't="e"' in attributes and value:
            errors[position] = value.group(1).decode(errors="replace")
        elif b"<f" in body and not (value and value.group(1)):
            uncalculated.add(position)
    return errors, uncalculated


def open_workbook(data: bytes, name: str, wanted: set[str]) -> RawWorkbook:
    """Read the sheets whose key is in wanted; raise UnreadableWorkbook with a clear message."""
    if not data:
        raise UnreadableWorkbook("EMPTY_FILE", "Tệp rỗng (0 byte).")
    if len(data) > MAX_FILE_BYTES:
        raise UnreadableWorkbook(
            "FILE_TOO_LARGE",
            f"Tệp {len(data) // (1024 * 1024)} MB, vượt giới hạn "
            f"{MAX_FILE_BYTES // (1024 * 1024)} MB cho một báo cáo.",
        )
    kind = sniff_format(data[:4096], name)
    archive = None
    if kind == "zip":
        archive, kind = _check_zip(data)
    elif kind == "ole2":
        if any(marker in data for marker in ENCRYPTED_OOXML_MARKERS):
            raise UnreadableWorkbook(
                "PASSWORD_PROTECTED",
                "Bảng tính được đặt mật khẩu: hãy bỏ mật khẩu rồi tải lên lại.",
            )
        kind = "xls"
    elif kind == "pdf":
        raise UnreadableWorkbook("NOT_SPREADSHEET", "Tệp là PDF đổi tên, không phải bảng tính.")
    elif kind == "text":
        raise UnreadableWorkbook(
            "UNSUPPORTED_FORMAT",
            "Tệp văn bản/CSV chỉ chứa một trang tính: hãy dùng mẫu báo cáo XLSX (BCTD-1).",
        )
    else:
        raise UnreadableWorkbook("NOT_SPREADSHEET", "Tệp không phải bảng tính (xlsx, xls, ods).")
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = list(workbook.sheet_names)
    except Exception as error:
        message = str(error).lower()
        if "password" in message or "encrypt" in message:
            raise UnreadableWorkbook(
                "PASSWORD_PROTECTED",
                "Bảng tính được đặt mật khẩu: hãy bỏ mật khẩu rồi tải lên lại.",
            ) from error
        raise UnreadableWorkbook(
            "CORRUPT_FILE", f"Không đọc được bảng tính ({kind}): tệp bị hỏng ({error})."
        ) from error
    sheet_paths = _sheet_paths(archive) if archive is not None and kind == "xlsx" else {}
    sheets: dict[str, RawSheet] = {}
    for sheet_name in names:
        key = sheet_key(sheet_name)
        if key not in wanted or key in sheets:
            continue
        sheets[key] = _read_sheet(workbook, sheet_name, archive, sheet_paths.get(sheet_name))
    return RawWorkbook(format=kind, sheet_names=names, sheets=sheets)


def _read_sheet(
    workbook: CalamineWorkbook, name: str, archive: zipfile.ZipFile | None, path: str | None
) -> RawSheet:
    try:
        sheet = workbook.get_sheet_by_name(name)
        if sheet.width > MAX_COLUMNS:
            raise UnreadableWorkbook(
                "SHEET_TOO_LARGE",
                f"Trang tính '{name}' có {sheet.width} cột, vượt giới hạn {MAX_COLUMNS} cột.",
            )
        rows = sheet.to_python(skip_empty_area=False, nrows=MAX_ROWS + 1)
    except UnreadableWorkbook:
        raise
    except Exception as error:
        raise UnreadableWorkbook(
            "CORRUPT_FILE", f"Không đọc được trang tính '{name}': {error}"
        ) from error
    if len(rows) > MAX_ROWS:
        raise UnreadableWorkbook(
            "SHEET_TOO_LARGE",
            f"Trang tính '{name}' có hơn {MAX_ROWS} dòng, vượt giới hạn của mẫu báo cáo.",
        )
    errors: dict[tuple[int, int], str] = {}
    uncalculated: set[tuple[int, int]] = set()
    if archive is not None and path:
        with contextlib.suppress(KeyError):
            errors, uncalculated = _formula_cells(archive.read(path))
    return RawSheet(
        name=name,
        rows=[list(row) for row in rows],
        formula_errors=errors,
        uncalculated=uncalculated,
    )
