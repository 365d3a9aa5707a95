"""The portal as a service of the local stack, beside Prefect: `python -m portal`."""

from __future__ import annotations

import sys
import urllib.request
from pathlib import Path

from models.settings import Settings

PROJECT_DIR = Path(__file__).resolve().parents[1]


def portal_healthy(settings: Settings) -> bool:
    """Return whether the portal answers its health check."""
    url = f"http://{settings.portal_host}:{settings.portal_port}/suc-khoe"
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (loopback only)
            return bool(response.status == 200)
    except OSError:
        return False


def portal_command(port: int) -> list[str]:
    """Return the command that serves the portal with this interpreter (the flag marks it)."""
    return [sys.executable, "-m", "portal", f"--thidua-portal={port}"]
