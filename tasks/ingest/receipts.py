"""Signed receipts: an upload's original receipt time, trusted only when its HMAC verifies.

A portal that receives a unit's file, or a migration of past years from an earlier system,
stores the time it received the file in the object's metadata, signed with the receipt key over
the object key, that time and the content's SHA-256. Without a valid receipt the time the S3
server stored the object is the upload time: a unit cannot backdate its own upload.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime, timedelta

from pydantic import SecretStr

RECEIVED_AT = "thidua-received-at"
SIGNATURE = "thidua-receipt"
# A receipt may precede the S3 write (the portal forwards the file), never follow it.
CLOCK_SKEW = timedelta(minutes=5)


def sign(key: SecretStr, *, object_key: str, received_at: datetime, sha256: str) -> str:
    """Return the receipt signature of content sha256 received at received_at under object_key."""
    message = f"{object_key}\n{received_at.isoformat()}\n{sha256}".encode()
    return hmac.new(key.get_secret_value().encode(), message, hashlib.sha256).hexdigest()


def receipt_metadata(
    key: SecretStr, *, object_key: str, received_at: datetime, sha256: str
) -> dict[str, str]:
    """Return the object metadata that carries a signed receipt."""
    if received_at.tzinfo is None:
        raise ValueError("received_at must be timezone-aware")
    return {
        RECEIVED_AT: received_at.isoformat(),
        SIGNATURE: sign(key, object_key=object_key, received_at=received_at, sha256=sha256),
    }


def received_at(
    metadata: dict[str, str],
    *,
    key: SecretStr | None,
    object_key: str,
    sha256: str,
    stored_at: datetime,
) -> tuple[datetime, str | None]:
    """Return when the upload was received, and why a receipt present was not trusted."""
    stamp, signature = metadata.get(RECEIVED_AT), metadata.get(SIGNATURE)
    if stamp is None and signature is None:
        return stored_at, None
    try:
        claimed = datetime.fromisoformat(stamp or "")
    except ValueError:
        return stored_at, f"thời điểm nhận «{stamp}» không đọc được"
    if claimed.tzinfo is None:
        return stored_at, f"thời điểm nhận «{stamp}» thiếu múi giờ"
    if key is None or not key.get_secret_value():
        return stored_at, "hệ thống không cấu hình khóa xác thực biên nhận"
    expected = sign(key, object_key=object_key, received_at=claimed, sha256=sha256)
    if not hmac.compare_digest(expected, signature or ""):
        return stored_at, "chữ ký biên nhận không khớp với tệp"
    if claimed > stored_at + CLOCK_SKEW:
        return stored_at, "thời điểm nhận ghi sau thời điểm lưu tệp"
    return claimed, None
