"""Ingest one upload version: archive, assess, answer the unit, then record in one transaction.

Every version is claimed before it is touched (an attempt is counted, so a crash counts too),
recorded with its state in the same short transaction as its data, and set aside with a finding
after too many failed attempts: a file can never block the others, and no version is lost.
"""

from __future__ import annotations

import logging

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from models.campaign import Campaign
from models.database import session_scope
from models.tables import Submission, VersionState
from tasks.ingest.assess import status_of
from tasks.ingest.inbox import InboxObject
from tasks.ingest.outcome import FolderState, IngestContext, Outcome, is_system_failure
from tasks.ingest.prepare import VANISHED, Prepared, answer, prepare, unit_folder_code
from tasks.ingest.record import db_text, record_result
from tasks.ingest.versions import Claim, claim_version, release_version, set_state
from tasks.registry.lookup import context_of
from tasks.registry.queries import get_unit
from tasks.validation.findings import finding
from tasks.validation.report import UnitContext, ValidationResult

log = logging.getLogger(__name__)


def ingest_version(
    context: IngestContext, item: InboxObject, folder: FolderState, last_error: str = ""
) -> Outcome:
    """Ingest one version, retrying what the file failed and setting it aside when exhausted."""
    settings = context.settings
    while True:
        claim = claim_version(
            bucket=settings.inbox_bucket,
            campaign=context.campaign.code,
            year=context.year,
            item=item,
            max_attempts=settings.ingest_max_attempts,
            url=context.database_url,
        )
        if claim is Claim.DONE:
            return Outcome.of(item, status="skipped", skipped=True)
        if claim is Claim.EXHAUSTED:
            return set_aside(context, item, last_error or "một lần xử lý trước bị ngắt giữa chừng")
        try:
            return ingest_one(context, item, folder)
        except Exception as error:
            if is_system_failure(error):
                _give_back(context, item)
                raise
            log.exception("Ingest of %s (%s) failed", item.key, item.version_key)
            last_error = f"{type(error).__name__}: {error}"
            with session_scope(context.database_url) as session:
                set_state(
                    session,
                    bucket=settings.inbox_bucket,
                    item=item,
                    state=VersionState.FAILED,
                    error=last_error,
                )


def _give_back(context: IngestContext, item: InboxObject) -> None:
    try:
        release_version(bucket=context.settings.inbox_bucket, item=item, url=context.database_url)
    except Exception:  # the database may be what failed; the attempt then stays counted
        log.warning("Could not give back the attempt at %s", item.key, exc_info=True)


def ingest_one(context: IngestContext, item: InboxObject, folder: FolderState) -> Outcome:
    """Archive, assess, write the feedback, then record everything in one short transaction."""
    with session_scope(context.database_url) as session:
        unit = _unit(session, context.campaign, item.unit_folder)
    prepared = prepare(context, item, folder, unit)
    if prepared is None:
        with session_scope(context.database_url) as session:
            return record_vanished(session, context, item)
    return _record(context, item, prepared.submission, prepared.result, prepared.feedback_key)


def record_vanished(session: Session, context: IngestContext, item: InboxObject) -> Outcome:
    """Set aside a version removed before it was read, in the caller's transaction."""
    set_state(
        session,
        bucket=context.settings.inbox_bucket,
        item=item,
        state=VersionState.SET_ASIDE,
        error=VANISHED,
    )
    return Outcome.of(item, status="vanished", skipped=True)


def _unit(session: Session, campaign: Campaign, folder: str) -> UnitContext | None:
    unit = get_unit(session, registry=campaign.registry, code=folder)
    return context_of(unit) if unit else None


def _record(
    context: IngestContext,
    item: InboxObject,
    submission: Submission,
    result: ValidationResult,
    feedback_key: str | None,
    *,
    state: VersionState = VersionState.RECORDED,
    error: str | None = None,
) -> Outcome:
    """Record a submission, its result and its version's state in one short transaction."""
    with session_scope(context.database_url) as session:
        return record_prepared(
            session,
            context,
            Prepared(item, submission, result, feedback_key),
            state=state,
            error=error,
        )


def record_prepared(
    session: Session,
    context: IngestContext,
    prepared: Prepared,
    *,
    state: VersionState = VersionState.RECORDED,
    error: str | None = None,
) -> Outcome:
    """Record one prepared version in the caller's transaction (idempotent on its version)."""
    item, submission, result = prepared.item, prepared.submission, prepared.result
    try:
        with session.begin_nested():
            session.add(submission)
            session.flush()
    except IntegrityError:
        log.info("Version %s of %s was ingested by another run", item.version_key, item.key)
        set_state(
            session,
            bucket=context.settings.inbox_bucket,
            item=item,
            state=VersionState.RECORDED,
            error=None,
        )
        return Outcome.of(item, status="skipped", skipped=True)
    record_result(
        session, submission=submission, result=result, campaign=context.campaign, year=context.year
    )
    set_state(session, bucket=context.settings.inbox_bucket, item=item, state=state, error=error)
    return Outcome.of(
        item,
        status="set_aside" if state is VersionState.SET_ASIDE else submission.status,
        is_late=submission.is_late,
        errors=submission.error_count,
        warnings=submission.warning_count,
        feedback_key=prepared.feedback_key,
        uploaded_at=submission.uploaded_at,
    )


def set_aside(context: IngestContext, item: InboxObject, error: str) -> Outcome:
    """Record a version that failed every attempt: a finding for the unit, an alert for admins."""
    log.error("Set aside %s (%s) after repeated failures: %s", item.key, item.version_key, error)
    result = ValidationResult(unit=item.unit_folder, year=context.year, readable=False)
    result.findings.append(
        finding(
            "INGEST_FAILED",
            f"Hệ thống chưa xử lý được tệp này sau {context.settings.ingest_max_attempts} lần "
            "thử và đã báo cho quản trị viên. Hãy mở tệp bằng Excel, lưu lại dạng .xlsx rồi tải "
            "lên lại; nếu vẫn lỗi, liên hệ bộ phận hỗ trợ.",
        )
    )
    with session_scope(context.database_url) as session:
        unit = _unit(session, context.campaign, item.unit_folder)
    submission = Submission(
        campaign_code=context.campaign.code,
        year=context.year,
        folder_unit_code=item.unit_folder[:64],
        unit_code=unit_folder_code(item, unit),
        bucket=context.settings.inbox_bucket,
        object_key=item.key,
        version_id=item.version_id,
        version_key=item.version_key,
        etag=item.etag,
        sha256="",
        size=item.size,
        uploaded_at=item.uploaded_at,
        file_name=db_text(item.name, 255),
        is_late=item.uploaded_at > context.campaign.deadline_for(context.year),
        status=status_of(result),
    )
    try:
        feedback_key: str | None = answer(context, submission, result)
    except Exception as failure:
        if is_system_failure(failure):
            raise
        log.exception("No feedback could be written for %s", item.key)
        feedback_key = None
    return _record(
        context, item, submission, result, feedback_key, state=VersionState.SET_ASIDE, error=error
    )
