"""The Prefect automations thidua needs: a run that stops sending heartbeats is marked Crashed.

A flow run whose process is killed (kill -9, out of memory, a lost machine) would otherwise stay
Running forever and hold its deployment's concurrency slot. Workers send a heartbeat every
HEARTBEAT_SECONDS; when none comes for SILENCE_SECONDS, the run is set to Crashed, which frees
the slot and shows the administrator, in the Prefect UI, which run died.
Run as `python -m deploy.automations` with PREFECT_API_URL set (registration does it).
"""

from __future__ import annotations

import asyncio
from datetime import timedelta

HEARTBEAT_SECONDS = 30
SILENCE_SECONDS = 90
CRASH_AUTOMATION = "thidua: đánh dấu Crashed lần chạy mất tín hiệu"


async def ensure_crash_detection(silence_seconds: int = SILENCE_SECONDS) -> str:
    """Create (or update) the automation that crashes silent flow runs; return its id."""
    from prefect.automations import Automation
    from prefect.client.schemas.objects import StateType
    from prefect.events.actions import ChangeFlowRunState
    from prefect.events.schemas.automations import EventTrigger, Posture
    from prefect.events.schemas.events import ResourceSpecification

    wanted = Automation(
        name=CRASH_AUTOMATION,
        description="Lần chạy không gửi tín hiệu sống (heartbeat) trong "
        f"{silence_seconds} giây được chuyển sang Crashed để giải phóng lượt chạy.",
        trigger=EventTrigger(
            after={"prefect.flow-run.heartbeat"},
            expect={
                "prefect.flow-run.heartbeat",
                "prefect.flow-run.Completed",
                "prefect.flow-run.Failed",
                "prefect.flow-run.Cancelled",
                "prefect.flow-run.Crashed",
                "prefect.flow-run.Paused",
                "prefect.flow-run.Suspended",
            },
            match=ResourceSpecification({"prefect.resource.id": ["prefect.flow-run.*"]}),
            for_each={"prefect.resource.id"},
            posture=Posture.Proactive,
            threshold=1,
            within=timedelta(seconds=silence_seconds),
        ),
        actions=[
            ChangeFlowRunState(
                state=StateType.CRASHED,
                message="Không nhận được tín hiệu sống của lần chạy (tiến trình bị dừng đột "
                "ngột): đánh dấu Crashed. Chạy lại để xử lý tiếp phần còn dở.",
            )
        ],
    )
    try:
        existing = await Automation.aread(name=CRASH_AUTOMATION)
    except ValueError:
        return str((await wanted.acreate()).id)
    wanted.id = existing.id
    await wanted.aupdate()
    return str(existing.id)


if __name__ == "__main__":
    asyncio.run(ensure_crash_detection())
