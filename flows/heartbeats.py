"""Flow run heartbeats that stop at once when the run ends, not up to a second later.

Prefect (3.9) sends a run's heartbeats from a thread that sleeps in steps of one second and joins
that thread when the run ends: every flow run, however short, then waits for the step in course
(half a second on average, a second at worst) before it returns. This is the same loop, every
heartbeat sent as Prefect sends it, waiting on the stop event instead of sleeping, so the join
returns at once. install() puts it in Prefect's flow engine; a Prefect without the same engine
hooks keeps its own.
"""

from __future__ import annotations

import contextvars
import threading
from collections.abc import Generator
from contextlib import contextmanager
from typing import Any

import prefect.flow_engine as engine_module

THREAD_NAME = "flow-run-heartbeat"
HOOKS = ("_build_heartbeat_event_template", "_emit_flow_run_heartbeat", "heartbeat_seconds")


@contextmanager
def send_heartbeats(engine: Any, join_on_exit: bool = True) -> Generator[None, None, None]:
    """Emit the flow run's heartbeats from a daemon thread while the body runs."""
    heartbeat_seconds = engine.heartbeat_seconds
    if heartbeat_seconds is None:
        yield
        return
    heartbeat_seconds = max(heartbeat_seconds, engine_module.MINIMUM_HEARTBEAT_INTERVAL)
    resource, related = engine._build_heartbeat_event_template()
    stop = threading.Event()

    def loop() -> None:
        while not stop.is_set():
            run = engine.flow_run
            if run and run.state and run.state.is_final():
                return
            try:
                engine._emit_flow_run_heartbeat(resource, related)
            except Exception:
                engine.logger.debug("Failed to emit heartbeat", exc_info=True)
            if stop.wait(heartbeat_seconds):
                return

    # The thread sees the caller's settings (the API URL), as Prefect's own does.
    thread = threading.Thread(
        target=contextvars.copy_context().run, args=(loop,), name=THREAD_NAME, daemon=True
    )
    thread.start()
    try:
        yield
    finally:
        stop.set()
        if join_on_exit:
            thread.join(timeout=2)


def install() -> bool:
    """Use send_heartbeats in Prefect's flow engine; return whether it is in use."""
    engine_class = getattr(engine_module, "FlowRunEngine", None)
    if not hasattr(engine_module, "_send_heartbeats") or not all(
        hasattr(engine_class, hook) for hook in HOOKS
    ):
        return False
    engine_module._send_heartbeats = send_heartbeats
    return True
