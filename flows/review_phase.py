"""Flow review-phase: rank a phase's candidates and propose a selection within the quotas."""

from __future__ import annotations

from typing import Any

from prefect import flow

from tasks.review.steps import propose_phase


@flow(name="review-phase", flow_run_name="review-{phase}")
def review_phase(
    campaign: str = "cds-2022-2025",
    phase: str = "so-ket-2023",
    collective_quota: int | None = None,
    individual_quota: int | None = None,
    weights: dict[str, float] | None = None,
) -> dict[str, Any]:
    """Propose the phase's awards; other quotas or weights give a what-if, official untouched."""
    return propose_phase(campaign, phase, collective_quota, individual_quota, weights)
