"""Flush this test process's Prefect logs and events before a test server stops."""

from __future__ import annotations


def drain_prefect_workers() -> None:
    """Send the in-process flows' queued logs and events while the server is still up."""
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    APILogWorker.drain_all(timeout=20, at_exit=False)
    EventsWorker.drain_all(timeout=20, at_exit=False)
