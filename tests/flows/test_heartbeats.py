"""A flow run with heartbeats sends them from a thread that stops as soon as the run ends."""

from __future__ import annotations

import threading
import time

import prefect.flow_engine
from prefect import flow
from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

import flows
from flows.heartbeats import THREAD_NAME, send_heartbeats


def _heartbeat_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == THREAD_NAME and t.is_alive()]


@flow(name="heartbeat-probe")
def probe() -> tuple[int, float]:
    """Return how many heartbeat threads run during the flow, and when its body ended."""
    return len(_heartbeat_threads()), time.monotonic()


def test_prefect_uses_the_prompt_heartbeats() -> None:
    assert flows.heartbeats.install()
    assert prefect.flow_engine._send_heartbeats is send_heartbeats


def test_heartbeat_thread_runs_during_the_run_and_stops_with_it() -> None:
    with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: 30}):
        for _ in range(3):
            during, ended = probe()
            returned = time.monotonic()
            assert during == 1
            assert _heartbeat_threads() == []
            # Prefect's own loop slept in steps of a second; ours is joined at once.
            assert returned - ended < 2.0


def test_no_heartbeat_thread_without_heartbeats() -> None:
    with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        during, _ = probe()
    assert during == 0
