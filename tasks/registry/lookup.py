"""Find a unit for validation: in the database when there is one, else in the shipped registry."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from sqlmodel import Session

from models.tables import Unit
from tasks.registry.read import read_registry
from tasks.validation.report import UnitContext

SHIPPED_REGISTRY = Path(__file__).resolve().parents[2] / "models" / "data" / "units-bac-kan.csv"


def context_of(unit: Unit) -> UnitContext:
    """Return what validation needs of a registry unit."""
    return UnitContext(
        code=unit.code,
        name=unit.name,
        kind=unit.kind,
        level=unit.level,
        valid_from=unit.valid_from,
        valid_to=unit.valid_to,
    )


@lru_cache(maxsize=4)
def _shipped(path: Path) -> dict[str, UnitContext]:
    return {
        row.code: UnitContext(
            code=row.code,
            name=row.name,
            kind=row.kind,
            level=row.level,
            valid_from=row.valid_from,
            valid_to=row.valid_to,
        )
        for row in read_registry(path)
    }


def find_unit(
    code: str, *, session: Session | None = None, registry: Path = SHIPPED_REGISTRY
) -> UnitContext | None:
    """Return the unit with code from the database (if given) or the registry file, or None."""
    if session is not None:
        unit = session.get(Unit, code)
        return context_of(unit) if unit is not None else None
    return _shipped(registry).get(code)
