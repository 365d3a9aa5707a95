"""Flow review-phase: rank a phase's candidates and propose a selection within the quotas."""

from __future__ import annotations

from typing import Any

from prefect import flow

from flows.naming import phase_run_name
from tasks.campaigns import resolve_campaign_phase
from tasks.review.steps import propose_phase


@flow(name="review-phase", flow_run_name=phase_run_name("review"))
def review_phase(
    campaign: str | None = None,
    phase: str | None = None,
    collective_quota: int | None = None,
    individual_quota: int | None = None,
    weights: dict[str, float] | None = None,
) -> dict[str, Any]:
    """Propose the phase's awards; other quotas or weights give a what-if, official untouched."""
    campaign, phase = resolve_campaign_phase(campaign, phase)
    return propose_phase(campaign, phase, collective_quota, individual_quota, weights)
