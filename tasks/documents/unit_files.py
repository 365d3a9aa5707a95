"""Units' own achievement reports: pinned at the first build, refused with active content, checked
against the phase's legal form; a report that fails goes back to its unit with the reason."""

from __future__ import annotations

import hashlib
import io
import json
import logging
import re
import zipfile
from dataclasses import dataclass

from lxml import etree

from models.campaign import Phase
from tasks.documents.records import Attachment, CandidateRecord
from tasks.evidence import keep_in_archive
from tasks.storage import ObjectNotFoundError, ObjectStore, StorageError

log = logging.getLogger(__name__)

MAX_BYTES = 50 * 1024 * 1024
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ACTIVE_FIELDS = re.compile(r"\b(DDEAUTO|DDE|INCLUDEPICTURE|INCLUDETEXT|LINK|IMPORT|MACROBUTTON)\b")
A4 = (11906, 16838)  # twentieths of a point
A4_TOLERANCE = 60


@dataclass(frozen=True)
class Pin:
    """The version of a unit's file the dossier uses, copied into the archive."""

    source_key: str
    version_id: str | None
    sha256: str
    archive_key: str


@dataclass(frozen=True)
class UnitFile:
    """What becomes of a unit's file: used as pinned, or returned to the unit with reasons."""

    pin: Pin
    data: bytes | None
    reasons: tuple[str, ...] = ()


def _texts(document: etree._Element) -> list[str]:
    return ["".join(p.itertext()).strip() for p in document.iter(f"{W}p")]


def active_content(package: zipfile.ZipFile) -> list[str]:
    """Return what in the package would run or fetch something when opened."""
    found = []
    names = package.namelist()
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        found.append("tệp chứa macro (vbaProject)")
    for name in names:
        if name.endswith(".rels"):
            rels = package.read(name).decode("utf-8", "replace")
            if 'TargetMode="External"' in rels:
                found.append("liên kết ra bên ngoài (external relationship)")
            if "/aFChunk" in rels:
                found.append("nội dung nhúng (altChunk)")
        if name.startswith("word/") and name.endswith(".xml"):
            xml = package.read(name).decode("utf-8", "replace")
            if "altChunk" in xml and "/aFChunk" not in xml:
                found.append("nội dung nhúng (altChunk)")
            for match in ACTIVE_FIELDS.finditer(" ".join(re.findall(r"instr[^>]*>([^<]*)<", xml))):
                found.append(f"trường tự động {match.group(1)}")
            for match in re.finditer(r'w:instr="([^"]*)"', xml):
                if field := ACTIVE_FIELDS.search(match.group(1)):
                    found.append(f"trường tự động {field.group(1)}")
    return sorted(set(found))


def form_problems(data: bytes, phase: Phase) -> list[str]:
    """Return how a report departs from the phase's form (header, sections, signature, A4)."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        body = etree.fromstring(package.read("word/document.xml"))
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, ValueError):
        return ["tệp không phải văn bản DOCX đọc được"]
    problems = [f"có {item}, không được phép" for item in active_content(package)]
    text = "\n".join(_texts(body)).upper()
    form = phase.legal_basis.achievement_form
    if "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in text:
        problems.append("thiếu phần đầu văn bản (Quốc hiệu, tên cơ quan) theo " + form)
    if "BÁO CÁO THÀNH TÍCH" not in text:
        problems.append("thiếu tên loại văn bản “BÁO CÁO THÀNH TÍCH”")
    if not re.search(r"(^|\n)I\.\s", text) or not re.search(r"(^|\n)II\.\s", text):
        problems.append("thiếu các phần I (thông tin chung, sơ lược lý lịch), II (thành tích)")
    if "XÁC NHẬN" not in text:
        problems.append("thiếu phần xác nhận của cấp trên hoặc thủ trưởng đơn vị")
    if "KÝ" not in text and "THỦ TRƯỞNG" not in text:
        problems.append("thiếu chữ ký của người báo cáo hoặc thủ trưởng đơn vị")
    size = body.find(f".//{W}sectPr/{W}pgSz")
    width = int(size.get(f"{W}w", "0")) if size is not None else 0
    height = int(size.get(f"{W}h", "0")) if size is not None else 0
    if abs(width - A4[0]) > A4_TOLERANCE or abs(height - A4[1]) > A4_TOLERANCE:
        problems.append("khổ giấy không phải A4 (210 × 297 mm)")
    return problems


def pins_key(campaign: str, phase: str) -> str:
    """Return where a phase's pins are kept in the archive bucket."""
    return f"ho-so/{campaign}/{phase}/tep-don-vi/ghim.json"


def read_pins(store: ObjectStore, bucket: str, key: str) -> dict[str, Pin]:
    """Return the pins recorded so far (none before the first build)."""
    try:
        raw = json.loads(store.get_bytes(bucket, key))
    except (ObjectNotFoundError, ValueError):
        return {}
    return {item["source_key"]: Pin(**item) for item in raw}


def write_pins(store: ObjectStore, bucket: str, key: str, pins: dict[str, Pin]) -> None:
    """Store the pins, ordered by source key."""
    payload = [pins[k].__dict__ for k in sorted(pins)]
    store.put_bytes(
        bucket, key, (json.dumps(payload, ensure_ascii=False, indent=2) + "\n").encode()
    )


def _pin(store: ObjectStore, archive: str, attachment: Attachment) -> Pin:
    data = store.get_bytes(
        attachment.bucket, attachment.key, version_id=attachment.version_id, max_bytes=MAX_BYTES
    )
    digest = hashlib.sha256(data).hexdigest()
    # The pinned copy is evidence: stored once, content-addressed, in the write-once archive.
    archive_key = keep_in_archive(
        store,
        data,
        source_key=attachment.key,
        source_version=attachment.version_id,
        bucket=archive,
    )
    return Pin(attachment.key, attachment.version_id, digest, archive_key)


def unit_files(
    store: ObjectStore | None,
    archive: str | None,
    *,
    campaign: str,
    phase: Phase,
    candidates: tuple[CandidateRecord, ...],
) -> dict[int, UnitFile]:
    """Return each candidate's own file, pinned on first sight, checked against the form."""
    if store is None or archive is None:
        return {}
    key = pins_key(campaign, phase.code)
    pins = read_pins(store, archive, key)
    before = dict(pins)
    result = {}
    for candidate in candidates:
        attachment = candidate.attachment
        if attachment is None:
            continue
        try:
            pin = pins.get(attachment.key) or _pin(store, archive, attachment)
            pins[attachment.key] = pin
            data = store.get_bytes(archive, pin.archive_key, max_bytes=MAX_BYTES)
        except StorageError as error:
            log.warning("Tệp %s của đơn vị không đọc được: %s", attachment.key, error)
            continue
        if hashlib.sha256(data).hexdigest() != pin.sha256:
            raise StorageError(f"Bản lưu {pin.archive_key} không còn khớp mã băm đã ghim.")
        reasons = tuple(form_problems(data, phase))
        result[candidate.nomination_id] = UnitFile(pin, None if reasons else data, reasons)
    if pins != before:
        write_pins(store, archive, key, pins)
    return result
