"""The units registries: each registry's units, keyed by (registry, code), with their history."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKeyConstraint
from sqlmodel import Field, SQLModel

from models.tables.columns import timestamp_field


class UnitBase(SQLModel):
    """A unit as a registry file describes it; codes are unique within their registry only."""

    registry_code: str = Field(
        primary_key=True,
        max_length=64,
        index=True,
        description="The registry (province, ministry or organisation) the row belongs to.",
    )
    code: str = Field(primary_key=True, max_length=64)
    name: str = Field(max_length=255)
    kind: str = Field(max_length=32, index=True)
    level: str = Field(max_length=16)
    block: str | None = Field(default=None, max_length=255, index=True)
    parent_code: str | None = Field(default=None, max_length=64)
    valid_from: date
    valid_to: date | None = None
    successor_code: str | None = Field(default=None, max_length=64, index=True)


class Unit(UnitBase, table=True):
    """A row of a units registry; parent and successor are units of the same registry."""

    __table_args__ = (
        ForeignKeyConstraint(
            ["registry_code", "parent_code"],
            ["unit.registry_code", "unit.code"],
            name="fk_unit_parent",
        ),
        ForeignKeyConstraint(
            ["registry_code", "successor_code"],
            ["unit.registry_code", "unit.code"],
            name="fk_unit_successor",
        ),
    )

    created_at: datetime = timestamp_field()
    updated_at: datetime = timestamp_field()


class RegistryLoad(SQLModel, table=True):
    """One load of a registry file: what it was, what it changed, the registry's version after."""

    __tablename__ = "registry_load"

    id: int | None = Field(default=None, primary_key=True)
    registry_code: str = Field(max_length=64, index=True)
    source: str = Field(max_length=1000, description="The file's name as loaded.")
    file_sha256: str = Field(max_length=64)
    version_sha256: str = Field(
        max_length=64, description="SHA-256 of every row of the registry after the load."
    )
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    loaded_at: datetime = timestamp_field()
