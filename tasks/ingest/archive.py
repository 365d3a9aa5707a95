"""Copy an upload into the system's own archive, content-addressed by SHA-256, first of all."""

from __future__ import annotations

import contextlib
import hashlib
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tasks.ingest.inbox import InboxObject
from tasks.storage import ObjectExistsError, ObjectStore

READ_LIMIT = 20 * 1024 * 1024


@dataclass(frozen=True)
class ArchivedUpload:
    """An upload as archived: its hash, its archive key, and its bytes when small enough to read."""

    sha256: str
    size: int
    archive_key: str
    data: bytes | None


def archive_key(sha256: str) -> str:
    """Return the archive key of content with this SHA-256."""
    return f"sha256/{sha256[:2]}/{sha256}"


def archive_upload(
    store: ObjectStore, item: InboxObject, *, inbox: str, archive: str
) -> ArchivedUpload:
    """Stream one inbox version to a spool file, hash it, and store it once in the archive."""
    digest = hashlib.sha256()
    size = 0
    with tempfile.TemporaryDirectory(prefix="thidua-") as folder:
        spool = Path(folder) / "upload"
        with spool.open("wb") as handle:
            for chunk in store.iter_chunks(inbox, item.key, version_id=item.version_id):
                digest.update(chunk)
                size += len(chunk)
                handle.write(chunk)
        sha256 = digest.hexdigest()
        key = archive_key(sha256)
        if not store.exists(archive, key):
            # Write-once: the server refuses to overwrite; a copy stored meanwhile is the same.
            with contextlib.suppress(ObjectExistsError):
                store.put_file(
                    archive,
                    key,
                    spool,
                    metadata={
                        "source-key": item.key.encode("ascii", "backslashreplace").decode(),
                        "source-version": item.version_key,
                    },
                    if_absent=True,
                )
        data = spool.read_bytes() if size <= READ_LIMIT else None
    return ArchivedUpload(sha256=sha256, size=size, archive_key=key, data=data)
