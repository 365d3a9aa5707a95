"""Flow record-decision: the Chairman's decision (number, date, awardees) entered in the UI."""

from __future__ import annotations

from datetime import date
from typing import Any

from prefect import flow

from flows.human_input import ask_for_decision
from tasks.workflow.steps import decision_form, publish_worklist, record_decision


@flow(name="record-decision", flow_run_name="decision-{phase}")
def record_chairman_decision(
    campaign: str = "cds-2022-2025",
    phase: str = "so-ket-2023",
    timeout_hours: float = 168.0,
    poll_seconds: int = 10,
) -> dict[str, Any]:
    """Pause for the Chairman's decision on the submitted dossier and record it."""
    initial = decision_form(campaign, phase, "chairman", date.today())
    summary = (
        f"{len(initial['awarded'])} trường hợp đã trình; bỏ khỏi danh sách «awarded» những "
        "trường hợp không được khen thưởng và ghi lý do."
    )
    payload = ask_for_decision(
        campaign,
        phase,
        "chairman",
        initial,
        summary=summary,
        timeout_seconds=int(timeout_hours * 3600),
        poll_seconds=poll_seconds,
    )
    if payload is None:
        return {"status": "timed_out", "waiting": publish_worklist(campaign, phase)}
    recorded = record_decision(campaign, phase, "chairman", payload)
    return {"status": "recorded", **recorded, "waiting": publish_worklist(campaign, phase)}
