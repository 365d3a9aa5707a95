"""The registry version a result rests on: the SHA-256 of one registry's rows as of a date."""

from __future__ import annotations

import hashlib
import json
from datetime import date

from sqlalchemy import select
from sqlmodel import Session, col

from models.tables import Unit

COLUMNS = (
    "code",
    "name",
    "kind",
    "level",
    "block",
    "parent_code",
    "valid_from",
    "valid_to",
    "successor_code",
)


def registry_rows(session: Session, *, registry: str, on: date) -> list[dict[str, str | None]]:
    """Return the registry's rows known on a date (ended units too: lineage reads them)."""
    columns = [getattr(Unit, name) for name in COLUMNS]
    rows = session.connection().execute(
        select(*columns)
        .where(col(Unit.registry_code) == registry, col(Unit.valid_from) <= on)
        .order_by(col(Unit.code))
    )
    return [
        {
            "code": code,
            "name": name,
            "kind": kind,
            "level": level,
            "block": block,
            "parent_code": parent,
            "valid_from": start.isoformat() if isinstance(start, date) else start,
            "valid_to": end.isoformat() if isinstance(end, date) else end,
            "successor_code": successor,
        }
        for code, name, kind, level, block, parent, start, end, successor in rows.all()
    ]


def registry_version(session: Session, *, registry: str, on: date) -> str:
    """Return the SHA-256 of the registry's rows in force on a date, canonically serialised."""
    rows = registry_rows(session, registry=registry, on=on)
    text = json.dumps(rows, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
