"""The review bodies' decisions: checked whole against the workflow, then recorded at once."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from sqlmodel import Session, col, select

from models.campaign import Campaign, Phase
from models.nominee_kinds import NOMINEE_KINDS
from models.review_decisions import ChairmanDecision, CouncilDecision, VerificationDecision
from models.tables import (
    AwardDecision,
    CouncilMeeting,
    CouncilVote,
    Nomination,
    Nominee,
    PhaseCandidate,
    PhaseResult,
    Submission,
)
from models.workflow import nomination_workflow
from tasks.review.candidates import phase_nominations
from tasks.workflow.council import no_quorum_reason, vote_problems
from tasks.workflow.engine import SYSTEM, Actor, data_hash, fire, fire_automatic
from tasks.workflow.errors import WorkflowError
from tasks.workflow.guards import quota_of, quota_taken
from tasks.workflow.issuer_checks import issuer_problems


class DecisionRejected(WorkflowError):
    """A decision that breaks the workflow's rules; every problem is listed."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("Quyết định chưa được ghi nhận: " + " ".join(problems))


@dataclass
class Item:
    """A nomination with its nominee and its place in the newest official proposal."""

    nomination: Nomination
    nominee: Nominee
    candidate: PhaseCandidate | None


def official_result(session: Session, *, campaign_code: str, phase_code: str) -> PhaseResult | None:
    """Return the newest official proposal of a phase."""
    return session.exec(
        select(PhaseResult)
        .where(
            PhaseResult.campaign_code == campaign_code,
            PhaseResult.phase_code == phase_code,
            col(PhaseResult.is_official).is_(True),
        )
        .order_by(col(PhaseResult.id).desc())
    ).first()


def items(
    session: Session, *, campaign_code: str, phase_code: str, states: tuple[str, ...]
) -> list[Item]:
    """Return the phase's nominations in states, in the official proposal's order."""
    result = official_result(session, campaign_code=campaign_code, phase_code=phase_code)
    placed: dict[int, PhaseCandidate] = {}
    if result is not None:
        placed = {
            c.nomination_id: c
            for c in session.exec(
                select(PhaseCandidate).where(PhaseCandidate.phase_result_id == result.id)
            ).all()
        }
    rows = session.exec(
        select(Nomination, Nominee)
        .join(Nominee, col(Nominee.id) == col(Nomination.nominee_id))
        .join(Submission, col(Submission.id) == col(Nomination.submission_id))
        .where(
            Nomination.campaign_code == campaign_code,
            Nomination.phase_code == phase_code,
            col(Nomination.state).in_(states),
            col(Submission.is_counted).is_(True),  # a re-upload supersedes its nominations
        )
        .order_by(col(Nomination.id))
    ).all()
    found = [Item(n, e, placed.get(n.id)) for n, e in rows]  # type: ignore[arg-type]

    def order(item: Item) -> tuple[int, int, str, int, int]:
        rank = item.candidate.rank if item.candidate and item.candidate.rank else 10**9
        kind = 0 if item.nominee.kind == "tap_the" else 1
        nomination = item.nomination  # business keys first: database ids vary between replays
        return (kind, rank, nomination.proposing_unit_code, nomination.row or 0, nomination.id or 0)

    return sorted(found, key=order)


def open_appraisal(session: Session, *, campaign: Campaign, phase: Phase) -> dict[str, int]:
    """Check the nominations of the phase's counted reports; put the valid ones under appraisal."""
    nominations = [n for n, _ in phase_nominations(session, campaign=campaign, phase=phase)]
    automatic = fire_automatic(session, nominations, phase=phase)
    started = [
        fire(session, n, "start_appraisal", SYSTEM, phase=phase)
        for n in nominations
        if n.state == "valid"
    ]
    states = Counter(n.state for n in nominations)
    return {"checked": len(automatic), "started": len(started), **states}


def _role_problem(role: str, expected: str) -> list[str]:
    if role == expected:
        return []
    workflow = nomination_workflow()
    return [
        f"Vai trò «{workflow.role_title(role)}» không được ghi quyết định này; cần vai trò "
        f"«{workflow.role_title(expected)}» (mã {expected})."
    ]


def check_council(
    session: Session, *, campaign: Campaign, phase: Phase, decision: CouncilDecision
) -> list[str]:
    """Return every rule the council's decision breaks (empty when it can be recorded)."""
    problems = _role_problem(decision.decider_role, "council")
    present = len(decision.attendees)
    if present > decision.members_total:
        problems.append(
            f"Số thành viên có mặt ({present}) lớn hơn tổng số thành viên Hội đồng "
            f"({decision.members_total})."
        )
    if present <= decision.members_total and no_quorum_reason(campaign.council, decision):
        return problems  # without quorum the meeting decides nothing: only its reason is kept
    pending = {
        i.nomination.id: i
        for i in items(
            session,
            campaign_code=campaign.code,
            phase_code=phase.code,
            states=("under_appraisal",),
        )
    }
    counted = Counter(vote.nomination_id for vote in decision.votes)
    problems += [f"Đề nghị số {n} được biểu quyết {c} lần." for n, c in counted.items() if c > 1]
    problems += [
        f"Đề nghị số {n} không ở trạng thái «Đang thẩm định» của {phase.name}."
        for n in counted
        if n not in pending
    ]
    problems += [
        f"Chưa có biểu quyết cho đề nghị số {n} ({pending[n].nominee.full_name})."
        for n in pending
        if n not in counted
    ]
    accepted: Counter[str] = Counter()
    for vote in decision.votes:
        item = pending.get(vote.nomination_id)
        label = f"Đề nghị số {vote.nomination_id}"
        problems += vote_problems(campaign.council, decision, vote, label)
        if item is None or not vote.accept:
            continue
        if item.candidate is not None and not item.candidate.eligible:
            problems.append(f"{label}: không đủ điều kiện ({item.candidate.reason}).")
        elif item.candidate is not None and item.candidate.rank is None:
            problems.append(f"{label}: không được xếp hạng ({item.candidate.reason}).")
        accepted[item.nominee.kind] += 1
    for kind, count in sorted(accepted.items()):
        taken = quota_taken(session, campaign_code=campaign.code, phase_code=phase.code, kind=kind)
        quota = quota_of(phase, kind)
        if taken + count > quota:
            problems.append(
                f"Vượt chỉ tiêu: đề xuất {count} {NOMINEE_KINDS[kind]} (đã có {taken}) trong khi "
                f"{phase.name} ({phase.quarter}) chỉ được tối đa {quota}."
            )
    return problems


