"""Registration in one process with the Prefect client's env: the process work pool, every
deployment of a prefect.yaml (`prefect deploy --all`, run here by the `prefect` command's own
entry point), then what deploy/after_deploy does. One interpreter imports Prefect once, where
three commands did each.

Run as `python -m deploy.register_process WORK_POOL PREFECT_FILE`
(deploy.deployments.register does it).
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from deploy import after_deploy


async def ensure_work_pool(name: str) -> None:
    """Create the process work pool, or update it to the default process template (what
    `prefect work-pool create NAME --type process --overwrite` does)."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.actions import WorkPoolCreate
    from prefect.workers.process import ProcessWorker

    pool = WorkPoolCreate(
        name=name, type="process", base_job_template=ProcessWorker.get_default_base_job_template()
    )
    async with get_client() as client:
        created = await client.create_work_pool(work_pool=pool, overwrite=True)
    print(f"work pool {created.name!r} ({created.type})")  # noqa: T201 (the registration's output)


def prefect_deploy(prefect_file: Path) -> None:
    """Run `prefect --no-prompt deploy --all --prefect-file PREFECT_FILE` in this process."""
    from prefect.cli import app

    argv = sys.argv
    sys.argv = ["prefect", "--no-prompt", "deploy", "--all", "--prefect-file", str(prefect_file)]
    try:
        app()
    except SystemExit as done:
        if done.code not in (0, None):
            raise
    finally:
        sys.argv = argv


def main(work_pool: str, prefect_file: Path) -> None:
    """Ensure the work pool, deploy every deployment, then prune schedules and ensure the crash
    automation."""
    asyncio.run(ensure_work_pool(work_pool))
    prefect_deploy(prefect_file)
    after_deploy.main(prefect_file)


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]))
