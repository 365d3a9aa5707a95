"""Flow build-dossier: a phase's dossier for the Chairman, rendered, bundled and published."""

from __future__ import annotations

from typing import Any

from prefect import flow

from tasks.documents.steps import assemble_phase_bundle, publish_dossier, render_phase_documents


@flow(name="build-dossier", flow_run_name="dossier-{phase}")
def build_dossier(campaign: str = "cds-2022-2025", phase: str = "so-ket-2023") -> dict[str, Any]:
    """Render every document of the phase, merge and store them, publish their keys."""
    rendered = render_phase_documents(campaign, phase)
    result = assemble_phase_bundle(rendered)
    publish_dossier(result)
    return result
