"""Find a unit for validation: in its registry in the database, else in a registry file."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from sqlmodel import Session

from models.campaign import Campaign
from models.tables import Unit
from models.vocabulary import UnitVocabulary
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
def _shipped(path: Path, words: str) -> dict[str, UnitContext]:
    vocabulary = UnitVocabulary.model_validate_json(words)
    return {
        row.code: UnitContext(
            code=row.code,
            name=row.name,
            kind=row.kind,
            level=row.level,
            valid_from=row.valid_from,
            valid_to=row.valid_to,
        )
        for row in read_registry(path, vocabulary=vocabulary)
    }


def registry_file(registry: str) -> Path:
    """Return the shipped file of a registry: models/data/units-<registry>.csv."""
    return SHIPPED_REGISTRY.with_name(f"units-{registry}.csv")


def find_unit(
    code: str, *, campaign: Campaign, session: Session | None = None
) -> UnitContext | None:
    """Return the unit with code in the campaign's registry, from the database (if given) or
    the registry's shipped file, or None."""
    if session is not None:
        unit = session.get(Unit, {"registry_code": campaign.registry, "code": code})
        return context_of(unit) if unit is not None else None
    path = registry_file(campaign.registry)
    if not path.exists():
        return None
    return _shipped(path, campaign.unit_vocabulary.model_dump_json()).get(code)
