"""Point Prefect at the local stack's server when nothing else is configured."""

from __future__ import annotations

import os
import urllib.request

from models.settings import get_settings


def use_local_server() -> str | None:
    """Set PREFECT_API_URL to the local stack's server if it is up and none is set; return it."""
    if os.environ.get("PREFECT_API_URL"):
        return os.environ["PREFECT_API_URL"]
    url = get_settings().prefect_api_url
    try:
        with urllib.request.urlopen(f"{url}/health", timeout=2) as response:  # noqa: S310
            if response.status != 200:
                return None
    except OSError:
        return None
    os.environ["PREFECT_API_URL"] = url
    return url
