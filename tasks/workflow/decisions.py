"""The review bodies' decisions: checked whole against the workflow, then recorded at once."""

from __future__ import annotations

from collections import Counter
from typing import Any

from pydantic import ValidationError
from sqlmodel import Session

from models.campaign import Campaign, Phase
from models.review_decisions import ChairmanDecision, CouncilDecision, VerificationDecision
from models.tables import Nomination
from tasks.review.candidates import phase_nominations
from tasks.workflow.chairman_record import check_chairman, record_chairman
from tasks.workflow.council_record import check_council, record_council
from tasks.workflow.decision_items import (  # noqa: F401 (re-exported: the steps use them)
    DecisionRejected,
    Item,
    items,
    official_result,
    role_problem,
)
from tasks.workflow.engine import SYSTEM, Actor, fire, fire_automatic
from tasks.workflow.titles import phase_workflow


def open_appraisal(session: Session, *, campaign: Campaign, phase: Phase) -> dict[str, int]:
    """Check the nominations of the phase's counted reports; put the valid ones under appraisal."""
    nominations = [n for n, _ in phase_nominations(session, campaign=campaign, phase=phase)]
    automatic = fire_automatic(
        session, nominations, phase=phase, workflow=phase_workflow(campaign, phase)
    )
    started = [
        fire(
            session,
            n,
            "start_appraisal",
            SYSTEM,
            phase=phase,
            workflow=phase_workflow(campaign, phase),
        )
        for n in nominations
        if n.state == "valid"
    ]
    states = Counter(n.state for n in nominations)
    return {"checked": len(automatic), "started": len(started), **states}


def check_verification(
    session: Session, *, campaign: Campaign, phase: Phase, decision: VerificationDecision
) -> list[str]:
    """Return every rule Sở Nội vụ's verification breaks."""
    problems = role_problem(decision.decider_role, "home_affairs")
    pending = {
        i.nomination.id
        for i in items(
            session, campaign_code=campaign.code, phase_code=phase.code, states=("proposed",)
        )
    }
    given = Counter(item.nomination_id for item in decision.items)
    problems += [f"Đề nghị số {n} có {c} ý kiến." for n, c in given.items() if c > 1]
    problems += [
        f"Đề nghị số {n} không ở trạng thái «Được đề xuất trong chỉ tiêu»."
        for n in given
        if n not in pending
    ]
    problems += [f"Chưa có ý kiến cho đề nghị số {n}." for n in sorted(pending - set(given))]  # type: ignore[type-var]
    problems += [
        f"Đề nghị số {item.nomination_id}: trả lại Hội đồng phải ghi rõ lý do."
        for item in decision.items
        if not item.agree and not item.comment
    ]
    return problems


def record_verification(
    session: Session, *, campaign: Campaign, phase: Phase, decision: VerificationDecision
) -> list[int]:
    """Record Sở Nội vụ's verification; return the nominations verified."""
    problems = check_verification(session, campaign=campaign, phase=phase, decision=decision)
    if problems:
        raise DecisionRejected(problems)
    actor = Actor(decision.decider_name, decision.decider_role)
    verified = []
    for item in decision.items:
        nomination = session.get(Nomination, item.nomination_id)
        assert nomination is not None
        fire(
            session,
            nomination,
            "verify" if item.agree else "send_back",
            actor,
            comment=item.comment,
            data=item.model_dump(mode="json"),
            phase=phase,
            workflow=phase_workflow(campaign, phase),
        )
        if item.agree:
            verified.append(item.nomination_id)
    return verified


def submit_verified(
    session: Session, *, campaign: Campaign, phase: Phase, actor: Actor
) -> list[int]:
    """Move every verified nomination of the phase to the Chairman; return them."""
    pending = items(
        session, campaign_code=campaign.code, phase_code=phase.code, states=("verified",)
    )
    if not pending:
        body = phase.home_affairs_department.name
        raise DecisionRejected([f"{phase.name}: chưa có đề nghị nào được {body} thẩm tra."])
    for item in pending:
        fire(
            session,
            item.nomination,
            "submit_to_chairman",
            actor,
            phase=phase,
            workflow=phase_workflow(campaign, phase),
        )
    return [item.nomination.id for item in pending]  # type: ignore[misc]


FORMS: dict[str, type[CouncilDecision] | type[VerificationDecision] | type[ChairmanDecision]] = {
    "council": CouncilDecision,
    "verification": VerificationDecision,
    "chairman": ChairmanDecision,
}
_CHECKS: dict[str, Any] = {
    "council": check_council,
    "verification": check_verification,
    "chairman": check_chairman,
}
_RECORDS: dict[str, Any] = {
    "council": record_council,
    "verification": record_verification,
    "chairman": record_chairman,
}


def form_problems(error: ValidationError) -> list[str]:
    """Return a form's validation errors as Vietnamese lines naming the field."""
    return [
        f"Trường {'.'.join(str(p) for p in item['loc']) or '(gốc)'}: {item['msg']}."
        for item in error.errors(include_url=False)
    ]


def apply(
    session: Session,
    *,
    campaign: Campaign,
    phase: Phase,
    step: str,
    payload: dict[str, Any],
    save: bool,
) -> tuple[list[str], Any]:
    """Check a step's decision (council, verification, chairman); record it when save and valid."""
    if step not in FORMS:
        return [f"Không có bước «{step}»; các bước: {', '.join(FORMS)}."], None
    try:
        decision = FORMS[step].model_validate(payload)
    except ValidationError as error:
        return form_problems(error), None
    problems = _CHECKS[step](session, campaign=campaign, phase=phase, decision=decision)
    if problems or not save:
        return problems, None
    return [], _RECORDS[step](session, campaign=campaign, phase=phase, decision=decision)
