"""Feedback to a unit: its findings as a Vietnamese workbook and as JSON, in the output bucket."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from models.campaign import Campaign
from models.tables import Submission
from tasks.storage import ObjectStore
from tasks.templates.report_workbook import save_workbook
from tasks.validation.report import ValidationResult, phase_end_years
from tasks.workbook.text_cells import text_cell

STATUS_LABELS = {
    "valid": "Hợp lệ",
    "invalid": "Có lỗi, cần sửa và tải lên lại",
    "unreadable": "Không đọc được tệp",
    "received": "Đã nhận",
}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TITLE_FONT = Font(name="Times New Roman", bold=True, size=14)
BOLD = Font(name="Times New Roman", bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
WRAP = Alignment(wrap_text=True, vertical="top")


@dataclass(frozen=True)
class FeedbackSubject:
    """The upload the feedback answers: what, where, when, and where it stands."""

    campaign_code: str
    year: int
    unit_folder: str
    file_name: str
    object_key: str
    version_id: str | None
    version_key: str
    sha256: str
    uploaded_at: datetime
    is_late: bool
    status: str


def subject_of(submission: Submission) -> FeedbackSubject:
    """Return the feedback subject of a recorded submission."""
    return FeedbackSubject(
        campaign_code=submission.campaign_code,
        year=submission.year,
        unit_folder=submission.folder_unit_code,
        file_name=submission.file_name,
        object_key=submission.object_key,
        version_id=submission.version_id,
        version_key=submission.version_key,
        sha256=submission.sha256,
        uploaded_at=submission.uploaded_at,
        is_late=submission.is_late,
        status=submission.status,
    )


def feedback_prefix(subject: FeedbackSubject) -> str:
    """Return the feedback object key, without extension, of one upload version."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", subject.file_name.rsplit(".", 1)[0]).strip("-")
    stamp = f"{subject.uploaded_at:%Y%m%d-%H%M%S}"
    version = re.sub(r"[^A-Za-z0-9]+", "", subject.version_key)[:12]
    folder = re.sub(r"[^A-Za-z0-9._-]+", "-", subject.unit_folder).strip("-") or "khong-ro"
    return (
        f"phan-hoi/{subject.campaign_code}/{subject.year}/"
        f"{folder}/{stamp}-{stem or 'bao-cao'}-{version}"
    )


def headline(subject: FeedbackSubject, result: ValidationResult, campaign: Campaign) -> str:
    """Return, in one line, what the result means for the unit: counted or not, and why."""
    if subject.status != "valid":
        parts = [
            f"Báo cáo CHƯA được tính: {result.error_count} lỗi cần sửa, rồi tải lên lại "
            f"trước hạn {campaign.deadline_for(subject.year):%d/%m/%Y}."
        ]
    elif subject.is_late:
        parts = ["Báo cáo hợp lệ nhưng nộp muộn: chỉ được tính khi đơn vị không có bản đúng hạn."]
    else:
        parts = ["Báo cáo hợp lệ, nộp đúng hạn: được tính (trừ khi đơn vị gửi bản mới hơn)."]
    if subject.year in phase_end_years(campaign) and result.readable:
        parts.append(_nominations_line(result))
    return " ".join(parts)


def _nominations_line(result: ValidationResult) -> str:
    readings = result.nominations
    if not readings:
        return "Đơn vị không đề nghị khen thưởng."
    incomplete = [r for r in readings if r.dossier_complete is False]
    if not incomplete:
        return f"{len(readings)} đề nghị khen thưởng, hồ sơ đủ."
    missing = "; ".join(
        f"dòng {r.row} ({r.ten}): thiếu {', '.join(r.missing_files) or 'báo cáo thành tích'}"
        for r in incomplete
    )
    return (
        f"{len(readings)} đề nghị khen thưởng, {len(incomplete)} chưa đủ hồ sơ và sẽ không được "
        f"xét nếu không bổ sung: {missing}."
    )


def feedback_json(
    subject: FeedbackSubject, result: ValidationResult, campaign: Campaign
) -> dict[str, object]:
    """Return the feedback document: the validation JSON plus where the upload came from."""
    return {
        **result.to_json(),
        "headline": headline(subject, result, campaign),
        "status": subject.status,
        "file": subject.file_name,
        "object_key": subject.object_key,
        "version_id": subject.version_id,
        "sha256": subject.sha256,
        "uploaded_at": subject.uploaded_at.isoformat(),
        "late": subject.is_late,
    }


def feedback_workbook(
    subject: FeedbackSubject, result: ValidationResult, campaign: Campaign
) -> bytes:
    """Return the findings as a workbook a clerk can read and fix from (every text as text)."""
    zone = ZoneInfo(campaign.timezone)
    workbook = Workbook(write_only=True)  # streaming mode: a few times faster for one table
    sheet = workbook.create_sheet("PhanHoi")
    for column, width in zip("ABCDEF", (12, 26, 14, 8, 16, 100), strict=True):
        sheet.column_dimensions[column].width = width

    def cell(value: object, font: Font | None = None, fill: PatternFill | None = None) -> object:
        made = text_cell(sheet, value)
        if font:
            made.font = font
        if fill:
            made.fill = fill
        if isinstance(value, str) and len(value) > 40:
            made.alignment = WRAP
        return made

    sheet.append([cell(f"KẾT QUẢ KIỂM TRA BÁO CÁO NĂM {subject.year}", TITLE_FONT)])
    sheet.append([cell(headline(subject, result, campaign), BOLD)])
    for label, value in (
        ("Phong trào", campaign.name),
        ("Đơn vị (thư mục)", subject.unit_folder),
        ("Tệp", subject.file_name),
        ("Thời điểm tải lên", f"{subject.uploaded_at.astimezone(zone):%H:%M:%S %d/%m/%Y}"),
        ("Hạn nộp", f"{campaign.deadline_for(subject.year):%H:%M:%S %d/%m/%Y}"),
        ("Nộp muộn", "Có" if subject.is_late else "Không"),
        ("Kết quả", STATUS_LABELS.get(subject.status, subject.status)),
        ("Số lỗi / cảnh báo", f"{result.error_count} / {result.warning_count}"),
    ):
        sheet.append([cell(label, BOLD), cell(value)])
    sheet.append([])
    titles = ("Mức độ", "Mã", "Trang tính", "Dòng", "Cột", "Nội dung")
    sheet.append([cell(title, BOLD, HEADER_FILL) for title in titles])
    for item in result.findings:
        severity = "Lỗi" if item.severity == "error" else "Cảnh báo"
        where = (item.sheet or "", item.row or "", item.column or "")
        sheet.append([cell(value) for value in (severity, item.code, *where, item.message)])
    if not result.findings:
        sheet.append([cell(""), "", "", "", "", cell("Không có lỗi hay cảnh báo nào.")])
    return save_workbook(workbook)


def write_feedback(
    store: ObjectStore,
    *,
    bucket: str,
    subject: FeedbackSubject,
    result: ValidationResult,
    campaign: Campaign,
) -> str:
    """Store the feedback workbook and JSON; return the key of the workbook."""
    prefix = feedback_prefix(subject)
    document = json.dumps(
        feedback_json(subject, result, campaign), ensure_ascii=False, indent=2, default=str
    )
    store.put_bytes(
        bucket, f"{prefix}.json", document.encode(), content_type="application/json; charset=utf-8"
    )
    store.put_bytes(
        bucket, f"{prefix}.xlsx", feedback_workbook(subject, result, campaign), content_type=XLSX
    )
    return f"{prefix}.xlsx"
