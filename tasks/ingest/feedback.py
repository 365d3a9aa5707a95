"""Feedback to a unit: its findings as a Vietnamese workbook and as JSON, in the output bucket."""

from __future__ import annotations

import io
import json
import re
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill

from models.campaign import Campaign
from models.tables import Submission
from tasks.storage import ObjectStore
from tasks.validation.report import ValidationResult

STATUS_LABELS = {
    "valid": "Hợp lệ",
    "invalid": "Có lỗi, cần sửa và tải lên lại",
    "unreadable": "Không đọc được tệp",
    "received": "Đã nhận",
}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def feedback_prefix(submission: Submission) -> str:
    """Return the feedback object key, without extension, of one submission."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", submission.file_name.rsplit(".", 1)[0]).strip("-")
    stamp = f"{submission.uploaded_at:%Y%m%d-%H%M%S}"
    version = re.sub(r"[^A-Za-z0-9]+", "", submission.version_key)[:12]
    return (
        f"phan-hoi/{submission.campaign_code}/{submission.year}/"
        f"{submission.folder_unit_code}/{stamp}-{stem or 'bao-cao'}-{version}"
    )


def feedback_json(submission: Submission, result: ValidationResult) -> dict[str, object]:
    """Return the feedback document: the validation JSON plus where the upload came from."""
    return {
        **result.to_json(),
        "status": submission.status,
        "file": submission.file_name,
        "object_key": submission.object_key,
        "version_id": submission.version_id,
        "sha256": submission.sha256,
        "uploaded_at": submission.uploaded_at.isoformat(),
        "late": submission.is_late,
    }


def feedback_workbook(
    submission: Submission, result: ValidationResult, campaign: Campaign
) -> bytes:
    """Return the findings as a workbook a clerk can read and fix from."""
    zone = ZoneInfo(campaign.timezone)
    workbook = Workbook(write_only=True)  # streaming mode: a few times faster for one table
    sheet = workbook.create_sheet("PhanHoi")
    for column, width in zip("ABCDEF", (12, 26, 14, 8, 16, 100), strict=True):
        sheet.column_dimensions[column].width = width

    def styled(
        value: object, font: Font | None = None, fill: PatternFill | None = None, wrap: bool = False
    ) -> WriteOnlyCell:
        cell = WriteOnlyCell(sheet, value=value)
        if font:
            cell.font = font
        if fill:
            cell.fill = fill
        if wrap:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        return cell

    bold = Font(name="Times New Roman", bold=True)
    sheet.append(
        [
            styled(
                f"KẾT QUẢ KIỂM TRA BÁO CÁO NĂM {submission.year}",
                Font(name="Times New Roman", bold=True, size=14),
            )
        ]
    )
    for label, value in (
        ("Phong trào", campaign.name),
        ("Đơn vị (thư mục)", submission.folder_unit_code),
        ("Tệp", submission.file_name),
        ("Thời điểm tải lên", f"{submission.uploaded_at.astimezone(zone):%H:%M:%S %d/%m/%Y}"),
        ("Hạn nộp", f"{campaign.deadline_for(submission.year):%H:%M:%S %d/%m/%Y}"),
        ("Nộp muộn", "Có" if submission.is_late else "Không"),
        ("Kết quả", STATUS_LABELS.get(submission.status, submission.status)),
        ("Số lỗi / cảnh báo", f"{result.error_count} / {result.warning_count}"),
    ):
        sheet.append([styled(label, bold), value])
    sheet.append([])
    fill = PatternFill("solid", fgColor="DDEBF7")
    sheet.append(
        [
            styled(title, bold, fill)
            for title in ("Mức độ", "Mã", "Trang tính", "Dòng", "Cột", "Nội dung")
        ]
    )
    for item in result.findings:
        sheet.append(
            [
                "Lỗi" if item.severity == "error" else "Cảnh báo",
                item.code,
                item.sheet or "",
                item.row or "",
                item.column or "",
                styled(item.message, wrap=True),
            ]
        )
    if not result.findings:
        sheet.append(["", "", "", "", "", "Không có lỗi hay cảnh báo nào."])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_feedback(
    store: ObjectStore,
    *,
    bucket: str,
    submission: Submission,
    result: ValidationResult,
    campaign: Campaign,
) -> str:
    """Store the feedback workbook and JSON; return the key of the workbook."""
    prefix = feedback_prefix(submission)
    document = json.dumps(
        feedback_json(submission, result), ensure_ascii=False, indent=2, default=str
    )
    store.put_bytes(
        bucket, f"{prefix}.json", document.encode(), content_type="application/json; charset=utf-8"
    )
    store.put_bytes(
        bucket, f"{prefix}.xlsx", feedback_workbook(submission, result, campaign), content_type=XLSX
    )
    return f"{prefix}.xlsx"
