"""The columns a yearly aggregation reads: expected units, counted reports and their values."""

from __future__ import annotations

from collections import defaultdict
from typing import NamedTuple

from sqlalchemy import or_
from sqlmodel import Session, col, select

from models.campaign import Campaign
from models.tables import IndicatorValue, Submission, Unit
from tasks.scoring.criteria import Reading


class UnitRef(NamedTuple):
    """The columns of a unit the yearly evaluation reads."""

    code: str
    kind: str
    level: str
    block: str | None


class SubmissionRef(NamedTuple):
    """The columns of a counted report the yearly evaluation reads."""

    id: int
    sha256: str
    is_late: bool


def counted_reports(session: Session, *, campaign: str, year: int) -> dict[str, SubmissionRef]:
    """Return the counted report of each unit in a campaign year, by unit code."""
    rows = session.connection().execute(
        select(Submission.unit_code, Submission.id, Submission.sha256, Submission.is_late).where(
            Submission.campaign_code == campaign,
            Submission.year == year,
            col(Submission.is_counted).is_(True),
        )
    )
    return {code: SubmissionRef(i, sha, late) for code, i, sha, late in rows.all() if code and i}


def received_units(session: Session, *, campaign: str, year: int) -> set[str]:
    """Return the units that sent anything for a campaign year, counted or not."""
    rows = session.connection().execute(
        select(Submission.unit_code)
        .where(Submission.campaign_code == campaign, Submission.year == year)
        .distinct()
    )
    return {code for (code,) in rows.all() if code}


def counted_readings(
    session: Session, *, campaign: str, year: int
) -> dict[int, dict[str, Reading]]:
    """Return the values of every counted report of a campaign year, in one query."""
    result: dict[int, dict[str, Reading]] = defaultdict(dict)
    statement = (
        select(
            IndicatorValue.submission_id,
            IndicatorValue.indicator_code,
            IndicatorValue.total,
            IndicatorValue.achieved,
        )
        .join(Submission, col(Submission.id) == col(IndicatorValue.submission_id))
        .where(
            Submission.campaign_code == campaign,
            Submission.year == year,
            col(Submission.is_counted).is_(True),
        )
    )
    # The order of the values decides the order of a unit's RATE_JUMP flags. The code before
    # this one read them unordered: by (report, indicator code) on SQLite, which used the unique
    # index, and in stored order on PostgreSQL. Both are kept, so that no stored flag list moves.
    if session.get_bind().dialect.name == "sqlite":
        statement = statement.order_by(
            col(IndicatorValue.submission_id), col(IndicatorValue.indicator_code)
        )
    else:
        statement = statement.order_by(col(IndicatorValue.id))
    for submission_id, code, total, achieved in session.connection().execute(statement).all():
        result[submission_id][code] = Reading(total, achieved)
    return result


def expected_unit_refs(session: Session, *, campaign: Campaign, year: int) -> list[UnitRef]:
    """Return the units that must report for year (as expected_units), by columns."""
    on = campaign.deadline_for(year).date()
    statement = (
        select(Unit.code, Unit.kind, Unit.level, Unit.block)
        .where(
            col(Unit.valid_from) <= on, or_(col(Unit.valid_to).is_(None), col(Unit.valid_to) >= on)
        )
        .where(col(Unit.kind).in_(campaign.unit_kinds))
        .where(Unit.registry_code == campaign.registry)
        .order_by(col(Unit.code))
    )
    return [UnitRef(*row) for row in session.connection().execute(statement).all()]
