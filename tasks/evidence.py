"""Evidence that cannot change: a source's bytes kept once in the write-once archive."""

from __future__ import annotations

import contextlib
import hashlib

from tasks.ingest.archive import archive_key
from tasks.storage import ObjectExistsError, ObjectStore


def keep_in_archive(
    store: ObjectStore,
    data: bytes,
    *,
    source_key: str,
    source_version: str | None,
    bucket: str | None = None,
) -> str:
    """Store data in the archive under its SHA-256 unless already there; return its key."""
    key = archive_key(hashlib.sha256(data).hexdigest())
    bucket = bucket or store.settings.archive_bucket
    if not store.exists(bucket, key):
        with contextlib.suppress(ObjectExistsError):  # the same bytes, stored meanwhile
            store.put_bytes(
                bucket,
                key,
                data,
                metadata={
                    "source-key": source_key.encode("ascii", "backslashreplace").decode(),
                    "source-version": source_version or "",
                },
                if_absent=True,
            )
    return key
