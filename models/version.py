"""The code version recorded with every result, so that a result can be reproduced."""

from __future__ import annotations

import subprocess
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@lru_cache(maxsize=1)
def code_version() -> str:
    """Return the package version and, in a git checkout, the commit (marked when modified)."""
    try:
        package = version("thidua")
    except PackageNotFoundError:
        package = "0+unknown"
    try:
        commit = subprocess.run(  # noqa: S603 (fixed arguments)
            ["git", "-C", str(ROOT), "describe", "--always", "--dirty", "--abbrev=12"],
            capture_output=True,
            text=True,
            timeout=5,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return package
    return f"{package}+{commit}" if commit else package
