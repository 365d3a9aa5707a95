"""Generated documents: where they are stored and what they were made from."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from models.tables.columns import timestamp_field


class GeneratedDocument(SQLModel, table=True):
    """One rendered document (or bundle) in the output bucket."""

    __tablename__ = "generated_document"
    __table_args__ = (UniqueConstraint("object_key", "sha256"),)

    id: int | None = Field(default=None, primary_key=True)
    campaign_code: str = Field(max_length=64, index=True)
    phase_code: str | None = Field(default=None, max_length=64)
    year: int | None = None
    kind: str = Field(max_length=64)
    object_key: str = Field(max_length=1024)
    sha256: str = Field(max_length=64)
    source_hashes: dict[str, Any] = Field(
        default_factory=dict, sa_column=Column(JSON, nullable=False)
    )
    rules_version: str = Field(max_length=64)
    created_at: datetime = timestamp_field()
