"""The decider's decision (Chairman, Minister): checked against the issuer, then recorded."""

from __future__ import annotations

import re

from sqlmodel import Session, select

from models.campaign import Campaign, Phase
from models.review_decisions import ChairmanDecision
from models.tables import (
    AwardDecision,
)
from tasks.workflow.decision_items import (
    DecisionRejected,
    items,
    role_problem,
)
from tasks.workflow.engine import Actor, data_hash, fire
from tasks.workflow.issuer_checks import issuer_problems
from tasks.workflow.titles import phase_workflow


def check_chairman(
    session: Session, *, campaign: Campaign, phase: Phase, decision: ChairmanDecision
) -> list[str]:
    """Return every rule the Chairman's decision, as entered, breaks."""
    problems = role_problem(decision.decider_role, "chairman_office")
    if not re.fullmatch(r"\d{1,6}/QĐ-[A-ZĐ]+", decision.number):
        problems.append(
            f"Số quyết định «{decision.number}» phải có dạng số/QĐ-cơ quan, ví dụ "
            f"1234/QĐ-{phase.issuing_authority.abbreviation}."
        )
    problems += issuer_problems(
        campaign, phase, number=decision.number, signer_title=decision.signer_title
    )
    existing = session.exec(
        select(AwardDecision).where(
            AwardDecision.campaign_code == campaign.code, AwardDecision.phase_code == phase.code
        )
    ).first()
    if existing is not None:
        problems.append(
            f"{phase.name} đã có quyết định số {existing.number} ngày "
            f"{existing.signed_on:%d/%m/%Y}."
        )
    pending = {
        i.nomination.id
        for i in items(
            session,
            campaign_code=campaign.code,
            phase_code=phase.code,
            states=("submitted_to_chairman",),
        )
    }
    decider = campaign.issuer_of(phase).decider(phase.issuing_authority)
    if not pending:
        problems.append(f"{phase.name}: chưa có hồ sơ nào trình {decider}.")
    problems += [
        f"Đề nghị số {n} không ở trạng thái «Đã trình {decider}»."
        for n in decision.awarded
        if n not in pending
    ]
    if pending - set(decision.awarded) and not decision.refusal_reason:
        problems.append("Có trường hợp không được khen thưởng: cần ghi lý do.")
    return problems


def record_chairman(
    session: Session, *, campaign: Campaign, phase: Phase, decision: ChairmanDecision
) -> AwardDecision:
    """Record the Chairman's decision and award or refuse every nomination submitted."""
    problems = check_chairman(session, campaign=campaign, phase=phase, decision=decision)
    if problems:
        raise DecisionRejected(problems)
    payload = decision.model_dump(mode="json")
    record = AwardDecision(
        campaign_code=campaign.code,
        phase_code=phase.code,
        number=decision.number,
        signed_on=decision.signed_on,
        signer_name=decision.signer_name,
        signer_title=decision.signer_title,
        recorded_by_name=decision.decider_name,
        recorded_by_role=decision.decider_role,
        data_sha256=data_hash(payload) or "",
    )
    session.add(record)
    actor = Actor(decision.decider_name, decision.decider_role)
    for item in items(
        session,
        campaign_code=campaign.code,
        phase_code=phase.code,
        states=("submitted_to_chairman",),
    ):
        awarded = item.nomination.id in decision.awarded
        fire(
            session,
            item.nomination,
            "award" if awarded else "refuse",
            actor,
            comment=None if awarded else decision.refusal_reason,
            data={"decision": record.data_sha256, "number": decision.number},
            phase=phase,
            workflow=phase_workflow(campaign, phase),
        )
    session.flush()
    return record
