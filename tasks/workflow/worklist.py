"""Worklists: what waits for whom, per role, from the workflow definition's waits_for."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from sqlmodel import Session, col, select

from models.nominee_kinds import kind_label
from models.tables import Nomination, Nominee, PhaseCandidate, PhaseResult, Submission
from models.workflow import Workflow, nomination_workflow
from tasks.campaigns import current_campaign
from tasks.workflow.titles import phase_workflow


@dataclass(frozen=True)
class WorkItem:
    """One nomination waiting for one role."""

    role: str
    state: str
    nomination_id: int
    phase_code: str
    kind: str
    name: str
    proposing_unit: str
    since: datetime
    actions: tuple[str, ...]
    note: str = ""
    state_title: str = ""


def worklist(
    session: Session,
    *,
    campaign_code: str,
    phase_code: str | None = None,
    role: str | None = None,
    workflow: Workflow | None = None,
) -> list[WorkItem]:
    """Return the nominations waiting for role (every role when None), oldest first."""
    workflow = workflow or nomination_workflow()
    waiting = {
        state: [r for r in definition.waits_for if role is None or r == role]
        for state, definition in workflow.states.items()
    }
    states = [state for state, roles in waiting.items() if roles]
    if not states:
        return []
    statement = (
        select(Nomination, Nominee)
        .join(Nominee, col(Nominee.id) == col(Nomination.nominee_id))
        .join(Submission, col(Submission.id) == col(Nomination.submission_id))
        .where(
            Nomination.campaign_code == campaign_code,
            col(Nomination.state).in_(states),
            col(Submission.is_counted).is_(True),  # a re-upload supersedes its nominations
        )
        .order_by(col(Nomination.updated_at), col(Nomination.id))
    )
    if phase_code is not None:
        statement = statement.where(Nomination.phase_code == phase_code)
    notes = _proposal_notes(session, campaign_code=campaign_code)
    worded = phase_wording(session, campaign_code=campaign_code)
    return [
        WorkItem(
            role=who,
            state=nomination.state,
            nomination_id=nomination.id,  # type: ignore[arg-type]
            phase_code=nomination.phase_code,
            kind=nominee.kind,
            name=nominee.full_name,
            proposing_unit=nomination.proposing_unit_code,
            since=nomination.updated_at,
            actions=tuple(
                t.title for t in worded(nomination.phase_code).available(nomination.state, who)
            ),
            note=notes.get(nomination.id or 0, ""),
            state_title=worded(nomination.phase_code).state_title(nomination.state),
        )
        for nomination, nominee in session.exec(statement).all()
        for who in waiting[nomination.state]
    ]


def phase_wording(session: Session, *, campaign_code: str) -> Callable[[str], Workflow]:
    """Return phase code → the workflow worded with that phase's bodies (shipped wording else)."""
    try:
        campaign, _ = current_campaign(session, code=campaign_code)
    except KeyError:
        return lambda _phase_code: nomination_workflow()

    @cache
    def worded(phase_code: str) -> Workflow:
        try:
            return phase_workflow(campaign, campaign.phase(phase_code))
        except KeyError:
            return nomination_workflow()

    return worded


def _proposal_notes(session: Session, *, campaign_code: str) -> dict[int, str]:
    """Return, per nomination, what the newest official proposal says the council must see."""
    newest: dict[str, PhaseResult] = {}
    for result in session.exec(
        select(PhaseResult)
        .where(PhaseResult.campaign_code == campaign_code, col(PhaseResult.is_official).is_(True))
        .order_by(col(PhaseResult.created_at), col(PhaseResult.id))
    ).all():
        newest[result.phase_code] = result
    notes: dict[int, str] = {}
    for candidate in session.exec(
        select(PhaseCandidate).where(
            col(PhaseCandidate.phase_result_id).in_([r.id for r in newest.values()])
        )
    ).all():
        if candidate.breakdown.get("tied_at_cut"):
            notes[candidate.nomination_id] = candidate.tie_break or "Đồng hạng tại đường cắt"
        elif not candidate.eligible:
            notes[candidate.nomination_id] = "Không đủ điều kiện: " + "; ".join(
                candidate.breakdown.get("ineligible", [])
            )
    return notes


def worklist_rows(items: list[WorkItem], workflow: Workflow | None = None) -> list[dict[str, str]]:
    """Return items as table rows with Vietnamese headings."""
    workflow = workflow or nomination_workflow()
    return [
        {
            "Vai trò": workflow.role_title(item.role),
            "Mã đề nghị": str(item.nomination_id),
            "Đợt": item.phase_code,
            "Loại": kind_label(item.kind, capitalised=True),
            "Tên": item.name,
            "Đơn vị đề nghị": item.proposing_unit,
            "Trạng thái": item.state_title or workflow.state_title(item.state),
            "Từ": f"{item.since:%d/%m/%Y %H:%M}",
            "Việc cần làm": "; ".join(item.actions) or "-",
            "Ghi chú xét chọn": item.note,
        }
        for item in items
    ]
