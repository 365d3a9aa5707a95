"""A unit's phase years read across mergers: which unit-years count, and how a missing one does."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple

from sqlalchemy import select
from sqlmodel import Session, col

from models.campaign import Campaign, Phase
from models.tables import Unit, UnitYearResult
from tasks.registry.queries import history, predecessor_map

REPORTED = ("on_time", "late")


@dataclass(frozen=True, slots=True)
class SourceYear:
    """One unit's year as it counts for a (possibly merged) unit's phase.

    criteria are its breakdown's criteria; read from stored results, each keeps the keys the
    standards read (code, status, achievement).
    """

    unit_code: str
    year: int
    status: str
    score: float | None = None
    criteria: tuple[dict[str, Any], ...] = ()
    own: bool = True

    @property
    def reported(self) -> bool:
        """Return whether the unit sent a valid report that year."""
        return self.status in REPORTED


@dataclass(slots=True)
class PhaseYear:
    """A year of the phase: the unit-years used, the ones missing and the resulting score."""

    year: int
    used: list[SourceYear] = field(default_factory=list)
    missing: list[SourceYear] = field(default_factory=list)
    score: float | None = None
    note: str = ""

    @property
    def on_time(self) -> bool:
        """Return whether every unit-year used was reported on time."""
        return bool(self.used) and all(s.status == "on_time" for s in self.used)


class YearRow(NamedTuple):
    """The columns of a unit's yearly result the phase review reads (criteria: as kept)."""

    report_status: str
    score: float | None
    criteria: tuple[dict[str, Any], ...]


KEPT = ("code", "status", "achievement")  # what the standards read of a year's criterion


def kept_criteria(
    breakdown: dict[str, Any] | None, names: dict[str, str]
) -> tuple[dict[str, Any], ...]:
    """Return a breakdown's criteria with the keys the standards read, names shared (interned).

    A country's 240,000 unit-years are held at once: the criteria's other keys (weight, target,
    value, reason) are read by no standard, and a code or status is one string for all of them.
    """
    return tuple(
        {
            key: names.setdefault(value, value) if isinstance(value, str) else value
            for key in KEPT
            if (value := criterion.get(key, criterion)) is not criterion
        }
        for criterion in (breakdown or {}).get("criteria", [])
    )


class UnitDates(NamedTuple):
    """A unit's name and validity dates, as lineage reads them."""

    code: str
    name: str
    valid_from: date
    valid_to: date | None


def _valid(unit: UnitDates | None, on: date) -> bool:
    return unit is None or (
        unit.valid_from <= on and (unit.valid_to is None or unit.valid_to >= on)
    )


def _stored_years(session: Session, campaign: Campaign, phase: Phase) -> Iterator[Any]:
    """Yield the phase's stored unit-years, fetched 10,000 at a time (their breakdowns parsed
    a chunk at a time, not a country's 240,000 at once)."""
    result = session.connection().execute(
        select(
            col(UnitYearResult.unit_code),
            col(UnitYearResult.year),
            col(UnitYearResult.report_status),
            col(UnitYearResult.score),
            col(UnitYearResult.breakdown),
        ).where(
            col(UnitYearResult.campaign_code) == campaign.code,
            col(UnitYearResult.year).in_(phase.years),
        )
    )
    for chunk in result.partitions(10_000):
        yield from chunk


class PhaseHistory:
    """Every unit's results over a phase's years, loaded once, read across mergers."""

    def __init__(
        self,
        session: Session,
        *,
        campaign: Campaign,
        phase: Phase,
        rescored: list[UnitYearResult] | None = None,
    ) -> None:
        self.campaign, self.phase = campaign, phase
        names: dict[str, str] = {}
        self.results: dict[tuple[str, int], YearRow] = (
            {
                (row.unit_code, row.year): YearRow(
                    row.report_status, row.score, kept_criteria(row.breakdown, names)
                )
                for row in rescored
            }
            if rescored is not None
            else {
                (code, year): YearRow(
                    names.setdefault(status, status), score, kept_criteria(breakdown, names)
                )
                for code, year, status, score, breakdown in _stored_years(session, campaign, phase)
            }
        )
        self.merged = predecessor_map(session, registry=campaign.registry)
        self.units = {
            code: UnitDates(code, name, start, end)
            for code, name, start, end in session.connection()
            .execute(
                select(
                    col(Unit.code), col(Unit.name), col(Unit.valid_from), col(Unit.valid_to)
                ).where(col(Unit.registry_code) == campaign.registry)
            )
            .all()
        }
        self.deadlines = {year: campaign.deadline_for(year).date() for year in campaign.years}

    def _source(self, code: str, year: int, *, own: bool) -> SourceYear:
        row = self.results.get((code, year))
        if row is None:
            return SourceYear(code, year, "missing", own=own)
        return SourceYear(code, year, row.report_status, row.score, row.criteria, own)

    def sources(self, code: str, year: int) -> list[SourceYear]:
        """Return the unit-years that count for code in year: itself, or its predecessors then."""
        on = self.deadlines.get(year) or self.campaign.deadline_for(year).date()
        if _valid(self.units.get(code), on):
            return [self._source(code, year, own=True)]
        earlier = [p for p in history(code, self.merged)[1:] if _valid(self.units.get(p), on)]
        if not earlier:
            return [self._source(code, year, own=True)]
        return [self._source(p, year, own=False) for p in earlier]

    def year(self, code: str, year: int) -> PhaseYear:
        """Return how year counts for code, by the campaign's lineage setting."""
        found = self.sources(code, year)
        used = [s for s in found if s.reported]
        missing = [s for s in found if not s.reported]
        item = PhaseYear(year, used, missing)
        inherited = not all(s.own for s in found)
        zero = self.campaign.eligibility.lineage.missing_predecessor_year == "not_met"
        counted = [s.score or 0.0 for s in used] + ([0.0] * len(missing) if zero else [])
        if used:
            item.score = round(sum(counted) / len(counted), 4)
        if inherited:
            parts = [f"{s.unit_code} ({s.score if s.score is not None else '-'})" for s in used]
            item.note = f"Năm {year} tính theo đơn vị tiền thân: {', '.join(parts) or 'không có'}"
            if missing:
                how = (
                    "tính 0 điểm và không đạt tiêu chí"
                    if zero
                    else "không tính vào bình quân (đã nêu để Hội đồng xem xét)"
                )
                item.note += (
                    f"; {', '.join(s.unit_code for s in missing)} không có báo cáo hợp lệ, {how}"
                )
            item.note += "."
        return item

    def years(self, code: str) -> list[PhaseYear]:
        """Return every year of the phase for code."""
        return [self.year(code, year) for year in self.phase.years]

    def ceased_note(self, code: str) -> str | None:
        """Return a note when the unit has ceased to exist, for the council."""
        unit = self.units.get(code)
        if unit is not None and unit.valid_to is not None:
            return (
                f"Đơn vị {unit.name} đã chấm dứt hoạt động từ {unit.valid_to:%d/%m/%Y}: "
                "Hội đồng xem xét."
            )
        return None
