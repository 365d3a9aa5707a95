"""The units registry: every unit with its validity dates and its successor after a merger."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Field, SQLModel

from models.tables.columns import timestamp_field


class UnitBase(SQLModel):
    """A unit as the registry file describes it."""

    code: str = Field(primary_key=True, max_length=64)
    registry_code: str = Field(
        default="bac-kan",
        max_length=64,
        index=True,
        description="The registry (province or organisation) the row belongs to.",
    )
    name: str = Field(max_length=255)
    kind: str = Field(max_length=32, index=True)
    level: str = Field(max_length=16)
    block: str | None = Field(default=None, max_length=255, index=True)
    parent_code: str | None = Field(default=None, foreign_key="unit.code", max_length=64)
    valid_from: date
    valid_to: date | None = None
    successor_code: str | None = Field(
        default=None, foreign_key="unit.code", max_length=64, index=True
    )


class Unit(UnitBase, table=True):
    """A row of the units registry."""

    created_at: datetime = timestamp_field()
    updated_at: datetime = timestamp_field()
