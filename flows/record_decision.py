"""Flow record-decision: the Chairman's decision (number, date, awardees) entered in the UI."""

from __future__ import annotations

from typing import Any

from prefect import flow

from flows.human_input import decision_step
from flows.naming import phase_run_name
from tasks.campaigns import resolve_campaign_phase


@flow(name="record-decision", flow_run_name=phase_run_name("decision"))
def record_chairman_decision(
    campaign: str | None = None,
    phase: str | None = None,
    timeout_hours: float = 168.0,
    poll_seconds: float = 10.0,
) -> dict[str, Any]:
    """Pause for the Chairman's decision on the submitted dossier and record it."""
    campaign, phase = resolve_campaign_phase(campaign, phase)
    return decision_step(
        campaign,
        phase,
        "chairman",
        lambda form: (
            f"{len(form['awarded'])} trường hợp đã trình; bỏ khỏi danh sách «awarded» những "
            "trường hợp không được khen thưởng và ghi lý do."
        ),
        timeout_hours=timeout_hours,
        poll_seconds=poll_seconds,
    )
