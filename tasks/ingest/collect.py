"""Ingest new report versions: archive, validate, store, and choose each unit's counted report."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, insert
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from models.campaign import Campaign
from models.database import session_scope
from models.settings import Settings
from models.tables import (
    Finding as FindingRow,
)
from models.tables import (
    IndicatorValue,
    Nomination,
    Nominee,
    Submission,
    SubmissionStatus,
    Unit,
)
from tasks.ingest.archive import archive_upload
from tasks.ingest.feedback import write_feedback
from tasks.ingest.inbox import InboxObject
from tasks.ingest.receipts import received_at
from tasks.registry.lookup import context_of
from tasks.storage import ObjectNotFoundError, ObjectStore
from tasks.validation.findings import finding
from tasks.validation.report import ValidationResult, validate_workbook
from tasks.workbook.values import fold_key

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FolderState:
    """What a unit's folder holds now: its workbooks and its dinh-kem/ listing."""

    workbooks: tuple[str, ...]
    attachments: tuple[str, ...] | None
    attachments_sha256: str | None


@dataclass(frozen=True)
class Outcome:
    """What happened to one upload version, for the run's table."""

    unit: str
    file_name: str
    key: str
    version: str
    uploaded_at: datetime
    status: str
    is_late: bool
    errors: int
    warnings: int
    feedback_key: str | None
    skipped: bool = False

    @classmethod
    def of(
        cls,
        item: InboxObject,
        *,
        status: str,
        is_late: bool,
        errors: int = 0,
        warnings: int = 0,
        feedback_key: str | None = None,
        skipped: bool = False,
        uploaded_at: datetime | None = None,
    ) -> Outcome:
        """Return the outcome of one inbox version (received at uploaded_at, if not stored)."""
        return cls(
            item.unit_folder,
            item.name,
            item.key,
            item.version_key,
            uploaded_at or item.uploaded_at,
            status,
            is_late,
            errors,
            warnings,
            feedback_key,
            skipped,
        )


def known_versions(
    session: Session, *, bucket: str, campaign: str, year: int
) -> set[tuple[str, str]]:
    """Return the (key, version) pairs already ingested for a campaign year."""
    statement = select(Submission.object_key, Submission.version_key).where(
        Submission.bucket == bucket, Submission.campaign_code == campaign, Submission.year == year
    )
    return {(key, version) for key, version in session.exec(statement).all()}


def phase_of_year(campaign: Campaign, year: int) -> str | None:
    """Return the code of the phase whose nominations are due in year."""
    for phase in campaign.phases:
        if max(phase.years) == year:
            return phase.code
    return None


