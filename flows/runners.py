"""The task runner of the batch flows, chosen by settings: threads, or a Dask cluster."""

from __future__ import annotations

from typing import Any

from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner

from models.settings import Settings, get_settings


def batch_task_runner(
    settings: Settings | None = None, *, io_bound: bool = False
) -> TaskRunner[Any]:
    """Return the runner of batch tasks: THIDUA_TASK_RUNNER=threads (default) or dask.

    Batches that mostly wait on storage (io_bound) get twice the threads: one thread's wait is
    another's work, as in the ingest bench's anchor (8 threads).
    """
    settings = settings or get_settings()
    if settings.task_runner == "dask":
        from prefect_dask import DaskTaskRunner  # only the Dask deployments need it

        if settings.dask_address:
            return DaskTaskRunner(address=settings.dask_address)
        return DaskTaskRunner(
            cluster_kwargs={"n_workers": settings.task_runner_workers, "threads_per_worker": 1}
        )
    threads = settings.task_runner_workers * (2 if io_bound else 1)
    return ThreadPoolTaskRunner(max_workers=threads)
