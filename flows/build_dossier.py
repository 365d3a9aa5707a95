"""Flow build-dossier: a phase's dossier for the Chairman, rendered, bundled and published."""

from __future__ import annotations

from typing import Any

from prefect import flow

from flows.naming import phase_run_name
from tasks.campaigns import resolve_campaign_phase
from tasks.documents.steps import assemble_phase_bundle, publish_dossier, render_phase_documents


@flow(name="build-dossier", flow_run_name=phase_run_name("dossier"))
def build_dossier(campaign: str | None = None, phase: str | None = None) -> dict[str, Any]:
    """Render every document of the phase, merge and store them, publish their keys."""
    campaign, phase = resolve_campaign_phase(campaign, phase)
    rendered = render_phase_documents(campaign, phase)
    result = assemble_phase_bundle(rendered)
    publish_dossier(result)
    return result