def ingest_one(
    *,
    store: ObjectStore,
    settings: Settings,
    campaign: Campaign,
    year: int,
    item: InboxObject,
    folder: FolderState,
    database_url: str | None = None,
) -> Outcome:
    """Archive, validate and record one upload version; a bad file becomes findings."""
    try:
        archived = archive_upload(
            store, item, inbox=settings.inbox_bucket, archive=settings.archive_bucket
        )
    except ObjectNotFoundError:
        # The unit deleted this version between the listing and now: nothing left to ingest.
        log.warning("Version %s of %s vanished before it was read", item.version_key, item.key)
        return Outcome.of(item, status="vanished", is_late=False, skipped=True)
    uploaded_at, receipt_problem = received_at(
        store.stat(settings.inbox_bucket, item.key, version_id=item.version_id).metadata,
        key=settings.receipt_key,
        object_key=item.key,
        sha256=archived.sha256,
        stored_at=item.uploaded_at,
    )
    deadline = campaign.deadline_for(year)
    is_late = uploaded_at > deadline
    with session_scope(database_url) as session:
        unit = session.get(Unit, item.unit_folder)
        submission = Submission(
            campaign_code=campaign.code,
            year=year,
            folder_unit_code=item.unit_folder,
            unit_code=unit.code if unit else None,
            bucket=settings.inbox_bucket,
            object_key=item.key,
            version_id=item.version_id,
            version_key=item.version_key,
            etag=item.etag,
            sha256=archived.sha256,
            size=archived.size,
            archive_key=archived.archive_key,
            uploaded_at=uploaded_at,
            file_name=item.name,
            is_late=is_late,
            attachments_sha256=folder.attachments_sha256,
        )
        try:
            with session.begin_nested():
                session.add(submission)
                session.flush()
        except IntegrityError:
            log.info("Version %s of %s was ingested by another run", item.version_key, item.key)
            return Outcome.of(
                item, status="skipped", is_late=is_late, skipped=True, uploaded_at=uploaded_at
            )
        result = _validate(
            archived.data, item=item, campaign=campaign, year=year, unit=unit, folder=folder
        )
        if receipt_problem:
            result.findings.append(
                finding(
                    "RECEIPT_INVALID",
                    f"Biên nhận kèm tệp không được chấp nhận ({receipt_problem}): thời điểm "
                    "tải lên tính theo thời điểm máy chủ lưu tệp.",
                )
            )
        if is_late:
            local = uploaded_at.astimezone(deadline.tzinfo)
            result.findings.append(
                finding(
                    "LATE_UPLOAD",
                    f"Tải lên lúc {local:%H:%M ngày %d/%m/%Y}, sau hạn "
                    f"{deadline:%H:%M:%S ngày %d/%m/%Y}: báo cáo được ghi nhận là nộp muộn.",
                )
            )
        record_result(session, submission=submission, result=result, campaign=campaign, year=year)
        feedback_key = write_feedback(
            store,
            bucket=settings.output_bucket,
            submission=submission,
            result=result,
            campaign=campaign,
        )
        return Outcome.of(
            item,
            status=submission.status,
            is_late=is_late,
            errors=submission.error_count,
            warnings=submission.warning_count,
            feedback_key=feedback_key,
            uploaded_at=uploaded_at,
        )


def _validate(
    data: bytes | None,
    *,
    item: InboxObject,
    campaign: Campaign,
    year: int,
    unit: Unit | None,
    folder: FolderState,
) -> ValidationResult:
    if data is None:
        result = ValidationResult(unit=item.unit_folder, year=year, readable=False)
        result.findings.append(
            finding(
                "FILE_TOO_LARGE",
                f"Tệp {item.size // (1024 * 1024)} MB vượt giới hạn 20 MB cho một báo cáo.",
            )
        )
        return result
    try:
        result = validate_workbook(
            data,
            file_name=item.name,
            unit_code=item.unit_folder,
            year=year,
            campaign=campaign,
            unit=context_of(unit) if unit else None,
            attachments=list(folder.attachments) if folder.attachments is not None else [],
        )
    except Exception:
        # A file that breaks the reader must not stop the batch; the trace is for the operators.
        log.exception("Validation crashed on %s (%s)", item.key, item.version_key)
        result = ValidationResult(unit=item.unit_folder, year=year, readable=False)
        result.findings.append(
            finding(
                "CORRUPT_FILE",
                "Hệ thống không đọc được tệp này (lỗi "
                "đã được ghi lại cho quản trị viên): hãy lưu lại bằng "
                "Excel rồi tải lên.",
            )
        )
    others = [key for key in folder.workbooks if key != item.key]
    if others:
        result.findings.append(
            finding(
                "SEVERAL_WORKBOOKS",
                f"Thư mục của đơn vị có {len(others) + 1} tệp báo cáo; chỉ "
                "tệp hợp lệ tải lên mới nhất được tính. Hãy xóa hoặc thay các tệp thừa.",
            )
        )
    return result


