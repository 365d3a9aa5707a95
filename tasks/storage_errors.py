"""Object storage's errors: what the operator reads, and which failures are worth retrying."""

from __future__ import annotations

from minio.error import InvalidResponseError, S3Error, ServerError
from urllib3.exceptions import HTTPError as Urllib3HTTPError

AUTH_CODES = frozenset(
    {"AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch", "AuthorizationHeaderMalformed"}
)
TRANSIENT_CODES = frozenset(
    {"InternalError", "ServiceUnavailable", "SlowDown", "RequestTimeout", "RequestTimeTooSkewed"}
)
TRANSIENT_HTTP_STATUS = frozenset({500, 502, 503, 504})


class StorageError(Exception):
    """A failure of object storage, with a Vietnamese message for the operator."""


class StorageAuthError(StorageError):
    """The server refused the credentials."""


class StorageUnavailableError(StorageError):
    """The server could not be reached, even after retries."""


class BucketNotFoundError(StorageError):
    """The bucket does not exist."""


class ObjectNotFoundError(StorageError):
    """The object (or the version) does not exist."""


class ObjectExistsError(StorageError):
    """A write-once put found the key taken: the server refused to overwrite it."""


def is_transient(error: BaseException) -> bool:
    """Return whether error is a passing failure (throttling, a dropped connection)."""
    if isinstance(error, S3Error):
        return error.code in TRANSIENT_CODES
    if isinstance(error, ServerError):
        return error.status_code in TRANSIENT_HTTP_STATUS
    if isinstance(error, InvalidResponseError):
        return True
    return isinstance(error, Urllib3HTTPError | ConnectionError | TimeoutError)


def translate(
    error: BaseException,
    *,
    where: str,
    endpoint: str,
    access_key: str,
    attempts: int,
    bucket: str | None,
) -> StorageError:
    """Return the StorageError that tells the operator what went wrong with where."""
    if isinstance(error, S3Error):
        if error.code in AUTH_CODES:
            return StorageAuthError(
                f"Máy chủ lưu trữ {endpoint} từ chối khóa truy cập '{access_key}' ({error.code}): "
                "kiểm tra THIDUA_S3_ACCESS_KEY và THIDUA_S3_SECRET_KEY."
            )
        if error.code == "NoSuchBucket":
            return BucketNotFoundError(
                f"Không có bucket '{bucket}' trên máy chủ lưu trữ {endpoint}."
            )
        if error.code == "PreconditionFailed":
            return ObjectExistsError(f"Đối tượng '{where}' đã có, không ghi đè ({error.code}).")
        if error.code in {"NoSuchKey", "NoSuchVersion", "NoSuchObject"}:
            return ObjectNotFoundError(f"Không tìm thấy đối tượng '{where}' ({error.code}).")
        return StorageError(f"Lỗi lưu trữ với '{where}': {error.code} - {error.message}")
    if isinstance(error, Urllib3HTTPError | ConnectionError | TimeoutError):
        return StorageUnavailableError(
            f"Không kết nối được máy chủ lưu trữ {endpoint} sau {attempts} lần thử: {error}"
        )
    return StorageError(f"Lỗi lưu trữ với '{where}': {error}")
