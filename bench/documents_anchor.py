"""The lean anchor of the dossier benchmark: plain docxtpl on the same templates and contexts.

What every document costs at least: docxtpl opens the template, renders the context through
jinja and saves the package; no cleaning, no fixed properties, no stable zip, no cache.
"""

from __future__ import annotations

import io
import multiprocessing
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import Environment

from tasks.documents.render import RenderJob


def plain_docxtpl(job: RenderJob) -> bytes:
    """Render one job with docxtpl as its documentation shows, and save it."""
    template = DocxTemplate(str(job.template))
    template.render(dict(job.context), Environment(autoescape=True), autoescape=True)
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()


def timed(work: Callable[[], Any]) -> float:
    """Return the seconds work takes."""
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def cpu_time(work: Callable[[], Any]) -> float:
    """Return the CPU seconds work takes in this process."""
    started = time.process_time()
    work()
    return time.process_time() - started


class AnchorPool:
    """Two spawned processes rendering with plain docxtpl, started and warmed before timing."""

    def __init__(self, jobs: Sequence[RenderJob], workers: int = 2) -> None:
        self.jobs = list(jobs)
        self.workers = workers
        context = multiprocessing.get_context("spawn")
        self.pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
        self.render()  # the processes start and import docxtpl outside the timing

    def render(self) -> list[bytes]:
        """Render every job in the pool, in order."""
        chunk = max(1, len(self.jobs) // (self.workers * 4))
        return list(self.pool.map(plain_docxtpl, self.jobs, chunksize=chunk))

    def close(self) -> None:
        """Stop the processes."""
        self.pool.shutdown()
