"""What the review bodies recorded: the council's meeting and votes, and the Chairman's decision."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from models.tables.columns import timestamp_field


class CouncilMeeting(SQLModel, table=True):
    """One meeting of the appraisal council on a phase's proposal, as its minutes record it."""

    __tablename__ = "council_meeting"

    id: int | None = Field(default=None, primary_key=True)
    campaign_code: str = Field(max_length=64, index=True)
    phase_code: str = Field(max_length=64)
    phase_result_id: int | None = Field(default=None, foreign_key="phase_result.id")
    held_on: date
    start_time: str = Field(max_length=16, description="HH:MM, local time.")
    end_time: str = Field(max_length=16, description="HH:MM, local time.")
    venue: str = Field(max_length=500)
    chair_name: str = Field(max_length=255)
    chair_post: str = Field(default="", max_length=255)
    secretary_name: str = Field(max_length=255)
    secretary_post: str = Field(default="", max_length=255)
    attendees: list[Any] = Field(
        default_factory=list,
        sa_column=Column(JSON, nullable=False),
        description="[{name, post}] of the members present.",
    )
    members_total: int = Field(ge=0, description="Members of the council, present or not.")
    quorum_met: bool = Field(default=True, description="Without quorum nothing is decided.")
    no_quorum_reason: str | None = Field(default=None, max_length=2000)
    recorded_by_name: str = Field(max_length=255)
    recorded_by_role: str = Field(max_length=64)
    data_sha256: str = Field(max_length=64)
    recorded_at: datetime = timestamp_field()


class CouncilVote(SQLModel, table=True):
    """The council's vote on one nomination at one meeting."""

    __tablename__ = "council_vote"
    __table_args__ = (UniqueConstraint("meeting_id", "nomination_id"),)

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="council_meeting.id", index=True)
    nomination_id: int = Field(foreign_key="nomination.id", index=True)
    votes_for: int = Field(ge=0)
    votes_against: int = Field(ge=0)
    votes_abstain: int = Field(default=0, ge=0)
    written_for: int = Field(default=0, ge=0, description="Absent members in favour, in writing.")
    accepted: bool
    reason: str = Field(default="", max_length=4000)


class AwardDecision(SQLModel, table=True):
    """The Chairman's decision on a phase: its number, date and signer."""

    __tablename__ = "award_decision"
    __table_args__ = (UniqueConstraint("campaign_code", "phase_code"),)

    id: int | None = Field(default=None, primary_key=True)
    campaign_code: str = Field(max_length=64)
    phase_code: str = Field(max_length=64)
    number: str = Field(max_length=64, description="e.g. 1234/QĐ-UBND.")
    signed_on: date
    signer_name: str = Field(max_length=255)
    signer_title: str = Field(max_length=255)
    recorded_by_name: str = Field(max_length=255)
    recorded_by_role: str = Field(max_length=64)
    data_sha256: str = Field(max_length=64)
    recorded_at: datetime = timestamp_field()
