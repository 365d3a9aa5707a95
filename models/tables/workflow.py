"""The review workflow's history: every transition of every nomination."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from models.tables.columns import timestamp_field


class WorkflowTransition(SQLModel, table=True):
    """Who moved a nomination from one state to another, when, why, and on what data."""

    __tablename__ = "workflow_history"

    id: int | None = Field(default=None, primary_key=True)
    nomination_id: int = Field(foreign_key="nomination.id", index=True)
    transition: str = Field(max_length=64)
    from_state: str = Field(max_length=32)
    to_state: str = Field(max_length=32)
    actor_name: str = Field(max_length=255)
    actor_role: str = Field(max_length=64)
    comment: str | None = Field(default=None, max_length=4000)
    data_sha256: str | None = Field(default=None, max_length=64)
    at: datetime = timestamp_field(index=True)
