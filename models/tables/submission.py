"""Uploaded yearly reports: one row per object version seen, with its findings and values."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from models.tables.columns import timestamp_field, utc_column


class SubmissionStatus(StrEnum):
    """Where a submission stands after ingestion."""

    RECEIVED = "received"
    VALID = "valid"
    INVALID = "invalid"
    UNREADABLE = "unreadable"


class Submission(SQLModel, table=True):
    """One version of one uploaded object, archived by its SHA-256."""

    __table_args__ = (
        UniqueConstraint("bucket", "object_key", "version_key"),
        Index("ix_submission_campaign_year_unit", "campaign_code", "year", "unit_code"),
    )

    id: int | None = Field(default=None, primary_key=True)
    campaign_code: str = Field(max_length=64)
    year: int
    folder_unit_code: str = Field(max_length=64, description="The unit folder it was found in.")
    unit_code: str | None = Field(
        default=None, max_length=64, description="The unit, in the campaign's registry."
    )
    bucket: str = Field(max_length=255)
    object_key: str = Field(max_length=1024)
    version_id: str | None = Field(default=None, max_length=255)
    version_key: str = Field(max_length=400, description="version_id, or etag:sha256 without.")
    etag: str = Field(max_length=255)
    sha256: str = Field(max_length=64, index=True)
    size: int
    archive_key: str | None = Field(default=None, max_length=1024)
    uploaded_at: datetime = Field(sa_column=utc_column())
    first_seen_at: datetime = timestamp_field()
    template_version: str | None = Field(default=None, max_length=32)
    status: str = Field(default=SubmissionStatus.RECEIVED.value, max_length=16, index=True)
    is_late: bool = False
    is_counted: bool = Field(default=False, description="The version that counts for the unit.")
    attachments_sha256: str | None = Field(
        default=None, max_length=64, description="The dinh-kem/ listing it was checked against."
    )
    file_name: str = Field(default="", max_length=255)
    receipt_problem: str | None = Field(
        default=None, max_length=500, description="Why the attached receipt was refused."
    )
    error_count: int = 0
    warning_count: int = 0


class IndicatorValue(SQLModel, table=True):
    """One indicator row of a submission, as read after normalisation."""

    __tablename__ = "indicator_value"
    __table_args__ = (UniqueConstraint("submission_id", "indicator_code"),)

    id: int | None = Field(default=None, primary_key=True)
    submission_id: int = Field(foreign_key="submission.id", ondelete="CASCADE")
    indicator_code: str = Field(max_length=64, index=True)
    total: float | None = None
    achieved: float | None = None
    note: str | None = Field(default=None, max_length=2000)
    row: int | None = None


class Finding(SQLModel, table=True):
    """A problem found in an upload, for the unit to fix: where, how bad, and why in Vietnamese."""

    id: int | None = Field(default=None, primary_key=True)
    submission_id: int | None = Field(
        default=None, foreign_key="submission.id", index=True, ondelete="CASCADE"
    )
    campaign_code: str = Field(max_length=64)
    year: int
    unit_code: str = Field(max_length=64, description="The folder's unit code, as uploaded.")
    object_key: str = Field(max_length=1024)
    severity: str = Field(max_length=8, description="error or warning")
    code: str = Field(max_length=64, index=True)
    message: str = Field(max_length=2000)
    sheet: str | None = Field(default=None, max_length=100)
    row: int | None = None
    column: str | None = Field(default=None, max_length=100)
