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
    metadata: dict[str, str] | None = None  # the inbox version's user metadata, when read


def archive_key(sha256: str) -> str:
    """Return the archive key of content with this SHA-256."""
    return f"sha256/{sha256[:2]}/{sha256}"


def archive_upload(
    store: ObjectStore, item: InboxObject, *, inbox: str, archive: str
) -> ArchivedUpload:
    """Read one inbox version, hash it, and store it once in the archive: a GET and a PUT.

    The GET also brings the version's metadata (its receipt). A version larger than READ_LIMIT
    (as listed) is streamed through a spool file instead and its metadata asked for apart.
    """
    if item.size > READ_LIMIT:
        return _archive_large(store, item, inbox=inbox, archive=archive)
    data, metadata = store.get_with_metadata(inbox, item.key, version_id=item.version_id)
    if len(data) > READ_LIMIT:  # replaced under the same version? never; but never read it whole
        return _archive_large(store, item, inbox=inbox, archive=archive)
    sha256 = hashlib.sha256(data).hexdigest()
    key = archive_key(sha256)
    # Write-once: the server refuses to overwrite; a copy stored before is the same bytes.
    with contextlib.suppress(ObjectExistsError):
        store.put_bytes(archive, key, data, metadata=_source(item), if_absent=True)
    return ArchivedUpload(
        sha256=sha256, size=len(data), archive_key=key, data=data, metadata=metadata
    )


def _source(item: InboxObject) -> dict[str, str]:
    return {
        "source-key": item.key.encode("ascii", "backslashreplace").decode(),
        "source-version": item.version_key,
    }


def _archive_large(
    store: ObjectStore, item: InboxObject, *, inbox: str, archive: str
) -> ArchivedUpload:
    """Stream a large version to a spool file, hash it, and store it once in the archive."""
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
                store.put_file(archive, key, spool, metadata=_source(item), if_absent=True)
        data = spool.read_bytes() if size <= READ_LIMIT else None
    metadata = store.stat(inbox, item.key, version_id=item.version_id).metadata
    return ArchivedUpload(sha256=sha256, size=size, archive_key=key, data=data, metadata=metadata)
