"""Import checked registry rows into the database: references, cycles and dates, all or nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from sqlmodel import Session

from models.tables import Unit
from models.tables.columns import utc_now
from models.vocabulary import UnitVocabulary
from tasks.registry.queries import registry_units
from tasks.registry.read import RegistryFileError, RegistryProblem, RegistryRow, read_registry
from tasks.registry.scope import record_load, vocabulary_of

FIELDS = (
    "name",
    "kind",
    "level",
    "block",
    "parent_code",
    "valid_from",
    "valid_to",
    "successor_code",
)


@dataclass
class ImportReport:
    """What an import changed."""

    inserted: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Node:
    code: str
    line: int | None
    parent_code: str | None
    successor_code: str | None
    valid_from: date
    valid_to: date | None


def _check_references(rows: list[RegistryRow], existing: dict[str, Unit]) -> list[RegistryProblem]:
    nodes = {
        code: _Node(
            code, None, unit.parent_code, unit.successor_code, unit.valid_from, unit.valid_to
        )
        for code, unit in existing.items()
    }
    for row in rows:
        nodes[row.code] = _Node(
            row.code, row.line, row.parent_code, row.successor_code, row.valid_from, row.valid_to
        )
    problems = []
    for row in rows:
        for column, target in (
            ("don_vi_cha", row.parent_code),
            ("don_vi_ke_thua", row.successor_code),
        ):
            if target and target not in nodes:
                problems.append(
                    RegistryProblem(row.line, column, f"đơn vị '{target}' không có trong danh mục")
                )
        successor = nodes.get(row.successor_code or "")
        if successor and row.valid_to and successor.valid_from > row.valid_to + timedelta(days=1):
            problems.append(
                RegistryProblem(
                    row.line,
                    "don_vi_ke_thua",
                    f"đơn vị kế thừa '{successor.code}' có hiệu lực từ "
                    f"{successor.valid_from:%d/%m/%Y}, sau ngày {row.valid_to:%d/%m/%Y} đơn vị "
                    "này hết hiệu lực: lịch sử bị đứt",
                )
            )
    for attribute, column, label in (
        ("parent_code", "don_vi_cha", "đơn vị cha"),
        ("successor_code", "don_vi_ke_thua", "kế thừa"),
    ):
        problems.extend(_cycles(rows, nodes, attribute, column, label))
    return problems


def _cycles(
    rows: list[RegistryRow], nodes: dict[str, _Node], attribute: str, column: str, label: str
) -> list[RegistryProblem]:
    problems = []
    reported: set[str] = set()
    for row in rows:
        path = [row.code]
        current = getattr(nodes[row.code], attribute)
        while current and current in nodes and current not in path:
            path.append(current)
            current = getattr(nodes[current], attribute)
        if current == row.code and row.code not in reported:
            reported.update(path)
            chain = " → ".join([*path, row.code])
            problems.append(RegistryProblem(row.line, column, f"vòng lặp {label}: {chain}"))
    return problems


def registry_of(path: Path) -> str:
    """Return the registry a file fills when none is named: units-<registry>.csv."""
    stem = path.stem.lower()
    if not stem.startswith("units-") or stem == "units-":
        raise RegistryFileError(
            path,
            [
                RegistryProblem(
                    None,
                    None,
                    "không biết tệp thuộc danh mục nào: ghi rõ --registry MÃ hoặc --campaign MÃ, "
                    "hoặc đặt tên tệp units-<mã danh mục>.csv",
                )
            ],
        )
    return stem.removeprefix("units-")


def import_rows(
    session: Session, *, rows: list[RegistryRow], path: Path, registry: str
) -> ImportReport:
    """Upsert rows into registry in the session's transaction; raise RegistryFileError before
    any change. Only registry's own rows are read or written: another registry may use the
    same codes and is never touched."""
    scope = registry
    existing = {unit.code: unit for unit in registry_units(session, registry=scope)}
    problems = _check_references(rows, existing)
    if problems:
        raise RegistryFileError(path, sorted(problems, key=lambda p: (p.line or 0, p.column or "")))
    report = ImportReport()
    now = utc_now()
    # References are set in a second pass so that a row may name a unit further down the file.
    for row in rows:
        unit = existing.get(row.code)
        if unit is None:
            unit = Unit(
                code=row.code,
                registry_code=scope,
                name=row.name,
                kind=row.kind,
                level=row.level,
                block=row.block,
                valid_from=row.valid_from,
                valid_to=row.valid_to,
            )
            session.add(unit)
            existing[row.code] = unit
            report.inserted.append(row.code)
        elif all(getattr(unit, name) == getattr(row, name) for name in FIELDS):
            report.unchanged.append(row.code)
        else:
            for name in ("name", "kind", "level", "block", "valid_from", "valid_to"):
                setattr(unit, name, getattr(row, name))
            unit.updated_at = now
            report.updated.append(row.code)
    session.flush()
    for row in rows:
        unit = existing[row.code]
        unit.parent_code = row.parent_code
        unit.successor_code = row.successor_code
    session.flush()
    return report


def import_registry(
    session: Session,
    *,
    path: Path,
    registry: str | None = None,
    vocabulary: UnitVocabulary | None = None,
) -> ImportReport:
    """Read, check and upsert the registry file at path into registry (named, or from the file
    name), all or nothing, against its declared kinds and levels; record the load."""
    scope = registry or registry_of(path)
    words = vocabulary or vocabulary_of(session, registry=scope, path=path)
    report = import_rows(
        session, rows=read_registry(path, vocabulary=words), path=path, registry=scope
    )
    record_load(
        session,
        registry=scope,
        path=path,
        inserted=len(report.inserted),
        updated=len(report.updated),
        unchanged=len(report.unchanged),
    )
    return report
