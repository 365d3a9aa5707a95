"""Flow verify-phase: Sở Nội vụ verifies the council's proposal in the Prefect UI."""

from __future__ import annotations

from typing import Any

from prefect import flow

from flows.human_input import decision_step
from flows.naming import phase_run_name
from tasks.campaigns import resolve_campaign_phase


@flow(name="verify-phase", flow_run_name=phase_run_name("verify"))
def verify_phase(
    campaign: str | None = None,
    phase: str | None = None,
    timeout_hours: float = 168.0,
    poll_seconds: float = 10.0,
) -> dict[str, Any]:
    """Pause for Sở Nội vụ's word on every proposed nomination and record it."""
    campaign, phase = resolve_campaign_phase(campaign, phase)
    return decision_step(
        campaign,
        phase,
        "verification",
        lambda form: (
            f"{len(form['items'])} trường hợp Hội đồng đề xuất; bỏ chọn «agree» và ghi ý kiến "
            "để trả lại Hội đồng."
        ),
        timeout_hours=timeout_hours,
        poll_seconds=poll_seconds,
    )
