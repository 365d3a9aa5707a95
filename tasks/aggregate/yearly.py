"""Evaluate each expected unit's year, rank it in its block, flag outliers, store results.

Read by columns and written with Core statements: a country's 60,000 units and 240,000 values
are rows and tuples here, never ORM entities.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, update
from sqlmodel import Session, select

from models.campaign import Campaign, Indicator
from models.tables import UnitYearResult
from models.tables.columns import utc_now
from models.version import code_version
from tasks.aggregate.bulk import insert_rows, json_text
from tasks.aggregate.flags import outlier_flags
from tasks.aggregate.reads import (
    SubmissionRef,
    UnitRef,
    counted_readings,
    counted_reports,
    expected_unit_refs,
    received_units,
)
from tasks.registry.version import registry_version
from tasks.scoring.criteria import (
    VALUES,
    Reading,
    ReportStatus,
    YearEvaluation,
    evaluate_year,
)
from tasks.scoring.ranking import rank_in_blocks


@dataclass(frozen=True)
class UnitYear:
    """One expected unit's evaluated year, before it is stored."""

    unit: UnitRef
    submission: SubmissionRef | None
    evaluation: YearEvaluation
    readings: dict[str, Reading]


def evaluate_units(session: Session, *, campaign: Campaign, year: int) -> list[UnitYear]:
    """Evaluate each unit expected to report for year from its counted report (if any)."""
    counted = counted_reports(session, campaign=campaign.code, year=year)
    received = received_units(session, campaign=campaign.code, year=year)
    readings = counted_readings(session, campaign=campaign.code, year=year)
    applicable: dict[tuple[str, str], list[Indicator]] = {}
    evaluated = []
    for unit in expected_unit_refs(session, campaign=campaign, year=year):
        submission = counted.get(unit.code)
        if submission is not None:
            status = ReportStatus.LATE if submission.is_late else ReportStatus.ON_TIME
        else:
            status = ReportStatus.INVALID if unit.code in received else ReportStatus.MISSING
        values = readings.get(submission.id, {}) if submission else {}
        key = (unit.kind, unit.level)
        if key not in applicable:
            applicable[key] = campaign.applicable_indicators(
                kind=unit.kind, level=unit.level, year=year
            )
        evaluation = evaluate_year(
            campaign,
            kind=unit.kind,
            level=unit.level,
            year=year,
            status=status,
            readings=values,
            applicable=applicable[key],
        )
        evaluated.append(UnitYear(unit, submission, evaluation, values))
    return evaluated


ROW = (  # the columns of a result row, after its key (campaign_code, year, unit_code)
    "block",
    "submission_id",
    "report_status",
    "score",
    "rank_in_block",
    "breakdown",
    "flags",
    "input_sha256",
    "campaign_sha256",
    "registry_sha256",
    "code_version",
    "computed_at",
)


@dataclass(frozen=True)
class StoredYear:
    """What storing a year's results wrote: how many rows, on which registry version."""

    count: int
    registry_sha256: str


def store_results(
    session: Session,
    *,
    campaign: Campaign,
    campaign_sha256: str,
    year: int,
    units: list[UnitYear],
) -> StoredYear:
    """Rank the units in their blocks and upsert one result row each (reruns replace them)."""
    ranked = {
        r.code: r.rank
        for r in rank_in_blocks(
            ((u.unit.code, u.unit.block, u.evaluation.score) for u in units),
            rank_unscored=campaign.scoring.missing_report.ranked,
        )
    }
    flags = outlier_flags(session, campaign=campaign, year=year, units=units)
    table = UnitYearResult.__table__  # type: ignore[attr-defined]
    existing = dict(
        session.exec(
            select(UnitYearResult.unit_code, UnitYearResult.id).where(
                UnitYearResult.campaign_code == campaign.code, UnitYearResult.year == year
            )
        ).all()
    )
    version = code_version()
    registry_sha = registry_version(
        session, registry=campaign.registry, on=campaign.deadline_for(year).date()
    )
    now = utc_now()
    new: list[tuple[Any, ...]] = []
    changed: list[dict[str, Any]] = []
    no_flags = json_text([])
    for item in units:
        code = item.unit.code
        submission = item.submission
        evaluation = item.evaluation
        unit_flags = flags.get(code)
        row = (
            item.unit.block,
            submission.id if submission else None,
            VALUES[evaluation.report_status],
            evaluation.score,
            ranked[code],
            evaluation.breakdown(),
            unit_flags or [],
            submission.sha256 if submission else None,
            campaign_sha256,
            registry_sha,
            version,
            now,
        )
        if (row_id := existing.get(code)) is not None:
            values = zip(ROW, row, strict=True)
            changed.append({"row_id": row_id, **{f"v_{name}": value for name, value in values}})
        else:  # the JSON columns as their stored text (serialised here, once per value)
            texts = (json_text(row[5]), json_text(unit_flags) if unit_flags else no_flags)
            new.append((campaign.code, year, code, *row[:5], *texts, *row[7:]))
    connection = session.connection()
    if new:
        insert_rows(connection, table, ("campaign_code", "year", "unit_code", *ROW), new)
    if changed:
        statement = (
            update(table)
            .where(table.c.id == bindparam("row_id"))
            .values({name: bindparam(f"v_{name}") for name in ROW})
        )
        connection.execute(statement, changed)
    return StoredYear(len(units), registry_sha)
