"""Evaluate one unit's year against the campaign's criteria under its published scoring scheme."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple

from models.campaign import Campaign, Indicator, IndicatorKind, IndicatorRole


class CriterionStatus(StrEnum):
    """Where a unit stands on one criterion."""

    MET = "met"
    NOT_MET = "not_met"
    NOT_APPLICABLE = "not_applicable"


class ReportStatus(StrEnum):
    """What the unit sent for the year."""

    ON_TIME = "on_time"
    LATE = "late"
    INVALID = "invalid"
    MISSING = "missing"


# Each status's value, read by a lookup: Enum.value is a descriptor call, once per criterion of
# each of a country's 240,000 unit-years.
VALUES: dict[StrEnum, str] = {
    status: status.value for kind in (CriterionStatus, ReportStatus) for status in kind
}


class Reading(NamedTuple):
    """An indicator's numbers as counted: tong_so (total) and dat (achieved).

    A named tuple, not a frozen dataclass: a country's year makes 240,000 of them, and a frozen
    dataclass sets each field through object.__setattr__.
    """

    total: float | None
    achieved: float | None


class CriterionResult(NamedTuple):
    """One criterion: the rate or count, the target, the achievement and whether it is met.

    A named tuple (immutable, like the frozen dataclass it was): three per unit-year.
    """

    code: str
    status: CriterionStatus
    weight: float
    target: float | None = None
    value: float | None = None
    achievement: float | None = None
    reason: str = ""


@dataclass
class YearEvaluation:
    """A unit's year: criteria, score parts and the total, all explainable."""

    report_status: ReportStatus
    criteria: list[CriterionResult] = field(default_factory=list)
    base: float | None = None
    bonus: float = 0.0
    penalty: float = 0.0
    score: float | None = None
    note: str = ""

    def breakdown(self) -> dict[str, object]:
        """Return the evaluation as JSON-ready data."""
        return {
            "report_status": VALUES[self.report_status],
            "base": self.base,
            "bonus": self.bonus,
            "penalty": self.penalty,
            "score": self.score,
            "note": self.note,
            "criteria": [
                {
                    "code": c.code,
                    "status": VALUES[c.status],
                    "weight": c.weight,
                    "target": c.target,
                    "value": c.value,
                    "achievement": c.achievement,
                    "reason": c.reason,
                }
                for c in self.criteria
            ],
        }


def _not_applicable(indicator: Indicator, target: float | None, reason: str) -> CriterionResult:
    return CriterionResult(
        indicator.code, CriterionStatus.NOT_APPLICABLE, indicator.weight, target, reason=reason
    )


def evaluate_criterion(
    indicator: Indicator, reading: Reading | None, *, level: str, total_zero_is_na: bool
) -> CriterionResult:
    """Judge one criterion: achievement = min(1, value / target); met when value >= target."""
    target = indicator.target.for_level(level) if indicator.target else None
    if reading is None or reading.achieved is None:
        if indicator.required:
            return CriterionResult(
                indicator.code,
                CriterionStatus.NOT_MET,
                indicator.weight,
                target,
                None,
                0.0,
                "không báo cáo",
            )
        return _not_applicable(indicator, target, "đơn vị không báo cáo chỉ tiêu này")
    if indicator.kind is IndicatorKind.RATE:
        if not reading.total:
            if total_zero_is_na or reading.total is None:
                return _not_applicable(indicator, target, "tổng số bằng 0")
            return CriterionResult(
                indicator.code,
                CriterionStatus.NOT_MET,
                indicator.weight,
                target,
                0.0,
                0.0,
                "tổng số bằng 0",
            )
        value = reading.achieved / reading.total
    else:
        value = reading.achieved
    if not target:
        return CriterionResult(
            indicator.code, CriterionStatus.MET, indicator.weight, target, value, 1.0
        )
    achievement = min(1.0, value / target)
    status = CriterionStatus.MET if value >= target else CriterionStatus.NOT_MET
    return CriterionResult(indicator.code, status, indicator.weight, target, value, achievement)


def evaluate_year(
    campaign: Campaign,
    *,
    kind: str,
    level: str,
    year: int,
    status: ReportStatus,
    readings: dict[str, Reading],
    applicable: list[Indicator] | None = None,
) -> YearEvaluation:
    """Score a unit's year on 0-100: weighted mean achievement + capped bonus − late penalty.

    applicable, when given, is campaign.applicable_indicators(kind, level, year), computed once
    by a caller that evaluates many units of the same kind and level.
    """
    scoring = campaign.scoring
    if status in (ReportStatus.MISSING, ReportStatus.INVALID):
        return YearEvaluation(
            status, score=scoring.missing_report.score, note=scoring.missing_report.label
        )
    if applicable is None:
        applicable = campaign.applicable_indicators(kind=kind, level=level, year=year)
    criteria = [
        evaluate_criterion(
            indicator,
            readings.get(indicator.code),
            level=level,
            total_zero_is_na=scoring.not_applicable_when_total_zero,
        )
        for indicator in applicable
        if indicator.role is IndicatorRole.CRITERION
    ]
    scored = [c for c in criteria if c.status is not CriterionStatus.NOT_APPLICABLE]
    weight = sum(c.weight for c in scored)
    evaluation = YearEvaluation(status, criteria=criteria)
    if weight > 0:
        evaluation.base = (
            scoring.scale * sum(c.weight * (c.achievement or 0.0) for c in scored) / weight
        )
    bonus = scoring.initiative_bonus
    if bonus is not None:
        count = readings.get(bonus.indicator)
        initiatives = count.achieved if count and count.achieved else 0.0
        evaluation.bonus = min(bonus.cap, bonus.points_each * initiatives)
    if status is ReportStatus.LATE:
        evaluation.penalty = scoring.late_penalty.points
    if evaluation.base is None:
        evaluation.note = "Không có tiêu chí chấm điểm áp dụng cho đơn vị trong năm."
        return evaluation
    total = evaluation.base + evaluation.bonus - evaluation.penalty
    evaluation.score = round(min(scoring.scale, max(0.0, total)), 4)  # one bounded scale
    return evaluation
