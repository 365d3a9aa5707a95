"""Flow verify-phase: Sở Nội vụ verifies the council's proposal in the Prefect UI."""

from __future__ import annotations

from datetime import date
from typing import Any

from prefect import flow

from flows.human_input import ask_for_decision
from tasks.workflow.steps import decision_form, publish_worklist, record_decision


@flow(name="verify-phase", flow_run_name="verify-{phase}")
def verify_phase(
    campaign: str = "cds-2022-2025",
    phase: str = "so-ket-2023",
    timeout_hours: float = 168.0,
    poll_seconds: int = 10,
) -> dict[str, Any]:
    """Pause for Sở Nội vụ's word on every proposed nomination and record it."""
    initial = decision_form(campaign, phase, "verification", date.today())
    summary = (
        f"{len(initial['items'])} trường hợp Hội đồng đề xuất; bỏ chọn «agree» và ghi ý kiến "
        "để trả lại Hội đồng."
    )
    payload = ask_for_decision(
        campaign,
        phase,
        "verification",
        initial,
        summary=summary,
        timeout_seconds=int(timeout_hours * 3600),
        poll_seconds=poll_seconds,
    )
    if payload is None:
        return {"status": "timed_out", "waiting": publish_worklist(campaign, phase)}
    recorded = record_decision(campaign, phase, "verification", payload)
    return {"status": "recorded", **recorded, "waiting": publish_worklist(campaign, phase)}
