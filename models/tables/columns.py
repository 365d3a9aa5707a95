"""Column helpers shared by the tables: timestamps stored in UTC and read back timezone-aware."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Column, DateTime
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field


def utc_now() -> datetime:
    """Return the current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


class UtcDateTime(TypeDecorator[datetime]):
    """A timestamp stored as UTC on every database and read back as an aware UTC datetime.

    SQLite keeps no offset: storing an aware time as its wall clock would make 10:00+07:00 sort
    after 04:00+00:00. Converting to UTC before storing makes the stored text comparable.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> datetime | None:
        """Return value in UTC; refuse a naive time, whose offset nobody knows."""
        if value is None:
            return None
        if not isinstance(value, datetime):
            raise TypeError(f"Expected a datetime, got {type(value).__name__}")
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"Naive datetime {value!r}: store timezone-aware times only")
        return value.astimezone(UTC)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        """Return the stored time as an aware UTC datetime."""
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def utc_column(*, nullable: bool = False, index: bool = False) -> Column[datetime]:
    """Return a UTC timestamp column."""
    return Column(UtcDateTime(), nullable=nullable, index=index)


def timestamp_field(*, nullable: bool = False, index: bool = False) -> datetime:
    """Return a timezone-aware timestamp field defaulting to now."""
    return Field(default_factory=utc_now, sa_column=utc_column(nullable=nullable, index=index))
