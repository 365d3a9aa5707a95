"""Column helpers shared by the tables."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Column, DateTime
from sqlmodel import Field


def utc_now() -> datetime:
    """Return the current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


def timestamp_field(*, nullable: bool = False, index: bool = False) -> datetime:
    """Return a timezone-aware timestamp field defaulting to now."""
    return Field(
        default_factory=utc_now,
        sa_column=Column(DateTime(timezone=True), nullable=nullable, index=index),
    )
