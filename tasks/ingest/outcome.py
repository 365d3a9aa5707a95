"""What a batch of ingest works with and gives back: its context, folders and outcomes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

from models.campaign import Campaign
from models.settings import Settings
from tasks.ingest.inbox import InboxObject
from tasks.storage import ObjectStore, StorageError


def is_system_failure(error: BaseException) -> bool:
    """Return whether an error is the system's (storage or database down), not the file's."""
    if isinstance(error, StorageError):
        return True
    if isinstance(error, OperationalError | PoolTimeoutError):
        return True
    return isinstance(error, DBAPIError) and error.connection_invalidated


@dataclass(frozen=True)
class FolderState:
    """What a unit's folder holds now: its workbooks and its dinh-kem/ listing."""

    workbooks: tuple[str, ...]
    attachments: tuple[str, ...] | None
    attachments_sha256: str | None


@dataclass(frozen=True)
class Outcome:
    """What happened to one upload version, for the run's table."""

    unit: str
    file_name: str
    key: str
    version: str
    uploaded_at: datetime
    status: str
    is_late: bool
    errors: int = 0
    warnings: int = 0
    feedback_key: str | None = None
    skipped: bool = False

    @classmethod
    def of(cls, item: InboxObject, **values: object) -> Outcome:
        """Return the outcome of one inbox version."""
        values.setdefault("uploaded_at", item.uploaded_at)
        values.setdefault("is_late", False)
        return cls(item.unit_folder, item.name, item.key, item.version_key, **values)  # type: ignore[arg-type]


@dataclass(frozen=True)
class IngestContext:
    """What every version of a batch is ingested with."""

    store: ObjectStore
    settings: Settings
    campaign: Campaign
    year: int
    database_url: str | None = None
