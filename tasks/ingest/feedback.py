"""Feedback to a unit: its findings as a Vietnamese workbook and as JSON, in the output bucket."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from models.campaign import Campaign
from models.tables import Submission
from tasks.storage import ObjectStore
from tasks.templates.report_workbook import save_workbook
from tasks.validation.findings import Finding
from tasks.validation.report import ValidationResult, phase_end_years
from tasks.workbook.text_cells import put_text

STATUS_LABELS = {
    "valid": "Hợp lệ",
    "invalid": "Có lỗi, cần sửa và tải lên lại",
    "unreadable": "Không đọc được tệp",
    "received": "Đã nhận",
}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
WIDTHS = (17, 24, 12, 7, 14, 75)
TITLES = ("Mức độ", "Mã", "Trang tính", "Dòng", "Cột", "Nội dung và cách sửa")
LINE_HEIGHT = 15
TITLE_FONT = Font(name="Times New Roman", bold=True, size=14)
BOLD = Font(name="Times New Roman", bold=True)
BODY = Font(name="Times New Roman")
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
    # In UTC, as the database gives the time back: a receipt written in another offset (a
    # migration's +07:00) must not give a key that the submission's row cannot find again.
    uploaded = subject.uploaded_at
    stamp = f"{uploaded.astimezone(UTC) if uploaded.tzinfo else uploaded:%Y%m%d-%H%M%S}"
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
        if subject.status != "valid" and result.nominations:
            parts.append("Các đề nghị khen thưởng chỉ được xét khi báo cáo hợp lệ.")
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


Texts = tuple[str, str, tuple[tuple[str, str], ...]]


def feedback_texts(subject: FeedbackSubject, result: ValidationResult, campaign: Campaign) -> Texts:
    """Return the feedback workbook's title, headline and facts (label, value)."""
    head = headline(subject, result, campaign)
    return texts_of(subject, head, (result.error_count, result.warning_count), campaign)


def texts_of(
    subject: FeedbackSubject, head: str, counts: tuple[int, int], campaign: Campaign
) -> Texts:
    """Return the workbook's title, headline and facts of a headline and (errors, warnings)."""
    zone = ZoneInfo(campaign.timezone)
    facts = (
        ("Phong trào", campaign.name),
        ("Đơn vị (thư mục)", subject.unit_folder),
        ("Tệp", subject.file_name),
        ("Thời điểm tải lên", f"{subject.uploaded_at.astimezone(zone):%H:%M:%S %d/%m/%Y}"),
        ("Hạn nộp", f"{campaign.deadline_for(subject.year):%H:%M:%S %d/%m/%Y}"),
        ("Nộp muộn", "Có" if subject.is_late else "Không"),
        ("Kết quả", STATUS_LABELS.get(subject.status, subject.status)),
        ("Số lỗi / cảnh báo", f"{counts[0]} / {counts[1]}"),
    )
    return f"KẾT QUẢ KIỂM TRA BÁO CÁO NĂM {subject.year}", head, facts


def feedback_workbook(
    subject: FeedbackSubject, result: ValidationResult, campaign: Campaign
) -> bytes:
    """Return the findings as a workbook a clerk can read, print on A4 and fix from."""
    return texts_workbook(feedback_texts(subject, result, campaign), result.findings or [])


def texts_workbook(texts: Texts, findings: list[Finding]) -> bytes:
    """Return the workbook of these texts and findings: by substitution where it can be."""
    from tasks.ingest.feedback_clean import clean_workbook  # it renders through this module

    title, head, facts = texts
    if (fast := clean_workbook(title, head, facts, findings)) is not None:
        return fast
    return render_workbook(title, head, facts, findings)


def render_workbook(
    title: str, head: str, facts: tuple[tuple[str, str], ...], findings: list[Finding]
) -> bytes:
    """Return the feedback workbook of these texts and findings, drawn with openpyxl."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "PhanHoi"
    for letter, width in zip("ABCDEF", WIDTHS, strict=True):
        sheet.column_dimensions[letter].width = width
    _merged_line(sheet, 1, title, TITLE_FONT)
    _merged_line(sheet, 2, head, BOLD)
    for row, (label, value) in enumerate(facts, start=3):
        put_text(sheet.cell(row, 1), label).font = BOLD
        sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=6)
        cell = put_text(sheet.cell(row, 2), value)
        cell.font, cell.alignment = BODY, WRAP
        sheet.row_dimensions[row].height = LINE_HEIGHT * lines_of(value, sum(WIDTHS[1:]))
    header = len(facts) + 4
    for column, title_text in enumerate(TITLES, start=1):
        cell = put_text(sheet.cell(header, column), title_text)
        cell.font, cell.fill = BOLD, HEADER_FILL
    for row, item in enumerate(findings, start=header + 1):
        severity = "Lỗi" if item.severity == "error" else "Cảnh báo"
        where = (severity, item.code, item.sheet or "", item.row or "", item.column or "")
        for column, shown in enumerate((*where, item.message), start=1):
            cell = put_text(sheet.cell(row, column), shown)
            cell.font, cell.alignment = BODY, WRAP
        sheet.row_dimensions[row].height = LINE_HEIGHT * lines_of(item.message, WIDTHS[-1])
    if not findings:
        put_text(sheet.cell(header + 1, 6), "Không có lỗi hay cảnh báo nào.").font = BODY
    _print_setup(sheet, header)
    return save_workbook(workbook)


def _merged_line(sheet: Worksheet, row: int, text: str, font: Font) -> None:
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=6)
    cell = put_text(sheet.cell(row, 1), text)
    cell.font, cell.alignment = font, WRAP
    sheet.row_dimensions[row].height = (LINE_HEIGHT + 3) * lines_of(text, sum(WIDTHS))


def lines_of(value: object, width: int) -> int:
    """Return how many lines a wrapped text takes in a column of that many characters."""
    text = str(value)
    return max(1, sum(max(1, -(-len(part) // max(1, width - 2))) for part in text.split("\n")))


def _print_setup(sheet: Worksheet, header: int) -> None:
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{header}:{header}"
    sheet.freeze_panes = sheet.cell(header + 1, 1)


def write_feedback(
    store: ObjectStore,
    *,
    bucket: str,
    subject: FeedbackSubject,
    result: ValidationResult,
    campaign: Campaign,
) -> str:
    """Store the feedback JSON, and the workbook where there are findings; return the key read.

    A report without findings is answered by its JSON alone: its workbook, the same bytes, is
    drawn from that JSON when someone asks for it (feedback_document.stored_feedback_workbook).
    """
    prefix = feedback_prefix(subject)
    document = json.dumps(
        feedback_json(subject, result, campaign), ensure_ascii=False, indent=2, default=str
    )
    store.put_bytes(
        bucket, f"{prefix}.json", document.encode(), content_type="application/json; charset=utf-8"
    )
    if not result.findings:
        return f"{prefix}.json"
    store.put_bytes(
        bucket, f"{prefix}.xlsx", feedback_workbook(subject, result, campaign), content_type=XLSX
    )
    return f"{prefix}.xlsx"
