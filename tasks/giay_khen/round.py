"""Run a unit's round on the database: load, evaluate and propose, decide, draft the decision."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlmodel import Session, select

from models.giay_khen import GiayKhenRound, HeadDecision
from models.giay_khen_file import load_round
from models.tables import GiayKhenDecision, GiayKhenRoundRecord
from tasks.campaigns import current_campaign
from tasks.giay_khen.document import publish_decision
from tasks.giay_khen.evaluate import evaluate_round
from tasks.giay_khen.movement import awarded_elsewhere
from tasks.giay_khen.records import (
    RoundError,
    candidates_of,
    find_round,
    record_head_decision,
    save_proposal,
    store_round,
)
from tasks.review.candidates import unit_years
from tasks.storage import ObjectStore


def load_round_file(session: Session, *, path: Path) -> GiayKhenRoundRecord:
    """Validate a round file against its schema and the movement, and record it."""
    round_, sha256 = load_round(path)
    try:
        campaign, _ = current_campaign(session, code=round_.campaign)
    except KeyError as error:
        raise RoundError(f"campaign: {error.args[0]}") from error
    return store_round(session, round_=round_, campaign=campaign, sha256=sha256, source=str(path))


def propose_round(
    session: Session, *, campaign_code: str, unit_code: str, round_code: str
) -> dict[str, Any]:
    """Evaluate the round's candidates with the movement's engine and store the proposal."""
    record = find_round(session, campaign=campaign_code, unit=unit_code, code=round_code)
    round_ = GiayKhenRound.model_validate(record.content)
    campaign, _ = current_campaign(session, code=campaign_code)
    years = (
        unit_years(session, campaign=campaign, phase=campaign.phase(round_.phase), code=unit_code)
        if round_.eligibility.individual.unit_not_in_breach
        else []
    )
    if record.state == "decided":  # decided: the proposal stands as the head saw it
        rows = candidates_of(session, record)
    else:
        evaluated = evaluate_round(
            round_,
            campaign,
            unit_years=years,
            awarded_elsewhere=awarded_elsewhere(session, record),
        )
        rows = save_proposal(session, record, evaluated)
    return {
        "round_id": record.id,
        "candidates": [
            {
                "code": row.code,
                "kind": row.kind,
                "name": row.full_name,
                "score": row.score,
                "eligible": row.eligible,
                "rank": row.rank,
                "selected": row.selected,
                "tied_at_cut": row.tied_at_cut,
                "reasons": row.reasons,
            }
            for row in rows
        ],
        "selected": sorted(row.code for row in rows if row.selected),
        "quotas": round_.quotas.model_dump(),
    }


def decide_round(
    session: Session,
    *,
    campaign_code: str,
    unit_code: str,
    round_code: str,
    decision: HeadDecision,
) -> dict[str, Any]:
    """Record the head's decision and the awards it grants."""
    record = find_round(session, campaign=campaign_code, unit=unit_code, code=round_code)
    row = record_head_decision(session, record, decision)
    return {
        "decision_id": row.id,
        "awarded": list(row.awarded),
        "removed": list(row.removed),
        "decided_by": row.decided_by_name,
        "role": row.decided_by_role,
    }


def draft_round_decision(
    session: Session,
    *,
    campaign_code: str,
    unit_code: str,
    round_code: str,
    store: ObjectStore,
    bucket: str,
    rules_version: str,
) -> dict[str, Any]:
    """Render the head's decision with its annex, store and record it."""
    record = find_round(session, campaign=campaign_code, unit=unit_code, code=round_code)
    decision = session.exec(
        select(GiayKhenDecision).where(GiayKhenDecision.round_id == record.id)
    ).first()
    if decision is None:
        raise RoundError(
            f"Đợt xét {round_code} chưa có quyết định của Thủ trưởng: chưa lập dự thảo."
        )
    campaign, _ = current_campaign(session, code=campaign_code)
    return publish_decision(
        session,
        store=store,
        bucket=bucket,
        record_=record,
        campaign=campaign,
        decision=decision,
        rules_version=rules_version,
    )
