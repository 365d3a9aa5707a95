"""A registry's scope: the words its campaigns declare, and the record of each load (versions)."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

from sqlmodel import Session, col, select

from models.tables import RegistryLoad
from models.vocabulary import UnitVocabulary
from tasks.campaigns import campaigns_of_registry
from tasks.registry.read import RegistryFileError, RegistryProblem
from tasks.registry.version import registry_version

EVER = date(9999, 12, 31)


def vocabulary_of(session: Session, *, registry: str, path: Path) -> UnitVocabulary:
    """Return the kinds and levels the campaigns reading registry declare (all of them).

    Raise RegistryFileError when no campaign reads the registry: its words are unknown.
    """
    campaigns = campaigns_of_registry(session, registry=registry)
    if not campaigns:
        raise RegistryFileError(
            path,
            [
                RegistryProblem(
                    None,
                    None,
                    f"chưa có phong trào nào dùng danh mục '{registry}' nên chưa biết các loại "
                    "đơn vị và cấp của nó: nạp tệp phong trào (registry, unit_vocabulary) trước",
                )
            ],
        )
    kinds: dict[str, str] = {}
    levels: dict[str, str] = {}
    subordinate: list[str] = []
    for campaign in reversed(campaigns):  # the most recently loaded campaign's labels win
        kinds.update(campaign.unit_vocabulary.kinds)
        levels.update(campaign.unit_vocabulary.levels)
        subordinate += campaign.unit_vocabulary.subordinate_kinds
    return UnitVocabulary(kinds=kinds, levels=levels, subordinate_kinds=sorted(set(subordinate)))


def record_load(
    session: Session,
    *,
    registry: str,
    path: Path,
    inserted: int,
    updated: int,
    unchanged: int,
) -> RegistryLoad:
    """Record one load of a registry file with the registry's version (every row) after it."""
    load = RegistryLoad(
        registry_code=registry,
        source=path.name,
        file_sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
        version_sha256=registry_version(session, registry=registry, on=EVER),
        inserted=inserted,
        updated=updated,
        unchanged=unchanged,
    )
    session.add(load)
    session.flush()
    return load


def registry_loads(session: Session, *, registry: str) -> list[RegistryLoad]:
    """Return the loads of a registry, oldest first."""
    statement = (
        select(RegistryLoad)
        .where(RegistryLoad.registry_code == registry)
        .order_by(col(RegistryLoad.loaded_at), col(RegistryLoad.id))
    )
    return list(session.exec(statement).all())
