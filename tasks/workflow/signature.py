"""The portal's signature of a decision: HMAC-SHA256 over run id, payload, account and role."""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

SIGNATURE_FIELDS = ("portal_account", "portal_role", "portal_signature")


def _message(run_id: str, payload: dict[str, Any], account: str, role: str) -> bytes:
    body = {k: v for k, v in payload.items() if k not in SIGNATURE_FIELDS}
    return json.dumps(
        {"run": str(run_id), "account": account, "role": role, "payload": body},
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
        default=str,
    ).encode("utf-8")


def sign_decision(
    key: str, run_id: str, payload: dict[str, Any], *, account: str, role: str
) -> dict[str, Any]:
    """Return payload with the account, the role and their signature for run_id."""
    digest = hmac.new(key.encode(), _message(run_id, payload, account, role), hashlib.sha256)
    return {
        **{k: v for k, v in payload.items() if k not in SIGNATURE_FIELDS},
        "portal_account": account,
        "portal_role": role,
        "portal_signature": digest.hexdigest(),
    }


def signer_of(key: str, run_id: str, payload: dict[str, Any]) -> tuple[str, str] | None:
    """Return (account, role) when payload carries a valid signature for run_id, else None."""
    account = payload.get("portal_account")
    role = payload.get("portal_role")
    given = payload.get("portal_signature")
    if not (isinstance(account, str) and isinstance(role, str) and isinstance(given, str)):
        return None
    expected = hmac.new(key.encode(), _message(run_id, payload, account, role), hashlib.sha256)
    return (account, role) if hmac.compare_digest(expected.hexdigest(), given) else None


def unsigned(payload: dict[str, Any]) -> dict[str, Any]:
    """Return payload without the signature fields."""
    return {k: v for k, v in payload.items() if k not in SIGNATURE_FIELDS}
