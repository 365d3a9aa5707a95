"""A phase's nominations as the review bodies decide on them, and a refused decision."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from models.tables import (
    Nomination,
    Nominee,
    PhaseCandidate,
    PhaseResult,
    Submission,
)
from models.workflow import nomination_workflow
from tasks.workflow.errors import WorkflowError


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


def role_problem(role: str, expected: str) -> list[str]:
    if role == expected:
        return []
    workflow = nomination_workflow()
    return [
        f"Vai trò «{workflow.role_title(role)}» không được ghi quyết định này; cần vai trò "
        f"«{workflow.role_title(expected)}» (mã {expected})."
    ]
