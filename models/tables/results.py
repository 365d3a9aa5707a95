"""Yearly unit results and phase-end rankings, with the hashes that make them reproducible."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from models.tables.columns import timestamp_field


class UnitYearResult(SQLModel, table=True):
    """A unit's evaluation for one year: status, score, per-criterion breakdown and rank."""

    __tablename__ = "unit_year_result"
    __table_args__ = (
        UniqueConstraint("campaign_code", "year", "unit_code"),
        Index("ix_unit_year_result_block", "campaign_code", "year", "block"),
    )

    id: int | None = Field(default=None, primary_key=True)
    campaign_code: str = Field(max_length=64)
    year: int
    unit_code: str = Field(max_length=64, description="The unit, in the campaign's registry.")
    block: str | None = Field(default=None, max_length=255)
    submission_id: int | None = Field(default=None, foreign_key="submission.id")
    report_status: str = Field(max_length=16, description="on_time, late, missing or invalid")
    score: float | None = None
    rank_in_block: int | None = None
    breakdown: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    flags: list[Any] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    input_sha256: str | None = Field(default=None, max_length=64)
    campaign_sha256: str = Field(max_length=64)
    registry_sha256: str | None = Field(default=None, max_length=64)
    code_version: str = Field(max_length=64)
    computed_at: datetime = timestamp_field()


class PhaseResult(SQLModel, table=True):
    """One run of a phase-end ranking: the official proposal or a what-if."""

    __tablename__ = "phase_result"
    __table_args__ = (Index("ix_phase_result_campaign_phase", "campaign_code", "phase_code"),)

    id: int | None = Field(default=None, primary_key=True)
    campaign_code: str = Field(max_length=64)
    phase_code: str = Field(max_length=64)
    is_official: bool = True
    parameters: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    result_sha256: str = Field(max_length=64)
    campaign_sha256: str = Field(max_length=64)
    registry_sha256: str | None = Field(
        default=None, max_length=64, description="The registry rows in force on the phase date."
    )
    code_version: str = Field(max_length=64)
    inputs_sha256: str | None = Field(
        default=None, max_length=64, description="What the result was computed from (reruns)."
    )
    created_at: datetime = timestamp_field()


class YearAggregate(SQLModel, table=True):
    """A campaign year's aggregation: what it was computed from, its result hash and summary.

    A rerun whose inputs have the same digest returns this row instead of computing again.
    """

    __tablename__ = "year_aggregate"
    __table_args__ = (UniqueConstraint("campaign_code", "year"),)

    id: int | None = Field(default=None, primary_key=True)
    campaign_code: str = Field(max_length=64)
    year: int
    inputs_sha256: str = Field(max_length=64)
    result_sha256: str = Field(max_length=64)
    registry_sha256: str | None = Field(default=None, max_length=64)
    summary: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    computed_at: datetime = timestamp_field()


class PhaseCandidate(SQLModel, table=True):
    """A nomination's place in a phase result, and why it is in or out."""

    __tablename__ = "phase_candidate"
    __table_args__ = (UniqueConstraint("phase_result_id", "nomination_id"),)

    id: int | None = Field(default=None, primary_key=True)
    phase_result_id: int = Field(foreign_key="phase_result.id", index=True, ondelete="CASCADE")
    nomination_id: int = Field(foreign_key="nomination.id", index=True)
    kind: str = Field(max_length=16)
    eligible: bool
    rank: int | None = None
    score: float | None = None
    selected: bool = False
    tie_break: str | None = Field(default=None, max_length=255)
    reason: str = Field(max_length=2000)
    breakdown: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