def _ties(session: Session, *, campaign: Campaign, phase: Phase) -> dict[int, str]:
    """Return the proposal's note of every candidate it left tied at the cut for the council."""
    result = official_result(session, campaign_code=campaign.code, phase_code=phase.code)
    if result is None:
        return {}
    return {
        c.nomination_id: c.tie_break or "Đồng hạng tại đường cắt"
        for c in session.exec(
            select(PhaseCandidate).where(PhaseCandidate.phase_result_id == result.id)
        ).all()
        if c.breakdown.get("tied_at_cut")
    }


def _with_tie(tie: str | None, reason: str) -> str:
    """Keep the tie in the minutes' data: the vote decided a tie the proposal left open."""
    if not tie or tie in reason:
        return reason
    return f"{tie}. {reason}".strip()[:4000]


def record_council(
    session: Session, *, campaign: Campaign, phase: Phase, decision: CouncilDecision
) -> CouncilMeeting:
    """Record the council's meeting, votes and transitions in one transaction, or refuse all."""
    problems = check_council(session, campaign=campaign, phase=phase, decision=decision)
    if problems:
        raise DecisionRejected(problems)
    result = official_result(session, campaign_code=campaign.code, phase_code=phase.code)
    reason = no_quorum_reason(campaign.council, decision)
    payload = decision.model_dump(mode="json")
    if reason is not None:
        payload = {k: v for k, v in payload.items() if k != "votes"}  # nothing but the reason
    meeting = CouncilMeeting(
        campaign_code=campaign.code,
        phase_code=phase.code,
        phase_result_id=result.id if result else None,
        held_on=decision.meeting_date,
        start_time=decision.start_time,
        end_time=decision.end_time,
        venue=decision.venue,
        chair_name=decision.chair_name,
        chair_post=decision.chair_post,
        secretary_name=decision.secretary_name,
        secretary_post=decision.secretary_post,
        attendees=[a.model_dump() for a in decision.attendees],
        members_total=decision.members_total,
        quorum_met=reason is None,
        no_quorum_reason=reason,
        recorded_by_name=decision.decider_name,
        recorded_by_role=decision.decider_role,
        data_sha256=data_hash(payload) or "",
    )
    session.add(meeting)
    session.flush()
    if reason is not None:
        return meeting
    actor = Actor(decision.decider_name, decision.decider_role)
    ties = _ties(session, campaign=campaign, phase=phase)
    for vote in decision.votes:
        session.add(
            CouncilVote(
                meeting_id=meeting.id,  # type: ignore[arg-type]
                nomination_id=vote.nomination_id,
                votes_for=vote.votes_for,
                votes_against=vote.votes_against,
                votes_abstain=vote.votes_abstain,
                written_for=vote.written_for,
                accepted=vote.accept,
                reason=_with_tie(ties.get(vote.nomination_id), vote.reason),
            )
        )
        move = (
            "propose"
            if vote.accept
            else ("return_for_completion" if vote.return_for_completion else "decline")
        )
        nomination = session.get(Nomination, vote.nomination_id)
        assert nomination is not None  # checked above
        fire(
            session,
            nomination,
            move,
            actor,
            comment=vote.reason,
            data={"meeting": meeting.data_sha256, "vote": vote.model_dump(mode="json")},
            phase=phase,
        )
    session.flush()
    return meeting


def check_verification(
    session: Session, *, campaign: Campaign, phase: Phase, decision: VerificationDecision
) -> list[str]:
    """Return every rule Sở Nội vụ's verification breaks."""
    problems = _role_problem(decision.decider_role, "home_affairs")
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
        raise DecisionRejected([f"{phase.name}: chưa có đề nghị nào được Sở Nội vụ thẩm tra."])
    for item in pending:
        fire(session, item.nomination, "submit_to_chairman", actor, phase=phase)
    return [item.nomination.id for item in pending]  # type: ignore[misc]


def check_chairman(
    session: Session, *, campaign: Campaign, phase: Phase, decision: ChairmanDecision
) -> list[str]:
    """Return every rule the Chairman's decision, as entered, breaks."""
    problems = _role_problem(decision.decider_role, "chairman_office")
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
        )
    session.flush()
    return record


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
