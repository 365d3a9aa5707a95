"""Nominations for a phase's awards and the collectives or persons nominated."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from models.tables.columns import timestamp_field


class Nominee(SQLModel, table=True):
    """A collective or a person, with the post and unit when the achievement was made, and now."""

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=16, description="tap_the or ca_nhan")
    full_name: str = Field(max_length=255)
    unit_code: str | None = Field(
        default=None,
        max_length=64,
        description="For a collective that is itself a registered unit.",
    )
    birth_date: date | None = None
    gender: str | None = Field(default=None, max_length=8, description="nam or nu")
    women_share: float | None = Field(default=None, description="Share of women in a collective.")
    post_then: str | None = Field(default=None, max_length=255)
    unit_then: str | None = Field(default=None, max_length=255)
    post_now: str | None = Field(default=None, max_length=255)
    unit_now: str | None = Field(default=None, max_length=255)


class Nomination(SQLModel, table=True):
    """A unit's proposal of one nominee for a phase, from one row of its DeNghi sheet."""

    __table_args__ = (
        Index("ix_nomination_campaign_phase_state", "campaign_code", "phase_code", "state"),
    )

    id: int | None = Field(default=None, primary_key=True)
    campaign_code: str = Field(max_length=64)
    phase_code: str = Field(max_length=64)
    submission_id: int | None = Field(default=None, foreign_key="submission.id", index=True)
    proposing_unit_code: str = Field(
        max_length=64, index=True, description="In the campaign's registry."
    )
    nominee_id: int = Field(foreign_key="nominee.id", index=True)
    row: int | None = None
    achievements: str | None = None
    initiatives: str | None = None
    report_file: str | None = Field(default=None, max_length=500)
    dossier_complete: bool = False
    state: str = Field(default="submitted", max_length=32)
    version: int = Field(default=1, description="Optimistic lock for concurrent decisions.")
    created_at: datetime = timestamp_field()
    updated_at: datetime = timestamp_field()
