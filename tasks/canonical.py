"""Canonical JSON: what every result hash, data hash and dossier fingerprint is taken over."""

from __future__ import annotations

import hashlib
import json


def canonical_json(value: object) -> str:
    """Return value as JSON with its keys sorted, compact, non-ASCII kept, others as str()."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def canonical_hash(value: object) -> str:
    """Return the SHA-256 of value's canonical JSON."""
    return hashlib.sha256(canonical_json(value).encode("utf-8")).hexdigest()
