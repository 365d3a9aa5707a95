"""The object store's connection: the minio client, retries with clear errors, buckets."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from typing import TypeVar

import urllib3
from minio import Minio
from minio.versioningconfig import ENABLED, VersioningConfig

from models.settings import Settings, get_settings
from tasks.storage_errors import (
    BucketNotFoundError,
    StorageAuthError,
    StorageError,
    is_transient,
    translate,
)

log = logging.getLogger(__name__)

T = TypeVar("T")

CHUNK_SIZE = 1024 * 1024
USER_METADATA = "x-amz-meta-"
PART_SIZE = 8 * 1024 * 1024
PARALLEL_PARTS = 2
WRITE_ONCE_LIMIT = 64 * 1024 * 1024


class StoreConnection:
    """A retrying Minio client with clear errors, and the buckets it works in."""

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
