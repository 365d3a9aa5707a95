"""Reading from the object store: metadata, bytes, streams, hashes, links and listings."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

from tasks.storage_connection import CHUNK_SIZE, USER_METADATA, StoreConnection
from tasks.storage_errors import (
    ObjectNotFoundError,
    StorageError,
    is_transient,
)
from tasks.storage_listing import list_versions_pages
from tasks.storage_objects import ObjectInfo, info_of


class ObjectReads(StoreConnection):
    """What the store reads: every call retried and its errors made clear."""

    def stat(self, bucket: str, key: str, *, version_id: str | None = None) -> ObjectInfo:
        """Return what the server knows of bucket/key (or one version of it)."""
        try:
            stat = self._call(
                lambda: self.client.stat_object(bucket, key, version_id=version_id), bucket, key
            )
        except ObjectNotFoundError:
            self._require_bucket(bucket)  # HEAD says NoSuchKey even when the bucket is missing
            raise
        return ObjectInfo(
            bucket=bucket,
            key=key,
            size=stat.size or 0,
            etag=stat.etag or "",
            last_modified=stat.last_modified,
            version_id=stat.version_id,
            content_type=stat.content_type,
            metadata={
                name.lower().removeprefix(USER_METADATA): value
                for name, value in (stat.metadata or {}).items()
                if name.lower().startswith(USER_METADATA)
            },
        )

    def exists(self, bucket: str, key: str) -> bool:
        """Return whether bucket/key exists."""
        try:
            self.stat(bucket, key)
        except ObjectNotFoundError:
            return False
        return True

    def iter_chunks(
        self, bucket: str, key: str, *, version_id: str | None = None, chunk_size: int = CHUNK_SIZE
    ) -> Iterator[bytes]:
        """Yield the object's bytes in chunks, never holding it whole in memory."""
        response = self._call(
            lambda: self.client.get_object(bucket, key, version_id=version_id), bucket, key
        )
        try:
            yield from response.stream(chunk_size)
        except Exception as error:
            raise self._translate(error, bucket, key) from error
        finally:
            response.close()
            response.release_conn()

    def get_with_metadata(
        self, bucket: str, key: str, *, version_id: str | None = None
    ) -> tuple[bytes, dict[str, str]]:
        """Return the object's bytes and its user metadata, in one GET."""

        def read() -> tuple[bytes, dict[str, str]]:
            response = self.client.get_object(bucket, key, version_id=version_id)
            try:
                data = response.read()
                headers = response.headers
            finally:
                response.close()
                response.release_conn()
            prefix = len(USER_METADATA)
            return data, {
                name.lower()[prefix:]: value
                for name, value in headers.items()
                if name.lower().startswith(USER_METADATA)
            }

        return self._call(read, bucket, key)

    def get_bytes(
        self, bucket: str, key: str, *, version_id: str | None = None, max_bytes: int | None = None
    ) -> bytes:
        """Return the object's bytes; refuse objects larger than max_bytes."""
        if max_bytes is not None:
            size = self.stat(bucket, key, version_id=version_id).size
            if size > max_bytes:
                raise StorageError(
                    f"Đối tượng '{bucket}/{key}' quá lớn ({size} byte, tối đa {max_bytes})."
                )
        return b"".join(self.iter_chunks(bucket, key, version_id=version_id))

    def download(
        self, bucket: str, key: str, path: Path, *, version_id: str | None = None
    ) -> tuple[str, int]:
        """Stream the object to path; return its SHA-256 and size."""
        digest = hashlib.sha256()
        size = 0
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".part")
        with partial.open("wb") as handle:
            for chunk in self.iter_chunks(bucket, key, version_id=version_id):
                digest.update(chunk)
                size += len(chunk)
                handle.write(chunk)
        partial.replace(path)
        return digest.hexdigest(), size

    def sha256(self, bucket: str, key: str, *, version_id: str | None = None) -> tuple[str, int]:
        """Return the SHA-256 and size of what is read from the object, streamed."""
        digest = hashlib.sha256()
        size = 0
        for chunk in self.iter_chunks(bucket, key, version_id=version_id):
            digest.update(chunk)
            size += len(chunk)
        return digest.hexdigest(), size

    def presigned_url(self, bucket: str, key: str, *, hours: int | None = None) -> str:
        """Return a GET link to bucket/key that lasts hours (THIDUA_LINK_HOURS by default)."""
        lifetime = timedelta(hours=hours or self.settings.link_hours)
        return self._call(
            lambda: self.client.presigned_get_object(bucket, key, expires=lifetime),
            bucket,
            key,
        )

    # --- listing ----------------------------------------------------------------------------

    def list(
        self, bucket: str, prefix: str = "", *, recursive: bool = True
    ) -> Iterator[ObjectInfo]:
        """Yield the latest version of every object under prefix, page after page."""
        last_key: str | None = None
        delay = self.settings.s3_backoff_seconds
        for attempt in range(1, self.settings.s3_max_attempts + 1):
            try:
                for item in self.client.list_objects(
                    bucket, prefix=prefix, recursive=recursive, start_after=last_key
                ):
                    yield info_of(bucket, item)
                    last_key = item.object_name
                return
            except Exception as error:
                if not is_transient(error) or attempt == self.settings.s3_max_attempts:
                    raise self._translate(error, bucket, prefix) from error
                time.sleep(delay)
                delay *= 2  # resume after the last key yielded, so nothing is yielded twice

    def list_versions(self, bucket: str, prefix: str = "") -> Iterator[ObjectInfo]:
        """Yield every version (and delete marker) of every object under prefix."""
        seen: set[tuple[str, str | None]] = set()
        delay = self.settings.s3_backoff_seconds
        for attempt in range(1, self.settings.s3_max_attempts + 1):
            try:
                for info in list_versions_pages(self.client, bucket, prefix):
                    marker = (info.key, info.version_id)
                    if marker in seen:
                        continue
                    seen.add(marker)
                    yield info
                return
            except Exception as error:
                if not is_transient(error) or attempt == self.settings.s3_max_attempts:
                    raise self._translate(error, bucket, prefix) from error
                time.sleep(delay)
                delay *= 2
