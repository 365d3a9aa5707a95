"""Registry queries, always within one registry: expected units, lineage, units of a block."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar, cast

from sqlalchemy import or_
from sqlmodel import Session, col, select

from models.campaign import Campaign
from models.tables import Unit

S = TypeVar("S")  # a select of units


def valid_on(*, on: date) -> object:
    """Return the SQL condition 'the unit exists on that date'."""
    return (col(Unit.valid_from) <= on) & or_(
        col(Unit.valid_to).is_(None), col(Unit.valid_to) >= on
    )


def get_unit(session: Session, *, registry: str, code: str) -> Unit | None:
    """Return the unit with code in registry, or None (another registry's unit never answers)."""
    return session.get(Unit, {"registry_code": registry, "code": code})


def registry_units(session: Session, *, registry: str) -> list[Unit]:
    """Return every unit of one registry, by code."""
    statement = select(Unit).where(Unit.registry_code == registry).order_by(col(Unit.code))
    return list(session.exec(statement).all())


def expected_units(session: Session, *, campaign: Campaign, year: int) -> list[Unit]:
    """Return the units that must report for year: valid on its deadline, of a covered kind."""
    return list(session.exec(expected(select(Unit), campaign=campaign, year=year)).all())


def expected_unit_names(
    session: Session, *, campaign: Campaign, year: int
) -> list[tuple[str, str, str]]:
    """Return the (code, name, kind) of the units expected_units returns, in the same order."""
    statement = select(Unit.code, Unit.name, Unit.kind)
    return list(session.exec(expected(statement, campaign=campaign, year=year)).all())


def expected(statement: S, *, campaign: Campaign, year: int) -> S:
    """Return a select of units limited to those that must report for year, by code."""
    on = campaign.deadline_for(year).date()
    units: Any = statement
    return cast(
        S,
        units.where(valid_on(on=on))
        .where(col(Unit.kind).in_(campaign.unit_kinds))
        .where(Unit.registry_code == campaign.registry)  # another registry never counts here
        .order_by(col(Unit.code)),
    )


def units_in_block(
    session: Session, *, registry: str, block: str, on: date | None = None
) -> list[Unit]:
    """Return the units of an emulation cluster or block (those existing on a date, if given)."""
    statement = (
        select(Unit)
        .where(Unit.registry_code == registry, Unit.block == block)
        .order_by(col(Unit.code))
    )
    if on is not None:
        statement = statement.where(valid_on(on=on))  # type: ignore[arg-type]
    return list(session.exec(statement).all())


def blocks(session: Session, *, registry: str, on: date | None = None) -> list[str]:
    """Return the names of the clusters and blocks (of units existing on a date, if given)."""
    statement = (
        select(Unit.block)
        .where(Unit.registry_code == registry, col(Unit.block).is_not(None))
        .distinct()
    )
    if on is not None:
        statement = statement.where(valid_on(on=on))  # type: ignore[arg-type]
    return sorted(block for block in session.exec(statement).all() if block)


@dataclass
class Lineage:
    """A unit with everything it came from and everything it became."""

    unit: Unit
    predecessors: list[Unit] = field(default_factory=list)
    successors: list[Unit] = field(default_factory=list)

    @property
    def current(self) -> Unit:
        """Return the unit that carries this one's history today (itself if never merged)."""
        return self.successors[-1] if self.successors else self.unit

    @property
    def ceased(self) -> bool:
        """Return whether the line ends in a unit that ceased with no successor."""
        return self.current.valid_to is not None

    @property
    def codes(self) -> list[str]:
        """Return every code whose history counts for the current unit's line, oldest first."""
        return [u.code for u in [*self.predecessors, self.unit, *self.successors]]


def lineage(session: Session, *, registry: str, code: str) -> Lineage:
    """Return the predecessors (transitively) and the chain of successors of a unit."""
    unit = get_unit(session, registry=registry, code=code)
    if unit is None:
        raise KeyError(code)
    successors: list[Unit] = []
    seen = {unit.code}
    current = unit
    while current.successor_code and current.successor_code not in seen:
        nxt = get_unit(session, registry=registry, code=current.successor_code)
        if nxt is None:
            break
        successors.append(nxt)
        seen.add(nxt.code)
        current = nxt
    predecessors: list[Unit] = []
    frontier = [unit.code]
    while frontier:
        statement = (
            select(Unit)
            .where(Unit.registry_code == registry, col(Unit.successor_code).in_(frontier))
            .order_by(col(Unit.code))
        )
        found = [u for u in session.exec(statement).all() if u.code not in seen]
        seen.update(u.code for u in found)
        predecessors = found + predecessors
        frontier = [u.code for u in found]
    return Lineage(unit=unit, predecessors=predecessors, successors=successors)


def predecessor_map(session: Session, *, registry: str) -> dict[str, list[str]]:
    """Return, for each unit of registry, the units merged into it (directly), in one query."""
    merged: dict[str, list[str]] = defaultdict(list)
    for code, successor in session.exec(
        select(Unit.code, Unit.successor_code).where(
            Unit.registry_code == registry, col(Unit.successor_code).is_not(None)
        )
    ).all():
        merged[successor].append(code)  # type: ignore[index]
    return merged


def predecessor_levels(code: str, merged: dict[str, list[str]]) -> list[list[str]]:
    """Return a unit's predecessors level by level, nearest first, each level sorted."""
    levels: list[list[str]] = []
    seen, frontier = {code}, [code]
    while frontier := sorted(p for c in frontier for p in merged.get(c, []) if p not in seen):
        seen.update(frontier)
        levels.append(frontier)
    return levels


def history(code: str, merged: dict[str, list[str]]) -> list[str]:
    """Return a unit's code and every predecessor's, nearest first."""
    return [code] + [p for level in predecessor_levels(code, merged) for p in level]


def history_codes(session: Session, *, registry: str, code: str) -> list[str]:
    """Return the codes whose reports count for a unit: its predecessors, oldest first, then it."""
    levels = predecessor_levels(code, predecessor_map(session, registry=registry))
    return [p for level in reversed(levels) for p in level] + [code]
