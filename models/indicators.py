"""A campaign's indicators and its published scoring scheme."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import Field, model_validator

from models.campaign_types import Code, Fraction, UnitKind, UnitLevel
from models.nfc_model import Strict


class IndicatorKind(StrEnum):
    """How an indicator is reported."""

    BINARY = "binary"
    RATE = "rate"
    COUNT = "count"


class IndicatorRole(StrEnum):
    """What the scoring does with an indicator."""

    CRITERION = "criterion"
    BONUS = "bonus"
    REPORTED = "reported"


class Applicability(Strict):
    """Which units and years an indicator applies to; an empty list means all."""

    kinds: list[UnitKind] = Field(default_factory=list)
    levels: list[UnitLevel] = Field(default_factory=list)
    years: list[int] = Field(default_factory=list)

    def covers(self, *, kind: str, level: str, year: int) -> bool:
        """Return whether a unit of kind and level is concerned in year."""
        return (
            (not self.kinds or kind in self.kinds)
            and (not self.levels or level in self.levels)
            and (not self.years or year in self.years)
        )


class Target(Strict):
    """The target of an indicator: a default and per-level overrides (rates as fractions)."""

    default: float = Field(ge=0)
    by_level: dict[UnitLevel, float] = Field(default_factory=dict)

    def for_level(self, level: str) -> float:
        """Return the target that applies at level."""
        return self.by_level.get(level, self.default)


class Indicator(Strict):
    """One row of the ChiTieu sheet and how it is judged."""

    code: Code
    content: str = Field(min_length=1)
    kind: IndicatorKind
    role: IndicatorRole = IndicatorRole.CRITERION
    applies_to: Applicability = Field(default_factory=Applicability)
    required: bool = Field(True, description="A missing row is an error for the units concerned.")
    target: Target | None = None
    weight: float = Field(1.0, ge=0)
    criterion: str | None = Field(None, description="The plan's criterion it measures.")

    @model_validator(mode="after")
    def _criteria_have_targets(self) -> Indicator:
        if self.role is IndicatorRole.CRITERION and self.target is None:
            raise ValueError(f"chỉ tiêu {self.code} là tiêu chí chấm điểm nên cần 'target'")
        if self.kind is not IndicatorKind.COUNT and self.target is not None:
            targets = [("default", self.target.default), *self.target.by_level.items()]
            for level, value in targets:
                if value > 1:
                    raise ValueError(
                        f"chỉ tiêu {self.code}: mục tiêu tỷ lệ ở '{level}' phải từ 0 đến 1"
                    )
        return self


class InitiativeBonus(Strict):
    """Points for recognised initiatives, capped."""

    indicator: Code
    points_each: float = Field(ge=0)
    cap: float = Field(ge=0)


class LatePenalty(Strict):
    """Points taken off a report uploaded after the deadline."""

    points: float = Field(ge=0)


class MissingReport(Strict):
    """How a unit that sent no valid report is scored and listed."""

    score: float = 0.0
    ranked: bool = Field(True, description="Listed at the bottom of its block's ranking.")
    label: str = "Không gửi báo cáo"


class Outliers(Strict):
    """When to flag a value for the operator's attention."""

    rate_jump: Fraction = Field(0.3, description="Change of a rate from the year before.")
    peer_z_score: float = Field(3.0, gt=0, description="Distance from peers, in MADs.")


class Scoring(Strict):
    """The published scoring scheme; every number is a setting."""

    description: str
    achievement: Literal["min(1, rate / target)"] = "min(1, rate / target)"
    scale: float = Field(100.0, gt=0)
    not_applicable_when_total_zero: bool = True
    initiative_bonus: InitiativeBonus | None = None
    late_penalty: LatePenalty = Field(default_factory=lambda: LatePenalty(points=0))
    missing_report: MissingReport = Field(default_factory=MissingReport)
    outliers: Outliers = Field(default_factory=Outliers)
