"""The inbox layout {campaign}/{year}/{unit}/…: what each uploaded object is."""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass
from datetime import datetime

from models.report_format import ATTACHMENTS_FOLDER
from tasks.storage import ObjectInfo, ObjectStore


@dataclass(frozen=True)
class InboxObject:
    """One object version of the inbox, placed in the layout."""

    key: str
    version_id: str | None
    etag: str
    size: int
    uploaded_at: datetime
    unit_folder: str
    is_attachment: bool
    name: str
    is_latest: bool = True

    @property
    def version_key(self) -> str:
        """Return what identifies this version: the version id, else the ETag."""
        return (
            self.version_id
            if self.version_id and self.version_id != "null"
            else (f"etag:{self.etag}")
        )


def place(info: ObjectInfo, *, campaign: str, year: int) -> InboxObject | None:
    """Return the object placed in the layout, or None for what is not an upload of a unit."""
    prefix = f"{campaign}/{year}/"
    if info.is_delete_marker or not info.key.startswith(prefix) or info.key.endswith("/"):
        return None
    parts = info.key[len(prefix) :].split("/")
    if len(parts) < 2 or not parts[0]:
        return None
    unit = unicodedata.normalize("NFC", parts[0]).strip().upper()
    is_attachment = len(parts) > 2 and parts[1].lower() == ATTACHMENTS_FOLDER
    if len(parts) > 2 and not is_attachment:
        return None
    name = "/".join(parts[2:]) if is_attachment else parts[1]
    if info.last_modified is None:
        return None
    return InboxObject(
        key=info.key,
        version_id=info.version_id,
        etag=info.etag,
        size=info.size,
        uploaded_at=info.last_modified,
        unit_folder=unit,
        is_attachment=is_attachment,
        name=name,
        is_latest=info.is_latest,
    )


def list_inbox(store: ObjectStore, *, bucket: str, campaign: str, year: int) -> list[InboxObject]:
    """Return every version of every upload of the year, oldest first."""
    placed = (
        place(info, campaign=campaign, year=year)
        for info in store.list_versions(bucket, f"{campaign}/{year}/")
    )
    return sorted(
        (item for item in placed if item is not None),
        key=lambda item: (item.uploaded_at, item.key, item.version_key),
    )


def attachment_listing(objects: list[InboxObject]) -> dict[str, tuple[list[str], str]]:
    """Map each unit folder to its current dinh-kem/ file names and a digest of that listing."""
    current = sorted(
        (item for item in objects if item.is_attachment and item.is_latest),
        key=lambda item: item.key,
    )  # a deleted file's latest entry is a marker
    by_unit: dict[str, list[InboxObject]] = {}
    for item in current:
        by_unit.setdefault(item.unit_folder, []).append(item)
    listing = {}
    for unit, items in by_unit.items():
        names = sorted(item.name for item in items)
        digest = hashlib.sha256(
            "\n".join(f"{item.key}\t{item.etag}" for item in items).encode()
        ).hexdigest()
        listing[unit] = (names, digest)
    return listing
