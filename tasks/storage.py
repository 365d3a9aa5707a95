"""Object storage on the minio SDK: buckets, objects, versions, streaming, hashing, retries.

The connection and buckets are in storage_connection, the reads in storage_reads; here are the
writes, and ObjectStore, the one class callers use.
"""

from __future__ import annotations

import hashlib
import io
import logging
from pathlib import Path

from minio.commonconfig import CopySource

from tasks.storage_connection import PARALLEL_PARTS, PART_SIZE, USER_METADATA, WRITE_ONCE_LIMIT
from tasks.storage_errors import (
    BucketNotFoundError,
    ObjectExistsError,
    ObjectNotFoundError,
    StorageAuthError,
    StorageError,
    StorageUnavailableError,
)
from tasks.storage_objects import HashingReader, ObjectInfo, StoredObject
from tasks.storage_reads import ObjectReads

__all__ = [
    "BucketNotFoundError",
    "ObjectExistsError",
    "ObjectInfo",
    "ObjectNotFoundError",
    "ObjectStore",
    "StorageAuthError",
    "StorageError",
    "StorageUnavailableError",
    "StoredObject",
]

log = logging.getLogger(__name__)


class ObjectStore(ObjectReads):
    """A thin, retrying wrapper around a Minio client, with clear errors."""

    def put_bytes(
        self,
        bucket: str,
        key: str,
        data: bytes,
        *,
        content_type: str = "application/octet-stream",
        metadata: dict[str, str] | None = None,
        if_absent: bool = False,
    ) -> StoredObject:
        """Store data at bucket/key; with if_absent, only where no object is yet."""
        digest = hashlib.sha256(data).hexdigest()
        if if_absent:
            return self._put_new(bucket, key, data, content_type, metadata or {}, digest)
        result = self._call(
            lambda: self.client.put_object(
                bucket,
                key,
                io.BytesIO(data),
                len(data),
                content_type=content_type,
                metadata=metadata,  # type: ignore[arg-type]
            ),
            bucket,
            key,
        )
        return StoredObject(
            bucket, key, (result.etag or "").strip('"'), result.version_id, digest, len(data)
        )

    def _put_new(
        self,
        bucket: str,
        key: str,
        data: bytes,
        content_type: str,
        metadata: dict[str, str],
        digest: str,
    ) -> StoredObject:
        """Put data with If-None-Match: *, so the server itself refuses to overwrite a key."""
        headers: dict[str, str | list[str] | tuple[str]] = {
            USER_METADATA + name: value for name, value in metadata.items()
        }
        headers.update({"Content-Type": content_type, "If-None-Match": "*"})
        # The SDK's put_object takes no conditional headers: its own PutObject call does.
        result = self._call(
            lambda: self.client._put_object(bucket, key, data, headers=headers),  # noqa: SLF001
            bucket,
            key,
        )
        return StoredObject(bucket, key, result.etag or "", result.version_id, digest, len(data))

    def put_file(
        self,
        bucket: str,
        key: str,
        path: Path,
        *,
        content_type: str = "application/octet-stream",
        metadata: dict[str, str] | None = None,
        if_absent: bool = False,
    ) -> StoredObject:
        """Stream the file at path to bucket/key in parts, hashing it on the way.

        With if_absent, write only where nothing is: files up to WRITE_ONCE_LIMIT in one
        conditional put the server refuses to overwrite, larger ones after checking.
        """
        size = path.stat().st_size
        if if_absent and size <= WRITE_ONCE_LIMIT:
            data = path.read_bytes()
            digest = hashlib.sha256(data).hexdigest()
            return self._put_new(bucket, key, data, content_type, metadata or {}, digest)
        if if_absent and self.exists(bucket, key):
            raise ObjectExistsError(f"Đối tượng '{bucket}/{key}' đã có, không ghi đè.")

        def upload() -> StoredObject:
            with path.open("rb") as handle:
                hashing = HashingReader(handle)
                result = self.client.put_object(
                    bucket,
                    key,
                    hashing,  # type: ignore[arg-type]
                    size,
                    content_type=content_type,
                    part_size=PART_SIZE,
                    num_parallel_uploads=PARALLEL_PARTS,
                    metadata=metadata,  # type: ignore[arg-type]
                )
                return StoredObject(
                    bucket,
                    key,
                    (result.etag or "").strip('"'),
                    result.version_id,
                    hashing.hexdigest(),
                    size,
                )

        return self._call(upload, bucket, key)

    def copy(
        self,
        source_bucket: str,
        source_key: str,
        bucket: str,
        key: str,
        *,
        version_id: str | None = None,
    ) -> str | None:
        """Copy one object version server-side; return the new version id."""
        result = self._call(
            lambda: self.client.copy_object(
                bucket, key, CopySource(source_bucket, source_key, version_id=version_id)
            ),
            bucket,
            key,
        )
        return result.version_id

    def remove(self, bucket: str, key: str) -> None:
        """Remove bucket/key (a delete marker where versioning keeps the older versions)."""
        self._call(lambda: self.client.remove_object(bucket, key), bucket, key)
