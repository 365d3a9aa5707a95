"""What registration does after `prefect deploy`, in one process with the Prefect client's env:
delete the schedules of campaigns that have ended, and set up the crash detection.

Run as `python -m deploy.after_deploy PREFECT_FILE`; registration runs it within
deploy/register_process.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from deploy.automations import ensure_crash_detection
from deploy.campaign_schedules import prune_schedules


def main(prefect_file: Path) -> None:
    """Prune the schedules prefect_file does not list, then ensure the crash automation."""
    for line in prune_schedules(prefect_file):
        print(f"đã bỏ lịch {line}")  # noqa: T201 (the registration's output)
    asyncio.run(ensure_crash_detection())


if __name__ == "__main__":
    main(Path(sys.argv[1]))
