"""Per-unit access keys: made once, kept in a private file, handed to the unit once."""

from __future__ import annotations

import json
import os
import re
import secrets
from dataclasses import asdict, dataclass
from pathlib import Path

UNIT_CODE = re.compile(r"^[A-Z0-9][A-Z0-9-]{0,62}$")


class UnitKeyError(ValueError):
    """A unit code that cannot name a key or a policy."""


@dataclass(frozen=True)
class UnitKey:
    """The S3 credentials of one unit (or of its own upload system)."""

    unit: str
    access_key: str
    secret_key: str


def access_key_for(unit: str) -> str:
    """Return the access key name of a unit."""
    return f"unit-{unit.lower()}"


def new_unit_key(unit: str) -> UnitKey:
    """Return fresh credentials for unit."""
    code = unit.strip().upper()
    if not UNIT_CODE.match(code):
        raise UnitKeyError(
            f"Mã đơn vị '{unit}' không dùng được làm khóa truy cập: chỉ chữ in hoa, số và '-'."
        )
    return UnitKey(code, access_key_for(code), secrets.token_urlsafe(30))


def keys_file(var_dir: Path) -> Path:
    """Return the private file of the units' keys."""
    return var_dir / "access" / "unit-keys.json"


def load_unit_keys(path: Path) -> dict[str, UnitKey]:
    """Return the units' keys kept at path, by unit code."""
    if not path.exists():
        return {}
    rows = json.loads(path.read_text(encoding="utf-8"))
    return {row["unit"]: UnitKey(**row) for row in rows}


def save_unit_keys(path: Path, keys: dict[str, UnitKey]) -> None:
    """Write the units' keys to path, readable by the owner only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump([asdict(keys[code]) for code in sorted(keys)], handle, indent=2)
    partial.replace(path)


def grant(path: Path, units: list[str]) -> dict[str, UnitKey]:
    """Make keys for the units that have none; return every unit's key, new and old."""
    keys = load_unit_keys(path)
    for unit in units:
        key = new_unit_key(unit)
        keys.setdefault(key.unit, key)
    save_unit_keys(path, keys)
    return keys


def revoke(path: Path, units: list[str]) -> list[UnitKey]:
    """Forget the keys of units; return the keys removed."""
    keys = load_unit_keys(path)
    codes = sorted({unit.strip().upper() for unit in units})
    removed = [keys.pop(code) for code in codes if code in keys]
    save_unit_keys(path, keys)
    return removed
