"""The appraisal council's decision: votes checked whole against quorum, quota and ties."""

from __future__ import annotations

from collections import Counter

from sqlmodel import Session, select

from models.campaign import Campaign, Phase
from models.nominee_kinds import NOMINEE_KINDS
from models.review_decisions import CouncilDecision
from models.tables import (
    CouncilMeeting,
    CouncilVote,
    Nomination,
    PhaseCandidate,
)
from tasks.workflow.council import no_quorum_reason, vote_problems
from tasks.workflow.decision_items import (
    DecisionRejected,
    items,
    official_result,
    role_problem,
)
from tasks.workflow.engine import Actor, data_hash, fire
from tasks.workflow.guards import quota_of, quota_taken
from tasks.workflow.titles import phase_workflow


def check_council(
    session: Session, *, campaign: Campaign, phase: Phase, decision: CouncilDecision
) -> list[str]:
    """Return every rule the council's decision breaks (empty when it can be recorded)."""
    problems = role_problem(decision.decider_role, "council")
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
            workflow=phase_workflow(campaign, phase),
        )
    session.flush()
    return meeting
