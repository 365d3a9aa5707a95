"""A phase's nominations read by columns: the fields the review uses, no ORM entities."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from sqlalchemy import Select, select
from sqlmodel import Session, col

from models.tables import Nomination, Nominee


class NominationRow(NamedTuple):
    """The columns of a nomination the review reads (a named tuple: 300,000 in a country)."""

    id: int | None
    phase_code: str
    proposing_unit_code: str
    row: int | None
    initiatives: str | None
    dossier_complete: bool


class NomineeRow(NamedTuple):
    """The columns of a nominee the review reads."""

    kind: str
    full_name: str
    unit_code: str | None
    birth_date: date | None
    gender: str | None
    women_share: float | None
    unit_then: str | None


NOMINATION_COLUMNS = (
    Nomination.id,
    Nomination.phase_code,
    Nomination.proposing_unit_code,
    Nomination.row,
    Nomination.initiatives,
    Nomination.dossier_complete,
)
NOMINEE_COLUMNS = (
    Nominee.kind,
    Nominee.full_name,
    Nominee.unit_code,
    Nominee.birth_date,
    Nominee.gender,
    Nominee.women_share,
    Nominee.unit_then,
)


def nomination_statement() -> Select[tuple[object, ...]]:
    """Return SELECT nomination columns, nominee columns FROM nomination JOIN nominee."""
    return select(*NOMINATION_COLUMNS, *NOMINEE_COLUMNS).join(  # type: ignore[call-overload]
        Nominee, col(Nominee.id) == col(Nomination.nominee_id)
    )


def read_pairs(
    session: Session, statement: Select[tuple[object, ...]]
) -> list[tuple[NominationRow, NomineeRow]]:
    """Run a nomination_statement() and return its rows as (nomination, nominee) pairs."""
    split = len(NOMINATION_COLUMNS)
    return [
        (NominationRow._make(row[:split]), NomineeRow._make(row[split:]))
        for chunk in session.connection().execute(statement).partitions(10_000)
        for row in chunk
    ]
