"""Object storage on the minio SDK: buckets, objects, versions, streaming, hashing, retries."""

from __future__ import annotations

import hashlib
import io
import logging
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import TypeVar

import urllib3
from minio import Minio
from minio.commonconfig import CopySource
from minio.versioningconfig import ENABLED, VersioningConfig

from models.settings import Settings, get_settings
from tasks.storage_errors import (
    BucketNotFoundError,
    ObjectExistsError,
    ObjectNotFoundError,
    StorageAuthError,
    StorageError,
    StorageUnavailableError,
    is_transient,
    translate,
)
from tasks.storage_objects import HashingReader, ObjectInfo, StoredObject, info_of

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

T = TypeVar("T")

CHUNK_SIZE = 1024 * 1024
USER_METADATA = "x-amz-meta-"
PART_SIZE = 8 * 1024 * 1024
PARALLEL_PARTS = 2
WRITE_ONCE_LIMIT = 64 * 1024 * 1024


class ObjectStore:
    """A thin, retrying wrapper around a Minio client, with clear errors."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or get_settings()
        timeout = urllib3.Timeout(
            connect=self.settings.s3_timeout_seconds, read=self.settings.s3_timeout_seconds
        )
        # urllib3 must not retry on its own: the backoff below decides what is transient.
        http = urllib3.PoolManager(
            timeout=timeout,
            retries=urllib3.Retry(total=0, redirect=0, raise_on_status=False),
            maxsize=16,
        )
        self.client = Minio(
            self.settings.s3_endpoint,
            access_key=self.settings.s3_access_key,
            secret_key=self.settings.s3_secret_key.get_secret_value(),
            secure=self.settings.s3_secure,
            region=self.settings.s3_region,
            http_client=http,
        )

    # --- error handling -------------------------------------------------------------------

    def _translate(self, error: BaseException, bucket: str | None, key: str | None) -> StorageError:
        where = f"{bucket}/{key}" if key else (bucket or "")
        s = self.settings
        return translate(
            error,
            where=where,
            endpoint=s.s3_endpoint,
            access_key=s.s3_access_key,
            attempts=s.s3_max_attempts,
            bucket=bucket,
        )

    def _call(self, operation: Callable[[], T], bucket: str | None, key: str | None = None) -> T:
        """Run operation, retrying transient failures with exponential backoff."""
        delay = self.settings.s3_backoff_seconds
        attempts = self.settings.s3_max_attempts
        for attempt in range(1, attempts + 1):
            try:
                return operation()
            except Exception as error:
                if not is_transient(error):
                    raise self._translate(error, bucket, key) from error
                if attempt == attempts:
                    raise self._translate(error, bucket, key) from error
                log.warning("S3 transient failure (%s), attempt %d/%d", error, attempt, attempts)
                time.sleep(delay)
                delay *= 2
        raise AssertionError("unreachable")

    # --- buckets ----------------------------------------------------------------------------

    def bucket_exists(self, bucket: str) -> bool:
        """Return whether bucket exists."""
        return self._call(lambda: self.client.bucket_exists(bucket), bucket)

    def ensure_bucket(self, bucket: str, *, versioning: bool = True) -> bool:
        """Create bucket if missing and turn versioning on; return whether versioning is on."""
        if not self.bucket_exists(bucket):
            try:
                self._call(lambda: self.client.make_bucket(bucket), bucket)
            except StorageError:
                if not self.bucket_exists(bucket):  # created meanwhile by another process
                    raise
        if not versioning:
            return False
        try:
            self._call(
                lambda: self.client.set_bucket_versioning(bucket, VersioningConfig(ENABLED)), bucket
            )
        except StorageAuthError:
            raise
        except StorageError as error:
            log.warning("Versioning not available on bucket %s: %s", bucket, error)
            return False
        return True

    def ensure_buckets(self, buckets: Iterable[str] | None = None) -> dict[str, bool]:
        """Ensure the inbox, archive and output buckets (or those given); map name to versioning."""
        names = (
            list(buckets)
            if buckets is not None
            else [
                self.settings.inbox_bucket,
                self.settings.archive_bucket,
                self.settings.output_bucket,
            ]
        )
        return {name: self.ensure_bucket(name) for name in names}

    def _require_bucket(self, bucket: str) -> None:
        if not self.bucket_exists(bucket):
            raise BucketNotFoundError(
                f"Không có bucket '{bucket}' trên máy chủ lưu trữ {self.settings.s3_endpoint}."
            )

    # --- writing ----------------------------------------------------------------------------

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

    # --- reading ----------------------------------------------------------------------------

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
                for item in self.client.list_objects(
                    bucket, prefix=prefix, recursive=True, include_version=True
                ):
                    marker = (item.object_name or "", item.version_id)
                    if marker in seen:
                        continue
                    seen.add(marker)
                    yield info_of(bucket, item)
                return
            except Exception as error:
                if not is_transient(error) or attempt == self.settings.s3_max_attempts:
                    raise self._translate(error, bucket, prefix) from error
                time.sleep(delay)
                delay *= 2
