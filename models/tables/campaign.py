"""Campaign files as loaded: every version kept with its hash."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from models.tables.columns import timestamp_field


class CampaignRecord(SQLModel, table=True):
    """One loaded version of a campaign file; the newest loaded is the one in force."""

    __tablename__ = "campaign"
    __table_args__ = (UniqueConstraint("code", "sha256"),)

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=64, index=True)
    name: str = Field(max_length=500)
    sha256: str = Field(max_length=64)
    source: str = Field(max_length=1000, description="Where the file was loaded from.")
    content: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    loaded_at: datetime = timestamp_field()
