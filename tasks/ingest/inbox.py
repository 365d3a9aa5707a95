"""The inbox layout {campaign}/{year}/{unit}/…: what each listed object version is."""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass
from datetime import datetime

from models.report_format import ATTACHMENTS_FOLDER
from tasks.storage import ObjectInfo, ObjectStore

NO_BREAK_SPACES = "\u00a0\u2007\u202f\ufeff"


@dataclass(frozen=True)
class InboxObject:
    """One object version of the inbox, placed in the layout.

    unit_folder is the folder's name as a unit code (trimmed, upper case); folder_name is the
    folder as uploaded; subfolder is set for a file one folder deeper than a report may be.
    """

    key: str
    version_id: str | None
    etag: str
    size: int
    uploaded_at: datetime
    unit_folder: str
    is_attachment: bool
    name: str
    is_latest: bool = True
    folder_name: str = ""
    subfolder: str = ""

    @property
    def version_key(self) -> str:
        """Return what identifies this version: the version id, else the ETag."""
        return (
            self.version_id
            if self.version_id and self.version_id != "null"
            else (f"etag:{self.etag}")
        )

    @property
    def folder_is_exact(self) -> bool:
        """Return whether the folder is written exactly as the unit's code."""
        return self.folder_name == self.unit_folder


@dataclass(frozen=True)
class InboxListing:
    """A year's inbox: placed versions, delete markers, and objects outside the layout."""

    objects: list[InboxObject]
    deletions: list[ObjectInfo]
    misplaced: list[ObjectInfo]


def unit_code_of(folder: str) -> str:
    """Return the unit code a folder name stands for: NFC, trimmed, upper case."""
    text = unicodedata.normalize("NFC", folder)
    for space in NO_BREAK_SPACES:
        text = text.replace(space, " ")
    return text.strip().upper()


def split_key(key: str, campaign: str, year: int) -> tuple[str, str]:
    """Return a report key's unit folder as written and its subfolder ('' when in place)."""
    parts = key[len(f"{campaign}/{year}/") :].split("/")
    is_attachment = len(parts) > 2 and parts[1].lower() == ATTACHMENTS_FOLDER
    subfolder = "/".join(parts[1:-1]) if len(parts) > 2 and not is_attachment else ""
    return parts[0], subfolder


def place(info: ObjectInfo, *, campaign: str, year: int) -> InboxObject | None:
    """Return the version placed in the layout, or None when no unit folder holds it."""
    prefix = f"{campaign}/{year}/"
    if info.is_delete_marker or not info.key.startswith(prefix) or info.key.endswith("/"):
        return None
    parts = info.key[len(prefix) :].split("/")
    if len(parts) < 2 or not unit_code_of(parts[0]) or info.last_modified is None:
        return None
    is_attachment = len(parts) > 2 and parts[1].lower() == ATTACHMENTS_FOLDER
    _, subfolder = split_key(info.key, campaign, year)
    name = "/".join(parts[2:]) if is_attachment else parts[-1]
    return InboxObject(
        key=info.key,
        version_id=info.version_id,
        etag=info.etag,
        size=info.size,
        uploaded_at=info.last_modified,
        unit_folder=unit_code_of(parts[0]),
        is_attachment=is_attachment,
        name=name,
        is_latest=info.is_latest,
        folder_name=parts[0],
        subfolder=subfolder,
    )


def read_inbox(store: ObjectStore, *, bucket: str, campaign: str, year: int) -> InboxListing:
    """Return every version of the year's inbox, sorted into the layout, oldest first."""
    objects, deletions, misplaced = [], [], []
    for info in store.list_versions(bucket, f"{campaign}/{year}/"):
        if info.key.endswith("/"):
            continue
        if info.is_delete_marker:
            deletions.append(info)
        elif (item := place(info, campaign=campaign, year=year)) is not None:
            objects.append(item)
        else:
            misplaced.append(info)
    objects.sort(key=lambda item: (item.uploaded_at, item.key, item.version_key))
    return InboxListing(objects=objects, deletions=deletions, misplaced=misplaced)


def list_inbox(store: ObjectStore, *, bucket: str, campaign: str, year: int) -> list[InboxObject]:
    """Return every version of every upload of the year, oldest first."""
    return read_inbox(store, bucket=bucket, campaign=campaign, year=year).objects


def attachment_listing(objects: list[InboxObject]) -> dict[str, tuple[list[str], str]]:
    """Map each unit folder to its current dinh-kem/ file names and a digest of that listing."""
    current = sorted(
        (
            item
            for item in objects
            if item.is_attachment and item.is_latest and item.folder_is_exact
        ),
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
