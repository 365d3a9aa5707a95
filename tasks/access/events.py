"""Inbox uploads as Prefect events: the S3 server's notifications read, the shared event emitted."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote_plus

EVENT = "thidua.inbox.object-created"
VERSION_FILE = re.compile(r"^(?P<key>.+)\.versions/v_[^/]+$")


@dataclass(frozen=True)
class InboxUpload:
    """One object put in a unit's inbox folder: {campaign}/{year}/{unit}/..."""

    campaign: str
    year: int
    unit: str
    key: str

    def resource(self) -> dict[str, str]:
        """Return the event's resource, as the shared contract spells it."""
        return {
            "prefect.resource.id": f"thidua.inbox.{self.campaign}.{self.year}",
            "thidua.campaign": self.campaign,
            "thidua.year": str(self.year),
            "thidua.unit": self.unit,
            "thidua.key": self.key,
        }


def upload_of(key: str) -> InboxUpload | None:
    """Return the upload an inbox key stands for, or None outside a unit's folder."""
    parts = key.split("/")
    if len(parts) < 4 or not parts[1].isdigit() or not all(parts[:3]) or not parts[-1]:
        return None
    if any(part.startswith(".") for part in parts):
        return None
    return InboxUpload(parts[0], int(parts[1]), parts[2], key)


def from_seaweedfs(payload: dict[str, Any], *, bucket: str) -> InboxUpload | None:
    """Read one SeaweedFS filer webhook message: a new file (or version) in the inbox bucket."""
    message = payload.get("message") or payload.get("message_data") or {}
    entry = message.get("new_entry") or {}
    if payload.get("event_type") != "create" or not entry or entry.get("is_directory"):
        return None
    root = f"/buckets/{bucket}/"
    path = str(payload.get("key", ""))
    if not path.startswith(root):
        return None
    key = path.removeprefix(root)
    versioned = VERSION_FILE.match(key)
    return upload_of(versioned["key"] if versioned else key)


def from_minio(payload: dict[str, Any], *, bucket: str) -> Iterator[InboxUpload]:
    """Read one MinIO bucket notification: every object created in the inbox bucket."""
    records: Iterable[dict[str, Any]] = payload.get("Records") or []
    for record in records:
        if not str(record.get("eventName", "")).startswith("s3:ObjectCreated:"):
            continue
        s3 = record.get("s3") or {}
        if (s3.get("bucket") or {}).get("name") != bucket:
            continue
        upload = upload_of(unquote_plus(str((s3.get("object") or {}).get("key", ""))))
        if upload is not None:
            yield upload


def emit(upload: InboxUpload) -> None:
    """Emit the shared event that starts collect-reports for the upload's campaign and year."""
    from prefect.events import emit_event

    emit_event(event=EVENT, resource=upload.resource())
