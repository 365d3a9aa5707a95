"""A unit's Giấy khen rounds, their evaluated candidates, the head's decision, awards granted."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from models.tables.columns import timestamp_field


class GiayKhenRoundRecord(SQLModel, table=True):
    """A unit's round as loaded from its file (the newest bytes until the head decides)."""

    __tablename__ = "giay_khen_round"
    __table_args__ = (UniqueConstraint("campaign_code", "unit_code", "code"),)

    id: int | None = Field(default=None, primary_key=True)
    campaign_code: str = Field(max_length=64, index=True)
    phase_code: str = Field(max_length=64)
    unit_code: str = Field(max_length=64, index=True)
    code: str = Field(max_length=64)
    year: int
    sha256: str = Field(max_length=64)
    source: str = Field(max_length=1024)
    content: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    state: str = Field(default="loaded", max_length=32, description="loaded, proposed, decided")
    loaded_at: datetime = timestamp_field()


class GiayKhenCandidate(SQLModel, table=True):
    """One candidate of a round as the engine evaluated it: score, eligibility, rank, why."""

    __tablename__ = "giay_khen_candidate"
    __table_args__ = (UniqueConstraint("round_id", "code"),)

    id: int | None = Field(default=None, primary_key=True)
    round_id: int = Field(foreign_key="giay_khen_round.id", index=True)
    code: str = Field(max_length=64)
    kind: str = Field(max_length=16)
    full_name: str = Field(max_length=255)
    identity: str = Field(max_length=512, description="Who the awardee is across the movement.")
    score: float | None = None
    eligible: bool
    rank: int | None = None
    selected: bool
    tied_at_cut: bool = False
    reasons: list[Any] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    breakdown: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class GiayKhenDecision(SQLModel, table=True):
    """The head's decision on a round's proposal: who decided, the list, the number and date."""

    __tablename__ = "giay_khen_decision"

    id: int | None = Field(default=None, primary_key=True)
    round_id: int = Field(foreign_key="giay_khen_round.id", unique=True)
    number: str = Field(default="", max_length=64, description="e.g. 125/QĐ-SYT; empty: draft.")
    signed_on: date | None = None
    signer_name: str = Field(max_length=255)
    signer_title: str = Field(max_length=255)
    awarded: list[Any] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    removed: list[Any] = Field(
        default_factory=list,
        sa_column=Column(JSON, nullable=False),
        description="[{code, reason}] proposed candidates the head did not award.",
    )
    decided_by_name: str = Field(max_length=255)
    decided_by_role: str = Field(max_length=64)
    data_sha256: str = Field(max_length=64)
    recorded_at: datetime = timestamp_field()


class AwardGranted(SQLModel, table=True):
    """An award granted in a movement, for one achievement (campaign and phase) of one awardee.

    One row per awardee and achievement: a second award for the same achievement is refused by
    the database as well as by the engine.
    """

    __tablename__ = "award_granted"
    __table_args__ = (UniqueConstraint("campaign_code", "phase_code", "identity"),)

    id: int | None = Field(default=None, primary_key=True)
    campaign_code: str = Field(max_length=64, index=True)
    phase_code: str = Field(max_length=64)
    identity: str = Field(max_length=512)
    form: str = Field(max_length=32, description="giay_khen (the unit's), bang_khen, …")
    kind: str = Field(max_length=16, description="tap_the or ca_nhan")
    full_name: str = Field(max_length=255)
    unit_code: str | None = Field(default=None, max_length=64)
    granting_unit_code: str = Field(max_length=64)
    title: str = Field(max_length=500, description="e.g. Giấy khen của Giám đốc Sở Y tế.")
    round_id: int | None = Field(default=None, foreign_key="giay_khen_round.id", index=True)
    decision_number: str = Field(default="", max_length=64)
    signed_on: date | None = None
    recorded_at: datetime = timestamp_field()
