"""Evaluate each expected unit's year, rank it in its block, flag outliers, store results."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlmodel import Session, col, select

from models.campaign import Campaign, IndicatorKind
from models.tables import IndicatorValue, Submission, Unit, UnitYearResult
from models.tables.columns import utc_now
from models.version import code_version
from tasks.registry.queries import expected_units, history, predecessor_map
from tasks.registry.version import registry_version
from tasks.scoring.criteria import Reading, ReportStatus, YearEvaluation, evaluate_year
from tasks.scoring.outliers import peer_outliers, rate_jumps
from tasks.scoring.ranking import rank_in_blocks


@dataclass(frozen=True)
class UnitYear:
    """One expected unit's evaluated year, before it is stored."""

    unit: Unit
    submission: Submission | None
    evaluation: YearEvaluation
    readings: dict[str, Reading]


def _counted(session: Session, *, campaign: str, year: int) -> dict[str, Submission]:
    rows = session.exec(
        select(Submission).where(
            Submission.campaign_code == campaign,
            Submission.year == year,
            col(Submission.is_counted).is_(True),
        )
    ).all()
    return {row.unit_code: row for row in rows if row.unit_code}


def _received(session: Session, *, campaign: str, year: int) -> set[str]:
    rows = session.exec(
        select(Submission.unit_code).where(
            Submission.campaign_code == campaign, Submission.year == year
        )
    ).all()
    return {code for code in rows if code}


def _readings(session: Session, submission_ids: list[int]) -> dict[int, dict[str, Reading]]:
    result: dict[int, dict[str, Reading]] = defaultdict(dict)
    for start in range(0, len(submission_ids), 1000):
        chunk = submission_ids[start : start + 1000]
        for value in session.exec(
            select(IndicatorValue).where(col(IndicatorValue.submission_id).in_(chunk))
        ).all():
            result[value.submission_id][value.indicator_code] = Reading(value.total, value.achieved)
    return result


def evaluate_units(session: Session, *, campaign: Campaign, year: int) -> list[UnitYear]:
    """Evaluate each unit expected to report for year from its counted report (if any)."""
    counted = _counted(session, campaign=campaign.code, year=year)
    received = _received(session, campaign=campaign.code, year=year)
    readings = _readings(session, [s.id for s in counted.values() if s.id is not None])
    evaluated = []
    for unit in expected_units(session, campaign=campaign, year=year):
        submission = counted.get(unit.code)
        if submission is not None:
            status = ReportStatus.LATE if submission.is_late else ReportStatus.ON_TIME
        else:
            status = ReportStatus.INVALID if unit.code in received else ReportStatus.MISSING
        values = readings.get(submission.id, {}) if submission and submission.id else {}
        evaluation = evaluate_year(
            campaign, kind=unit.kind, level=unit.level, year=year, status=status, readings=values
        )
        evaluated.append(UnitYear(unit, submission, evaluation, values))
    return evaluated


def _rates(campaign: Campaign, readings: dict[str, Reading]) -> dict[str, float]:
    rates = {}
    for code, reading in readings.items():
        try:
            kind = campaign.indicator(code).kind
        except KeyError:
            continue
        if kind is IndicatorKind.RATE and reading.total and reading.achieved is not None:
            rates[code] = reading.achieved / reading.total
    return rates


def _previous_rates(
    session: Session, *, campaign: Campaign, year: int, units: list[UnitYear]
) -> dict[str, dict[str, float]]:
    """Return last year's rates per unit, taking a merged unit's predecessors into account."""
    if year - 1 not in campaign.years:
        return {}
    counted = _counted(session, campaign=campaign.code, year=year - 1)
    readings = _readings(session, [s.id for s in counted.values() if s.id is not None])
    merged = predecessor_map(session, registry=campaign.registry)
    previous: dict[str, dict[str, float]] = {}
    for item in units:
        for code in history(item.unit.code, merged):
            submission = counted.get(code)
            if submission is not None and submission.id is not None:
                previous[item.unit.code] = _rates(campaign, readings.get(submission.id, {}))
                break
    return previous


def outlier_flags(
    session: Session, *, campaign: Campaign, year: int, units: list[UnitYear]
) -> dict[str, list[dict[str, object]]]:
    """Return the outlier flags of each unit: rate jumps and counts far from same-kind peers."""
    flags: dict[str, list[dict[str, object]]] = defaultdict(list)
    settings = campaign.scoring.outliers
    previous = _previous_rates(session, campaign=campaign, year=year, units=units)
    for item in units:
        jumps = rate_jumps(
            _rates(campaign, item.readings),
            previous.get(item.unit.code, {}),
            threshold=settings.rate_jump,
        )
        for code, change in jumps.items():
            flags[item.unit.code].append(
                {
                    "code": "RATE_JUMP",
                    "indicator": code,
                    "value": change,
                    "message": f"Tỷ lệ {code} thay đổi {change:+.0%} so với năm trước.",
                }
            )
    by_kind: dict[tuple[str, str], dict[str, float]] = defaultdict(dict)
    for item in units:
        for code, reading in item.readings.items():
            if reading.achieved is not None:
                by_kind[(item.unit.kind, code)][item.unit.code] = reading.achieved
    for (_, code), values in sorted(by_kind.items()):
        for unit_code, z in peer_outliers(values, z_score=settings.peer_z_score).items():
            flags[unit_code].append(
                {
                    "code": "PEER_OUTLIER",
                    "indicator": code,
                    "value": z,
                    "message": f"Số đạt {code} lệch {z:+.1f} độ lệch chuẩn so với các đơn vị cùng "
                    "loại.",
                }
            )
    return flags


def store_results(
    session: Session,
    *,
    campaign: Campaign,
    campaign_sha256: str,
    year: int,
    units: list[UnitYear],
) -> list[UnitYearResult]:
    """Rank the units in their blocks and upsert one result row each (reruns replace them)."""
    ranked = {
        r.code: r
        for r in rank_in_blocks(
            ((u.unit.code, u.unit.block, u.evaluation.score) for u in units),
            rank_unscored=campaign.scoring.missing_report.ranked,
        )
    }
    flags = outlier_flags(session, campaign=campaign, year=year, units=units)
    existing = {
        row.unit_code: row
        for row in session.exec(
            select(UnitYearResult).where(
                UnitYearResult.campaign_code == campaign.code, UnitYearResult.year == year
            )
        ).all()
    }
    stored = []
    version = code_version()
    registry_sha = registry_version(
        session, registry=campaign.registry, on=campaign.deadline_for(year).date()
    )
    for item in units:
        row = existing.get(item.unit.code) or UnitYearResult(
            campaign_code=campaign.code,
            year=year,
            unit_code=item.unit.code,
            report_status=item.evaluation.report_status.value,
            campaign_sha256=campaign_sha256,
            code_version=version,
        )
        row.block = item.unit.block
        row.submission_id = item.submission.id if item.submission else None
        row.report_status = item.evaluation.report_status.value
        row.score = item.evaluation.score
        row.rank_in_block = ranked[item.unit.code].rank
        row.breakdown = item.evaluation.breakdown()
        row.flags = flags.get(item.unit.code, [])
        row.input_sha256 = item.submission.sha256 if item.submission else None
        row.campaign_sha256 = campaign_sha256
        row.registry_sha256 = registry_sha
        row.code_version = version
        row.computed_at = utc_now()
        session.add(row)
        stored.append(row)
    session.flush()
    return stored
