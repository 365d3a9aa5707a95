"""Flow appraise-phase: the appraisal council decides on the proposal in the Prefect UI."""

from __future__ import annotations

from datetime import date
from typing import Any

from prefect import flow

from flows.human_input import ask_for_decision
from tasks.workflow.steps import decision_form, open_appraisal, publish_worklist, record_decision


@flow(name="appraise-phase", flow_run_name="appraise-{phase}")
def appraise_phase(
    campaign: str = "cds-2022-2025",
    phase: str = "so-ket-2023",
    timeout_hours: float = 168.0,
    poll_seconds: int = 10,
) -> dict[str, Any]:
    """Open the appraisal, pause for the council's vote, record it; a timeout ends cleanly."""
    opened = open_appraisal(campaign, phase)
    initial = decision_form(campaign, phase, "council", date.today())
    summary = (
        f"{len(initial['votes'])} trường hợp đang thẩm định; mỗi trường hợp đã điền sẵn theo "
        "kết quả xét chọn. Ghi người quyết định (vai trò council), cuộc họp và số phiếu."
    )
    payload = ask_for_decision(
        campaign,
        phase,
        "council",
        initial,
        summary=summary,
        timeout_seconds=int(timeout_hours * 3600),
        poll_seconds=poll_seconds,
    )
    if payload is None:
        return {
            "status": "timed_out",
            "opened": opened,
            "waiting": publish_worklist(campaign, phase),
        }
    recorded = record_decision(campaign, phase, "council", payload)
    return {"status": "recorded", **recorded, "waiting": publish_worklist(campaign, phase)}
