"""Flow giay-khen: a unit's own Giấy khen round - evaluate, propose, the head decides, draft QĐ."""

from __future__ import annotations

from typing import Any

from prefect import flow

from models.giay_khen import HeadDecision
from tasks.giay_khen.steps import decide_step, draft_step, propose_step


@flow(name="giay-khen", flow_run_name="giay-khen-{unit}-{round_code}")
def giay_khen_round(
    campaign: str,
    unit: str,
    round_code: str,
    decision: HeadDecision | None = None,
) -> dict[str, Any]:
    """Propose the round's awards; with the head's decision, record it and draft the QĐ."""
    proposal = propose_step(campaign, unit, round_code)
    if decision is None:
        return {"proposal": proposal, "decision": None, "document": None}
    decided = decide_step(campaign, unit, round_code, decision)
    document = draft_step(campaign, unit, round_code)
    return {"proposal": proposal, "decision": decided, "document": document}
