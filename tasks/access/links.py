"""Short-lived download links, issued when a person asks (the CLI, the portal), never stored."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from models.settings import Settings
from tasks.storage import ObjectStore


@dataclass(frozen=True)
class Link:
    """A presigned GET link and when it stops working."""

    bucket: str
    key: str
    url: str
    expires_at: datetime


def how_to_download(key: str) -> str:
    """Return the line an artifact shows instead of a bearer link: the key and how to get it."""
    return f"`{key}`"


def issue_link(
    settings: Settings, key: str, *, bucket: str | None = None, hours: int | None = None
) -> Link:
    """Return a link to an existing object that lasts hours (THIDUA_LINK_HOURS by default)."""
    lifetime = hours or settings.link_hours
    if not 1 <= lifetime <= 24:
        raise ValueError(f"Thời hạn đường dẫn phải từ 1 đến 24 giờ (đã cho {lifetime}).")
    where = bucket or settings.output_bucket
    store = ObjectStore(settings)
    store.stat(where, key)  # ObjectNotFoundError for a key that is not there
    url = store.presigned_url(where, key, hours=lifetime)
    expires = datetime.now(UTC).replace(microsecond=0) + timedelta(hours=lifetime)
    return Link(bucket=where, key=key, url=url, expires_at=expires)
