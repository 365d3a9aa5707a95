"""Record a batch's new versions in a few statements: submissions, values, findings, states.

The rows are those record_prepared writes one version at a time (the same builders), in the same
order; a version some other run recorded already is skipped as it would be there. Idempotent on
(bucket, key, version): a version recorded meanwhile makes the insert fail, and the caller then
records the batch one version at a time.
"""

from __future__ import annotations

import logging

from sqlalchemy import insert
from sqlmodel import Session, col, select

from models.tables import Finding as FindingRow
from models.tables import IndicatorValue, Submission, VersionState
from models.tables.columns import utc_now
from tasks.ingest.outcome import IngestContext, Outcome
from tasks.ingest.prepare import Prepared
from tasks.ingest.record import apply_counts, finding_rows, record_nominations, value_rows
from tasks.ingest.versions import update_versions

log = logging.getLogger(__name__)


def record_many(
    session: Session, context: IngestContext, prepared: list[Prepared]
) -> dict[tuple[str, str], Outcome]:
    """Record prepared versions in the caller's transaction; return their outcomes by version."""
    if not prepared:
        return {}
    bucket = context.settings.inbox_bucket
    known = set(
        session.exec(
            select(Submission.object_key, Submission.version_key).where(
                Submission.bucket == bucket,
                col(Submission.object_key).in_({p.item.key for p in prepared}),
            )
        ).all()
    )
    outcomes: dict[tuple[str, str], Outcome] = {}
    fresh = []
    for p in prepared:
        if (p.item.key, p.item.version_key) in known:
            log.info("Version %s of %s was ingested by another run", p.item.version_key, p.item.key)
            outcomes[(p.item.key, p.item.version_key)] = Outcome.of(
                p.item, status="skipped", skipped=True
            )
        else:
            apply_counts(p.submission, p.result)
            fresh.append(p)
    insert_submissions(session, [p.submission for p in fresh])
    values = [row for p in fresh for row in value_rows(p.submission, p.result)]
    if values:
        session.connection().execute(insert(IndicatorValue.__table__), values)  # type: ignore[attr-defined]
    campaign, year = context.campaign, context.year
    findings = [row for p in fresh for row in finding_rows(p.submission, p.result, campaign, year)]
    if findings:
        session.connection().execute(insert(FindingRow.__table__), findings)  # type: ignore[attr-defined]
    for p in fresh:
        record_nominations(
            session, submission=p.submission, result=p.result, campaign=campaign, year=year
        )
    update_versions(
        session,
        bucket,
        [p.item for p in prepared],
        state=VersionState.RECORDED.value,
        updated_at=utc_now(),
    )
    for p in fresh:
        outcomes[(p.item.key, p.item.version_key)] = Outcome.of(
            p.item,
            status=p.submission.status,
            is_late=p.submission.is_late,
            errors=p.submission.error_count,
            warnings=p.submission.warning_count,
            feedback_key=p.feedback_key,
            uploaded_at=p.submission.uploaded_at,
        )
    return outcomes


def insert_submissions(session: Session, submissions: list[Submission]) -> None:
    """Insert submissions in one statement (Core, not the unit of work); give each its id."""
    if not submissions:
        return
    table = Submission.__table__  # type: ignore[attr-defined]
    columns = [column.key for column in table.columns if column.key != "id"]
    statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    rows = [{key: getattr(submission, key) for key in columns} for submission in submissions]
    ids = session.connection().execute(statement, rows).scalars().all()
    for submission, new_id in zip(submissions, ids, strict=True):
        submission.id = new_id
