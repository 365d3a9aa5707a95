"""Assess one uploaded version: every finding about it, from its bytes and where it was put.

One pure function serves the pipeline's ingest, its recheck of dossiers, the portal's self-check
and `thidua validate`, so a unit reads the same answer wherever it asks.
"""

from __future__ import annotations

import io
import logging
import zipfile
from dataclasses import dataclass
from datetime import datetime

from models.campaign import Campaign
from tasks.ingest.archive import READ_LIMIT
from tasks.validation.findings import finding
from tasks.validation.report import UnitContext, ValidationResult, validate_workbook

log = logging.getLogger(__name__)

# OLE2 directory entries are UTF-16: a legacy .xls that carries a VBA project names this stream.
OLE_VBA_STREAM = "_VBA_PROJECT".encode("utf-16-le")

MESSAGES = {
    "FILE_TOO_LARGE": "Tệp {megabytes} MB vượt giới hạn {limit} MB cho một báo cáo.",
    "CORRUPT_FILE": "Hệ thống không đọc được tệp này (lỗi đã được ghi lại cho quản trị viên): "
    "hãy mở bằng Excel, lưu lại dạng .xlsx rồi tải lên.",
    "MACRO_WORKBOOK": "Tệp có chứa macro (VBA): vì an toàn, hệ thống không nhận bảng tính có "
    "macro. Hãy lưu lại dạng «Excel Workbook (*.xlsx)» rồi tải lên.",
    "STRAY_SUBFOLDER": "Tệp nằm trong thư mục con «{subfolder}/» nên không được tính là báo cáo: "
    "hãy tải báo cáo vào thẳng thư mục {unit}/ (hồ sơ khen thưởng để trong {unit}/dinh-kem/).",
    "MALFORMED_UNIT_FOLDER": "Thư mục tải lên «{folder}» không viết đúng mã đơn vị {unit} (phân "
    "biệt chữ hoa, không có dấu cách): báo cáo không được tính. Hãy tải lên vào thư mục {unit}/.",
    "SEVERAL_WORKBOOKS": "Thư mục của đơn vị có {count} tệp báo cáo; chỉ tệp hợp lệ tải lên mới "
    "nhất được tính. Hãy xóa hoặc thay các tệp thừa.",
    "RECEIPT_INVALID": "Biên nhận kèm tệp không được chấp nhận ({problem}): thời điểm tải lên "
    "tính theo thời điểm máy chủ lưu tệp.",
    "LATE_UPLOAD": "Tải lên lúc {uploaded}, sau hạn {deadline}: báo cáo được ghi nhận là nộp muộn.",
}


@dataclass(frozen=True)
class Upload:
    """One uploaded version as the assessment sees it: its bytes and where and when it came."""

    data: bytes | None
    file_name: str
    size: int
    unit_folder: str
    folder_name: str = ""
    subfolder: str = ""
    uploaded_at: datetime | None = None
    receipt_problem: str | None = None
    workbooks_in_folder: int = 1
    attachments: tuple[str, ...] | None = None


def assess(
    upload: Upload, *, campaign: Campaign, year: int, unit: UnitContext | None
) -> ValidationResult:
    """Return every finding about one uploaded version: its content, place and time."""
    result = _content(upload, campaign=campaign, year=year, unit=unit)
    result.findings.extend(_placement(upload))
    result.findings.extend(_timing(upload, campaign=campaign, year=year))
    return result


def status_of(result: ValidationResult) -> str:
    """Return the submission status a result gives: valid, invalid or unreadable."""
    if result.ok:
        return "valid"
    return "invalid" if result.readable else "unreadable"


def has_macros(data: bytes) -> bool:
    """Return whether a workbook carries a VBA project (xlsm/xlsb parts, or a legacy stream)."""
    if data.startswith(b"PK"):
        try:
            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except (zipfile.BadZipFile, OSError, EOFError):
            return False
        return any(name.lower().endswith("vbaproject.bin") for name in names)
    return OLE_VBA_STREAM in data


def _content(
    upload: Upload, *, campaign: Campaign, year: int, unit: UnitContext | None
) -> ValidationResult:
    if upload.data is None:
        result = ValidationResult(unit=upload.unit_folder, year=year, readable=False)
        message = MESSAGES["FILE_TOO_LARGE"].format(
            megabytes=upload.size // (1024 * 1024), limit=READ_LIMIT // (1024 * 1024)
        )
        result.findings.append(finding("FILE_TOO_LARGE", message))
        return result
    try:
        result = validate_workbook(
            upload.data,
            file_name=upload.file_name,
            unit_code=upload.unit_folder,
            year=year,
            campaign=campaign,
            unit=unit,
            attachments=list(upload.attachments) if upload.attachments is not None else None,
        )
    except Exception:
        # A file that breaks the reader must not stop the batch; the trace is for the operators.
        log.exception("Validation crashed on %s of %s", upload.file_name, upload.unit_folder)
        result = ValidationResult(unit=upload.unit_folder, year=year, readable=False)
        result.findings.append(finding("CORRUPT_FILE", MESSAGES["CORRUPT_FILE"]))
    if has_macros(upload.data):
        result.findings.insert(0, finding("MACRO_WORKBOOK", MESSAGES["MACRO_WORKBOOK"]))
    return result


def _placement(upload: Upload) -> list:
    found = []
    if upload.subfolder:
        message = MESSAGES["STRAY_SUBFOLDER"].format(
            subfolder=upload.subfolder, unit=upload.unit_folder
        )
        found.append(finding("STRAY_SUBFOLDER", message))
    if upload.folder_name and upload.folder_name != upload.unit_folder:
        message = MESSAGES["MALFORMED_UNIT_FOLDER"].format(
            folder=upload.folder_name, unit=upload.unit_folder
        )
        found.append(finding("MALFORMED_UNIT_FOLDER", message))
    if upload.workbooks_in_folder > 1:
        message = MESSAGES["SEVERAL_WORKBOOKS"].format(count=upload.workbooks_in_folder)
        found.append(finding("SEVERAL_WORKBOOKS", message))
    return found


def _timing(upload: Upload, *, campaign: Campaign, year: int) -> list:
    found = []
    if upload.receipt_problem:
        message = MESSAGES["RECEIPT_INVALID"].format(problem=upload.receipt_problem)
        found.append(finding("RECEIPT_INVALID", message))
    deadline = campaign.deadline_for(year)
    if upload.uploaded_at is not None and upload.uploaded_at > deadline:
        local = upload.uploaded_at.astimezone(deadline.tzinfo)
        message = MESSAGES["LATE_UPLOAD"].format(
            uploaded=f"{local:%H:%M ngày %d/%m/%Y}", deadline=f"{deadline:%H:%M:%S ngày %d/%m/%Y}"
        )
        found.append(finding("LATE_UPLOAD", message))
    return found
