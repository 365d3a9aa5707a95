"""What object storage returns: object versions, writes, and a stream that hashes as it reads."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from datetime import datetime
from typing import BinaryIO


@dataclass(frozen=True)
class ObjectInfo:
    """What a listing or a stat says about one object version."""

    bucket: str
    key: str
    size: int
    etag: str
    last_modified: datetime | None
    version_id: str | None = None
    is_latest: bool = True
    is_delete_marker: bool = False
    content_type: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class StoredObject:
    """The result of a write: where it went and what it was."""

    bucket: str
    key: str
    etag: str
    version_id: str | None
    sha256: str
    size: int


def info_of(bucket: str, item: object) -> ObjectInfo:
    """Return what a listing entry of the SDK says, as an ObjectInfo."""
    return ObjectInfo(
        bucket=bucket,
        key=getattr(item, "object_name", "") or "",
        size=getattr(item, "size", 0) or 0,
        etag=(getattr(item, "etag", "") or "").strip('"'),
        last_modified=getattr(item, "last_modified", None),
        version_id=getattr(item, "version_id", None),
        is_latest=str(getattr(item, "is_latest", "true")).lower() == "true",
        is_delete_marker=bool(getattr(item, "is_delete_marker", False)),
    )


class HashingReader(io.RawIOBase):
    """A read-only stream that hashes what passes through it."""

    def __init__(self, source: BinaryIO) -> None:
        self._source = source
        self._digest = hashlib.sha256()

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        data = self._source.read(size)
        self._digest.update(data)
        return data

    def hexdigest(self) -> str:
        return self._digest.hexdigest()
