"""One process pool per process for rendering documents, sized to the cores, started once.

Spawned processes (not forked: the caller may hold threads, Prefect's or a database pool's, that
fork would copy mid-lock) each import docxtpl once and then keep their compiled templates, so a
second dossier in the same process renders at full speed. warm() starts them early, so that their
start overlaps the loading of the dossier's records. Starting them costs more CPU than rendering a
few dozen documents (each imports docxtpl and the caller's main module), so a pool is started only
for many documents and otherwise used only once it runs. Flow tasks call the render step directly in
the flow's thread, so Prefect's task runner never adds processes of its own beside this pool.
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
import threading
from concurrent.futures import Future, ProcessPoolExecutor

_LOCK = threading.Lock()
_state: dict[str, object] = {}


def cores() -> int:
    """Return the CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _ready() -> int:
    return os.getpid()


def pool(workers: int) -> ProcessPoolExecutor:
    """Return the process's pool of workers processes (a new one after a fork or a crash)."""
    with _LOCK:
        current = _state.get("pool")
        if running(workers) and isinstance(current, ProcessPoolExecutor):
            return current
        if isinstance(current, ProcessPoolExecutor) and _state.get("pid") == os.getpid():
            current.shutdown(wait=False, cancel_futures=True)
        created = ProcessPoolExecutor(
            max_workers=workers, mp_context=multiprocessing.get_context("spawn")
        )
        _state.update(pool=created, workers=workers, pid=os.getpid())
        return created


def running(workers: int) -> bool:
    """Return whether this process already has a working pool of workers processes."""
    current = _state.get("pool")
    return (
        isinstance(current, ProcessPoolExecutor)
        and _state.get("workers") == workers
        and _state.get("pid") == os.getpid()
        and not getattr(current, "_broken", False)
    )


def warm(workers: int) -> list[Future[int]]:
    """Start the pool's processes now, in the background; the futures resolve as they run."""
    if workers < 2:
        return []
    executor = pool(workers)
    return [executor.submit(_ready) for _ in range(workers)]


def shutdown() -> None:
    """Stop the pool's processes (at exit, or to measure a cold start)."""
    with _LOCK:
        current = _state.pop("pool", None)
        if isinstance(current, ProcessPoolExecutor) and _state.get("pid") == os.getpid():
            current.shutdown(wait=True, cancel_futures=True)
        _state.clear()


atexit.register(shutdown)
