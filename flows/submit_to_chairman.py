"""Flow submit-to-chairman: the verified nominations go to the Chairman with their dossier."""

from __future__ import annotations

from typing import Any

from prefect import flow

from flows.build_dossier import build_dossier
from tasks.workflow.steps import publish_worklist, submit_verified


@flow(name="submit-to-chairman", flow_run_name="submit-{phase}")
def submit_to_chairman(
    campaign: str = "cds-2022-2025",
    phase: str = "so-ket-2023",
    operator_name: str = "Cán bộ Sở thẩm định",
    operator_role: str = "appraiser",
) -> dict[str, Any]:
    """Move the verified nominations to the Chairman and build the dossier from the records."""
    submitted = submit_verified(campaign, phase, operator_name, operator_role)
    dossier = build_dossier(campaign=campaign, phase=phase)
    return {
        "submitted": submitted,
        "dossier": dossier,
        "waiting": publish_worklist(campaign, phase),
    }
