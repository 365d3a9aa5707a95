"""Flow record-decision: the Chairman's decision (number, date, awardees) entered in the UI."""

from __future__ import annotations

from typing import Any

from prefect import flow

from flows.human_input import decision_step


@flow(name="record-decision", flow_run_name="decision-{phase}")
def record_chairman_decision(
    campaign: str = "cds-2022-2025",
    phase: str = "so-ket-2023",
    timeout_hours: float = 168.0,
    poll_seconds: int = 10,
) -> dict[str, Any]:
    """Pause for the Chairman's decision on the submitted dossier and record it."""
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
