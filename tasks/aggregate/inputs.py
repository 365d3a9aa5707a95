"""Digests of what a year's aggregation and a phase's review are computed from.

A rerun whose inputs have the digest stored with the last result returns that result instead of
computing it again. Indicator values are written once per report version (ingest never rewrites
them), so a report's id and SHA-256, with the count and largest id of the values, stand for them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Result, func, select
from sqlmodel import Session, col

from models.campaign import Campaign, Phase
from models.tables import (
    AwardDecision,
    AwardGranted,
    IndicatorValue,
    Nomination,
    Nominee,
    Submission,
    Unit,
    UnitYearResult,
)
from models.version import code_version

UNIT_COLUMNS = (
    Unit.code,
    Unit.registry_code,
    Unit.name,
    Unit.kind,
    Unit.level,
    Unit.block,
    Unit.parent_code,
    Unit.valid_from,
    Unit.valid_to,
    Unit.successor_code,
)


def _feed(digest: Any, label: str, rows: Result[Any] | Sequence[Sequence[Any]]) -> None:
    """Feed each row's repr, 10,000 rows to an update (the same bytes as one row at a time).

    A result is fetched 10,000 rows at a time (one driver call each, not one per row).
    """
    digest.update(f"\n[{label}]\n".encode())
    chunks = rows.partitions(10_000) if isinstance(rows, Result) else [rows]
    for chunk in chunks:
        digest.update("".join([repr(tuple(row)) for row in chunk]).encode())


def _units(session: Session, registry: str) -> Sequence[Any]:
    statement = (
        select(*(col(c) for c in UNIT_COLUMNS))
        .where(col(Unit.registry_code) == registry)
        .order_by(col(Unit.code))
    )
    return session.connection().execute(statement).all()


def year_inputs(session: Session, *, campaign: Campaign, campaign_sha256: str, year: int) -> str:
    """Return the digest of a year's inputs: reports of the year and the one before, registry."""
    digest = hashlib.sha256()
    _feed(digest, "run", [(campaign.code, year, campaign_sha256, code_version())])
    years = (year - 1, year)
    connection = session.connection()
    reports = (
        select(
            col(Submission.id),
            col(Submission.year),
            col(Submission.unit_code),
            col(Submission.status),
            col(Submission.is_counted),
            col(Submission.is_late),
            col(Submission.sha256),
        )
        .where(col(Submission.campaign_code) == campaign.code, col(Submission.year).in_(years))
        .order_by(col(Submission.id))
    )
    _feed(digest, "reports", connection.execute(reports))
    values = (
        select(func.count(col(IndicatorValue.id)), func.max(col(IndicatorValue.id)))
        .join(Submission, col(Submission.id) == col(IndicatorValue.submission_id))
        .where(col(Submission.campaign_code) == campaign.code, col(Submission.year).in_(years))
    )
    _feed(digest, "values", connection.execute(values))
    _feed(digest, "units", _units(session, campaign.registry))
    return digest.hexdigest()


def phase_inputs(
    session: Session,
    *,
    campaign: Campaign,
    campaign_sha256: str,
    phase: Phase,
    parameters: dict[str, object],
    official: bool,
) -> str:
    """Return the digest of a phase review's inputs: yearly results, nominations, awards, units."""
    digest = hashlib.sha256()
    run = (campaign.code, phase.code, campaign_sha256, code_version(), repr(parameters), official)
    _feed(digest, "run", [run])
    connection = session.connection()
    results = select(
        func.count(col(UnitYearResult.id)),
        func.sum(col(UnitYearResult.id)),
        func.max(col(UnitYearResult.id)),
        func.max(col(UnitYearResult.computed_at)),
    ).where(
        col(UnitYearResult.campaign_code) == campaign.code,
        col(UnitYearResult.year).in_(phase.years),
    )
    _feed(digest, "results", connection.execute(results))
    nominations = (
        select(
            col(Nomination.id),
            col(Nomination.phase_code),
            col(Nomination.state),
            col(Nomination.version),
            col(Nomination.updated_at),
            col(Nomination.proposing_unit_code),
            col(Nomination.row),
            col(Nomination.initiatives),
            col(Nomination.dossier_complete),
            col(Nomination.submission_id),
            col(Submission.is_counted),
            col(Nominee.id),
            col(Nominee.kind),
            col(Nominee.full_name),
            col(Nominee.unit_code),
            col(Nominee.birth_date),
            col(Nominee.gender),
            col(Nominee.women_share),
            col(Nominee.unit_then),
        )
        .join(Nominee, col(Nominee.id) == col(Nomination.nominee_id))
        .outerjoin(Submission, col(Submission.id) == col(Nomination.submission_id))
        .where(col(Nomination.campaign_code) == campaign.code)
        .where((col(Nomination.phase_code) == phase.code) | (col(Nomination.state) == "awarded"))
        .order_by(col(Nomination.id))
    )
    _feed(digest, "nominations", connection.execute(nominations))
    decisions = (
        select(col(AwardDecision.phase_code), col(AwardDecision.number))
        .where(col(AwardDecision.campaign_code) == campaign.code)
        .order_by(col(AwardDecision.phase_code))
    )
    _feed(digest, "decisions", connection.execute(decisions))
    awards = (  # a Giấy khen for this phase's achievement excludes its holder from the review
        select(
            col(AwardGranted.identity), col(AwardGranted.form), col(AwardGranted.decision_number)
        )
        .where(col(AwardGranted.campaign_code) == campaign.code)
        .where(col(AwardGranted.phase_code) == phase.code)
        .order_by(col(AwardGranted.id))
    )
    _feed(digest, "awards granted", connection.execute(awards))
    _feed(digest, "units", _units(session, campaign.registry))
    return digest.hexdigest()