def record_result(
    session: Session,
    *,
    submission: Submission,
    result: ValidationResult,
    campaign: Campaign,
    year: int,
) -> None:
    """Store a validation result on its submission: status, values, findings, nominations."""
    assert submission.id is not None
    submission.template_version = result.template
    submission.error_count = result.error_count
    submission.warning_count = result.warning_count
    submission.status = (
        SubmissionStatus.VALID
        if result.ok
        else SubmissionStatus.INVALID
        if result.readable
        else SubmissionStatus.UNREADABLE
    ).value
    # A re-validation (the dinh-kem/ folder changed) replaces the findings; values stay.
    session.execute(delete(FindingRow).where(col(FindingRow.submission_id) == submission.id))
    if result.values and not _has_values(session, submission.id):
        session.execute(
            insert(IndicatorValue),
            [
                {
                    "submission_id": submission.id,
                    "indicator_code": code,
                    "total": reading.total,
                    "achieved": reading.achieved,
                    "note": reading.note[:2000] or None,
                    "row": reading.row,
                }
                for code, reading in result.values.items()
            ],
        )
    if result.findings:
        session.execute(
            insert(FindingRow),
            [
                {
                    "submission_id": submission.id,
                    "campaign_code": campaign.code,
                    "year": year,
                    "unit_code": submission.folder_unit_code,
                    "object_key": submission.object_key,
                    "severity": item.severity,
                    "code": item.code,
                    "message": item.message[:2000],
                    "sheet": item.sheet,
                    "row": item.row,
                    "column": item.column,
                }
                for item in result.findings
            ],
        )
    phase = phase_of_year(campaign, year)
    if phase and result.ok and submission.unit_code:
        _record_nominations(session, submission=submission, result=result, phase=phase)


def _has_values(session: Session, submission_id: int) -> bool:
    statement = select(IndicatorValue.id).where(IndicatorValue.submission_id == submission_id)
    return session.exec(statement).first() is not None


def _record_nominations(
    session: Session, *, submission: Submission, result: ValidationResult, phase: str
) -> None:
    existing = session.exec(
        select(Nomination).where(Nomination.submission_id == submission.id)
    ).all()
    by_row = {nomination.row: nomination for nomination in existing}
    unit = session.get(Unit, submission.unit_code)
    unit_key = fold_key(unit.name) if unit else None
    for reading in result.nominations:
        nomination = by_row.get(reading.row)
        if nomination is not None:
            nomination.dossier_complete = bool(reading.dossier_complete)
            continue
        nominee = Nominee(
            kind=reading.loai,
            full_name=reading.ten[:255],
            unit_code=submission.unit_code
            if reading.loai == "tap_the" and fold_key(reading.ten) == unit_key
            else None,
            birth_date=reading.ngay_sinh,
            gender=reading.gioi_tinh,
            women_share=reading.ty_le_nu,
            post_then=reading.chuc_vu[:255] or None,
            unit_then=reading.don_vi_cong_tac[:255] or None,
            post_now=(reading.chuc_vu_hien_nay or reading.chuc_vu)[:255] or None,
            unit_now=(reading.don_vi_hien_nay or reading.don_vi_cong_tac)[:255] or None,
        )
        session.add(nominee)
        session.flush()
        assert nominee.id is not None
        assert submission.unit_code is not None
        session.add(
            Nomination(
                campaign_code=submission.campaign_code,
                phase_code=phase,
                submission_id=submission.id,
                proposing_unit_code=submission.unit_code,
                nominee_id=nominee.id,
                row=reading.row,
                achievements=reading.thanh_tich or None,
                initiatives=reading.sang_kien or None,
                report_file=reading.tep_bao_cao_thanh_tich or None,
                dossier_complete=bool(reading.dossier_complete),
            )
        )


def update_counted(session: Session, *, campaign: Campaign, year: int) -> int:
    """Mark each unit's counted report: its newest valid on-time version, else newest valid late."""
    rows = session.exec(
        select(Submission)
        .where(Submission.campaign_code == campaign.code, Submission.year == year)
        .order_by(col(Submission.uploaded_at), col(Submission.id))
    ).all()
    by_unit: dict[str, list[Submission]] = {}
    for row in rows:
        if row.status == SubmissionStatus.VALID.value and row.unit_code is not None:
            by_unit.setdefault(row.unit_code, []).append(row)
    counted_ids = set()
    for versions in by_unit.values():
        on_time = [row for row in versions if not row.is_late]
        counted_ids.add((on_time or versions)[-1].id)  # rows are oldest first
    changed = 0
    for row in rows:
        counted = row.id in counted_ids
        if row.is_counted != counted:
            row.is_counted = counted
            changed += 1
    return changed
