"""Flow appraise-phase: the appraisal council decides on the proposal in the Prefect UI."""

from __future__ import annotations

from typing import Any

from prefect import flow

from flows.human_input import decision_step
from flows.naming import phase_run_name
from tasks.campaigns import resolve_campaign_phase
from tasks.workflow.steps import open_appraisal


@flow(name="appraise-phase", flow_run_name=phase_run_name("appraise"))
def appraise_phase(
    campaign: str | None = None,
    phase: str | None = None,
    timeout_hours: float = 168.0,
    poll_seconds: float = 10.0,
) -> dict[str, Any]:
    """Open the appraisal, pause for the council's vote, record it; a timeout ends cleanly."""
    campaign, phase = resolve_campaign_phase(campaign, phase)
    opened = open_appraisal(campaign, phase)
    outcome = decision_step(
        campaign,
        phase,
        "council",
        lambda form: (
            f"{len(form['votes'])} trường hợp đang thẩm định; mỗi trường hợp đã điền sẵn theo "
            "kết quả xét chọn. Ghi người quyết định (vai trò council), cuộc họp và số phiếu."
        ),
        timeout_hours=timeout_hours,
        poll_seconds=poll_seconds,
    )
    return {**outcome, "opened": opened}
