"""The state of every object version seen in the inbox, so that none is lost or blocks others."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from models.tables.columns import timestamp_field, utc_column


class VersionKind(StrEnum):
    """What an inbox version is, by where it sits in the layout."""

    REPORT = "report"
    DELETION = "deletion"
    MISPLACED = "misplaced"


class VersionState(StrEnum):
    """Where an inbox version stands: seen, being processed, recorded, failed or set aside."""

    SEEN = "seen"
    PROCESSING = "processing"
    FAILED = "failed"
    RECORDED = "recorded"
    SET_ASIDE = "set_aside"


DONE_STATES = frozenset({VersionState.RECORDED.value, VersionState.SET_ASIDE.value})


class InboxVersion(SQLModel, table=True):
    """One object version of the inbox (an upload, a delete marker or a misplaced object)."""

    __tablename__ = "inbox_version"
    __table_args__ = (
        UniqueConstraint("bucket", "object_key", "version_key"),
        Index("ix_inbox_version_campaign_year_state", "campaign_code", "year", "state"),
    )

    id: int | None = Field(default=None, primary_key=True)
    bucket: str = Field(max_length=255)
    object_key: str = Field(max_length=1024)
    version_key: str = Field(max_length=400)
    version_id: str | None = Field(default=None, max_length=255)
    campaign_code: str = Field(max_length=64)
    year: int
    unit_folder: str | None = Field(default=None, max_length=255)
    kind: str = Field(max_length=16)
    state: str = Field(default=VersionState.SEEN.value, max_length=16)
    attempts: int = 0
    last_error: str | None = Field(default=None, max_length=2000)
    stored_at: datetime = Field(sa_column=utc_column())
    first_seen_at: datetime = timestamp_field()
    updated_at: datetime = timestamp_field()
    vanished_at: datetime | None = Field(
        default=None, sa_column=utc_column(nullable=True), description="No longer listed."
    )
