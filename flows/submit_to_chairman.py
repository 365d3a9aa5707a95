"""Flow submit-to-chairman: the verified nominations go to the Chairman with their dossier."""

from __future__ import annotations

from typing import Any

from prefect import flow

from flows.build_dossier import build_dossier
from flows.naming import phase_run_name
from tasks.campaigns import resolve_campaign_phase
from tasks.workflow.steps import publish_worklist, submit_verified


@flow(name="submit-to-chairman", flow_run_name=phase_run_name("submit"))
def submit_to_chairman(
    campaign: str | None = None,
    phase: str | None = None,
    operator_name: str = "Cán bộ Sở thẩm định",
    operator_role: str = "appraiser",
) -> dict[str, Any]:
    """Move the verified nominations to the Chairman and build the dossier from the records."""
    campaign, phase = resolve_campaign_phase(campaign, phase)
    submitted = submit_verified(campaign, phase, operator_name, operator_role)
    dossier = build_dossier(campaign=campaign, phase=phase)
    return {
        "submitted": submitted,
        "dossier": dossier,
        "waiting": publish_worklist(campaign, phase),
    }
