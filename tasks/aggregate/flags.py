"""Outlier flags of a year: rates jumping from last year (lineage-aware), counts far from peers."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from sqlmodel import Session, col, select

from models.campaign import Campaign, IndicatorKind
from models.tables import IndicatorValue, Submission
from tasks.aggregate.reads import counted_reports
from tasks.registry.queries import history, predecessor_map
from tasks.scoring.criteria import Reading
from tasks.scoring.outliers import peer_outliers, rate_jumps

if TYPE_CHECKING:
    from tasks.aggregate.yearly import UnitYear


def _rate_codes(campaign: Campaign) -> set[str]:
    return {i.code for i in campaign.indicators if i.kind is IndicatorKind.RATE}


def _rates(rate_codes: set[str], readings: dict[str, Reading]) -> dict[str, float]:
    return {
        code: reading.achieved / reading.total
        for code, reading in readings.items()
        if code in rate_codes and reading.total and reading.achieved is not None
    }


def _counted_rates(
    session: Session, *, campaign: str, year: int, rate_codes: set[str]
) -> dict[int, dict[str, float]]:
    """Return _rates() of every counted report of a campaign year, by report id, in one query.

    Only the rate indicators' values are read; their order within a report does not matter (a
    jump is looked up by code).
    """
    statement = (
        select(
            col(IndicatorValue.submission_id),
            col(IndicatorValue.indicator_code),
            col(IndicatorValue.total),
            col(IndicatorValue.achieved),
        )
        .join(Submission, col(Submission.id) == col(IndicatorValue.submission_id))
        .where(
            col(Submission.campaign_code) == campaign,
            col(Submission.year) == year,
            col(Submission.is_counted).is_(True),
            col(IndicatorValue.indicator_code).in_(sorted(rate_codes)),
        )
    )
    rates: dict[int, dict[str, float]] = defaultdict(dict)
    for submission_id, code, total, achieved in session.connection().execute(statement).all():
        if total and achieved is not None:
            rates[submission_id][code] = achieved / total
    return rates


def previous_rates(
    session: Session, *, campaign: Campaign, year: int, units: list[UnitYear]
) -> dict[str, dict[str, float]]:
    """Return last year's rates per unit, a merged unit's predecessors taken into account.

    Last year's counted reports and their rates' values are read once, in two queries.
    """
    if year - 1 not in campaign.years:
        return {}
    counted = counted_reports(session, campaign=campaign.code, year=year - 1)
    rates = _counted_rates(
        session, campaign=campaign.code, year=year - 1, rate_codes=_rate_codes(campaign)
    )
    merged = predecessor_map(session, registry=campaign.registry)
    previous: dict[str, dict[str, float]] = {}
    for item in units:
        for code in history(item.unit.code, merged) if merged else (item.unit.code,):
            submission = counted.get(code)
            if submission is not None:
                previous[item.unit.code] = rates.get(submission.id, {})
                break
    return previous


def outlier_flags(
    session: Session, *, campaign: Campaign, year: int, units: list[UnitYear]
) -> dict[str, list[dict[str, object]]]:
    """Return the outlier flags of each unit: rate jumps and counts far from same-kind peers."""
    flags: dict[str, list[dict[str, object]]] = defaultdict(list)
    settings = campaign.scoring.outliers
    previous = previous_rates(session, campaign=campaign, year=year, units=units)
    codes = _rate_codes(campaign)
    for item in units:
        jumps = rate_jumps(
            _rates(codes, item.readings),
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
