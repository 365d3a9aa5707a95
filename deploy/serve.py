"""Serve every deployment of deploy/prefect.yaml from this process: `python -m deploy.serve`.

The schedules are the running campaigns' (deploy/campaign_schedules.py).

The local alternative to a worker: runs start here as subprocesses; schedules stay active when
this process stops (pause_on_shutdown=False), so they survive a restart.
"""

from __future__ import annotations

import sys

from prefect import serve

from deploy.deployments import runner_deployment, scheduled_specs


def main(names: list[str]) -> None:
    """Serve the deployments called names (every one when empty)."""
    specs = [s for s in scheduled_specs() if not names or s["name"] in names]
    serve(*(runner_deployment(spec) for spec in specs), pause_on_shutdown=False)


if __name__ == "__main__":
    main(sys.argv[1:])
