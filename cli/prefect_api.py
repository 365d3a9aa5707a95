"""Point Prefect at the local stack's server when nothing else is configured."""

from __future__ import annotations

import os
import sys
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from models.settings import get_settings

_KEPT: list[Any] = []


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
    return expect_local_server()


def expect_local_server() -> str:
    """Set PREFECT_API_URL to the local stack's server unless one is set, without asking
    whether it is up (for a caller that starts it); return the URL in use."""
    if os.environ.get("PREFECT_API_URL"):
        return os.environ["PREFECT_API_URL"]
    url = get_settings().prefect_api_url
    os.environ["PREFECT_API_URL"] = url
    auth = get_settings().prefect_api_auth
    if auth is not None and not os.environ.get("PREFECT_API_AUTH_STRING"):
        os.environ["PREFECT_API_AUTH_STRING"] = auth.get_secret_value()
    if "prefect" in sys.modules:
        # Prefect read its settings when imported: point the process's settings at the server.
        from prefect.settings import PREFECT_API_AUTH_STRING, PREFECT_API_URL, temporary_settings

        updates: dict = {PREFECT_API_URL: url}
        if "PREFECT_API_AUTH_STRING" in os.environ:
            updates[PREFECT_API_AUTH_STRING] = os.environ["PREFECT_API_AUTH_STRING"]
        _KEPT.append(temporary_settings(updates=updates))  # kept: collected, it would reset
        _KEPT[-1].__enter__()
    return url


@contextmanager
def in_process_runs() -> Iterator[None]:
    """Run flows in this process without heartbeats (set up after use_local_server).

    Heartbeats let the crash automation free the slot of a worker's run that died; a run in
    this process holds no slot, and Prefect joins the heartbeat thread (up to a second) at the
    end of every flow run, which is most of the demo's waiting between runs.
    """
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        yield
