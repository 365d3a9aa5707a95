"""Record an assessed version: its submission, values, findings, nominations; the counted report."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, insert, update
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from models.campaign import Campaign
from models.tables import (
    Finding as FindingRow,
)
from models.tables import (
    IndicatorValue,
    Nomination,
    Nominee,
    Submission,
    SubmissionStatus,
)
from tasks.ingest.assess import status_of
from tasks.registry.queries import get_unit
from tasks.validation.report import ValidationResult
from tasks.workbook.values import fold_key


def db_text(value: str, limit: int) -> str:
    """Return text a database column takes: no NUL (PostgreSQL refuses it), cut to limit."""
    return value.replace("\x00", "\ufffd")[:limit]


def phase_of_year(campaign: Campaign, year: int) -> str | None:
    """Return the code of the phase whose nominations are due in year."""
    for phase in campaign.phases:
        if max(phase.years) == year:
            return phase.code
    return None


def apply_counts(submission: Submission, result: ValidationResult) -> None:
    """Put a result's template, counts and status on its submission."""
    submission.template_version = (result.template or "")[:32] or None
    submission.error_count = result.error_count
    submission.warning_count = result.warning_count
    submission.status = status_of(result)


def value_rows(submission: Submission, result: ValidationResult) -> list[dict[str, Any]]:
    """Return the indicator value rows of a recorded submission's result."""
    return [
        {
            "submission_id": submission.id,
            "indicator_code": db_text(code, 64),
            "total": reading.total,
            "achieved": reading.achieved,
            "note": db_text(reading.note, 2000) or None,
            "row": reading.row,
        }
        for code, reading in result.values.items()
    ]


def finding_rows(
    submission: Submission, result: ValidationResult, campaign: Campaign, year: int
) -> list[dict[str, Any]]:
    """Return the finding rows of a recorded submission's result."""
    return [
        {
            "submission_id": submission.id,
            "campaign_code": campaign.code,
            "year": year,
            "unit_code": submission.folder_unit_code,
            "object_key": submission.object_key,
            "severity": item.severity,
            "code": item.code,
            "message": db_text(item.message, 2000),
            "sheet": db_text(item.sheet, 100) if item.sheet else None,
            "row": item.row,
            "column": db_text(item.column, 100) if item.column else None,
        }
        for item in result.findings
    ]


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
    apply_counts(submission, result)
    # A re-assessment (the dinh-kem/ folder changed) replaces the findings; values stay.
    session.execute(delete(FindingRow).where(col(FindingRow.submission_id) == submission.id))
    if result.values and not _has_values(session, submission.id):
        session.execute(insert(IndicatorValue), value_rows(submission, result))
    if result.findings:
        session.execute(insert(FindingRow), finding_rows(submission, result, campaign, year))
    record_nominations(session, submission=submission, result=result, campaign=campaign, year=year)


def record_nominations(
    session: Session,
    *,
    submission: Submission,
    result: ValidationResult,
    campaign: Campaign,
    year: int,
) -> None:
    """Record a valid report's nominations when its year ends a phase."""
    phase = phase_of_year(campaign, year)
    if phase and result.ok and submission.unit_code:
        _record_nominations(
            session, submission=submission, result=result, phase=phase, registry=campaign.registry
        )


def _has_values(session: Session, submission_id: int) -> bool:
    statement = select(IndicatorValue.id).where(IndicatorValue.submission_id == submission_id)
    return session.exec(statement).first() is not None


def _record_nominations(
    session: Session,
    *,
    submission: Submission,
    result: ValidationResult,
    phase: str,
    registry: str,
) -> None:
    existing = session.exec(
        select(Nomination).where(Nomination.submission_id == submission.id)
    ).all()
    by_row = {nomination.row: nomination for nomination in existing}
    unit = (
        get_unit(session, registry=registry, code=submission.unit_code)
        if submission.unit_code
        else None
    )
    unit_key = fold_key(unit.name) if unit else None
    for reading in result.nominations:
        nomination = by_row.get(reading.row)
        if nomination is not None:
            nomination.dossier_complete = bool(reading.dossier_complete)
            continue
        nominee = Nominee(
            kind=reading.loai,
            full_name=db_text(reading.ten, 255),
            unit_code=submission.unit_code
            if reading.loai == "tap_the" and fold_key(reading.ten) == unit_key
            else None,
            birth_date=reading.ngay_sinh,
            gender=reading.gioi_tinh,
            women_share=reading.ty_le_nu,
            post_then=db_text(reading.chuc_vu, 255) or None,
            unit_then=db_text(reading.don_vi_cong_tac, 255) or None,
            post_now=db_text(reading.chuc_vu_hien_nay or reading.chuc_vu, 255) or None,
            unit_now=db_text(reading.don_vi_hien_nay or reading.don_vi_cong_tac, 255) or None,
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
                achievements=db_text(reading.thanh_tich, 100_000) or None,
                initiatives=db_text(reading.sang_kien, 100_000) or None,
                report_file=db_text(reading.tep_bao_cao_thanh_tich, 500) or None,
                dossier_complete=bool(reading.dossier_complete),
            )
        )


def update_counted(session: Session, *, campaign: Campaign, year: int) -> int:
    """Mark each unit's counted report: its newest valid on-time version, else newest valid late."""
    rows = session.execute(
        sa_select(
            col(Submission.id),
            col(Submission.unit_code),
            col(Submission.status),
            col(Submission.is_late),
            col(Submission.is_counted),
        )
        .where(col(Submission.campaign_code) == campaign.code, col(Submission.year) == year)
        .order_by(
            col(Submission.uploaded_at), col(Submission.object_key), col(Submission.version_key)
        )
    ).all()
    by_unit: dict[str, list[tuple[int, bool]]] = {}
    for row_id, unit_code, status, is_late, _ in rows:
        if status == SubmissionStatus.VALID.value and unit_code is not None:
            by_unit.setdefault(unit_code, []).append((row_id, is_late))
    counted_ids = set()
    for versions in by_unit.values():
        on_time = [version for version in versions if not version[1]]
        counted_ids.add((on_time or versions)[-1][0])  # rows are oldest first
    changed: dict[bool, list[int]] = {True: [], False: []}
    for row_id, _, _, _, is_counted in rows:
        if is_counted != (row_id in counted_ids):
            changed[row_id in counted_ids].append(row_id)
    for counted, ids in changed.items():
        for start in range(0, len(ids), 500):
            session.execute(
                update(Submission)
                .where(col(Submission.id).in_(ids[start : start + 500]))
                .values(is_counted=counted)
            )
    return len(changed[True]) + len(changed[False])
