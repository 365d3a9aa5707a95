"""Per-unit access keys: made once per (registry, unit), kept in a private file, handed once."""

from __future__ import annotations

import json
import os
import re
import secrets
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

UNIT_CODE = re.compile(r"^[A-Z0-9][A-Z0-9-]{0,62}$")
REGISTRY_CODE = re.compile(r"^[a-z0-9][a-z0-9-]{0,40}$")
# Rows written before registries were told apart carry no registry: they were all Bắc Kạn's
# units (the only registry shipped then), so they are read as `bac-kan`.
LEGACY_REGISTRY = "bac-kan"

KeyId = tuple[str, str]  # (registry, unit)


class UnitKeyError(ValueError):
    """A unit code or registry that cannot name a key or a policy (a Vietnamese message)."""


@dataclass(frozen=True)
class UnitKey:
    """The S3 credentials of one unit of one registry, good in the campaigns reading it."""

    unit: str
    access_key: str
    secret_key: str
    registry: str = LEGACY_REGISTRY
    campaigns: tuple[str, ...] = field(default=())

    @property
    def id(self) -> KeyId:
        """Return the (registry, unit) this key belongs to."""
        return (self.registry, self.unit)


def unit_code(unit: str) -> str:
    """Return unit as a key's unit code, or raise UnitKeyError."""
    code = unit.strip().upper()
    if not UNIT_CODE.match(code):
        raise UnitKeyError(
            f"Mã đơn vị '{unit}' không dùng được làm khóa truy cập: chỉ chữ in hoa, số và '-'."
        )
    return code


def access_key_for(registry: str, unit: str) -> str:
    """Return the access key name of a unit of a registry."""
    return f"unit-{registry}-{unit.lower()}"


def new_unit_key(unit: str, *, registry: str, campaigns: Iterable[str]) -> UnitKey:
    """Return fresh credentials for unit of registry, good in campaigns."""
    if not REGISTRY_CODE.match(registry):
        raise UnitKeyError(f"Mã danh mục '{registry}' không dùng được làm khóa truy cập.")
    code = unit_code(unit)
    return UnitKey(
        code,
        access_key_for(registry, code),
        secrets.token_urlsafe(30),
        registry,
        tuple(sorted(set(campaigns))),
    )


def keys_file(var_dir: Path) -> Path:
    """Return the private file of the units' keys."""
    return var_dir / "access" / "unit-keys.json"


def _row(row: dict[str, Any]) -> UnitKey:
    registry = row.get("registry") or LEGACY_REGISTRY
    campaigns = row.get("campaigns")
    if campaigns is None:  # an old row: the campaigns that read Bắc Kạn's registry
        from tasks.access.scope import shipped_campaigns_of

        campaigns = shipped_campaigns_of(registry)
    return UnitKey(row["unit"], row["access_key"], row["secret_key"], registry, tuple(campaigns))


def load_unit_keys(path: Path) -> dict[KeyId, UnitKey]:
    """Return the units' keys kept at path, by (registry, unit code)."""
    if not path.exists():
        return {}
    keys = [_row(row) for row in json.loads(path.read_text(encoding="utf-8"))]
    return {key.id: key for key in keys}


def save_unit_keys(path: Path, keys: dict[KeyId, UnitKey]) -> None:
    """Write the units' keys to path, readable by the owner only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    rows = [{**asdict(keys[k]), "campaigns": list(keys[k].campaigns)} for k in sorted(keys)]
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(rows, handle, indent=2)
    partial.replace(path)


def grant(
    path: Path, units: list[str], *, registry: str, campaigns: Iterable[str]
) -> dict[KeyId, UnitKey]:
    """Make keys for the registry's units that have none; return every key, new and old.

    A unit's existing key keeps its secret and is now good in campaigns (those reading registry).
    """
    keys = load_unit_keys(path)
    wanted = tuple(sorted(set(campaigns)))
    for unit in units:
        key = new_unit_key(unit, registry=registry, campaigns=wanted)
        old = keys.get(key.id)
        keys[key.id] = key if old is None else replace(old, campaigns=wanted)
    save_unit_keys(path, keys)
    return keys


def revoke(path: Path, units: list[str], *, registry: str) -> list[UnitKey]:
    """Forget the keys of the registry's units; return the keys removed."""
    keys = load_unit_keys(path)
    codes = sorted({unit.strip().upper() for unit in units})
    removed = [keys.pop((registry, code)) for code in codes if (registry, code) in keys]
    save_unit_keys(path, keys)
    return removed
