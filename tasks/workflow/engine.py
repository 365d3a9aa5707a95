"""Fire a workflow transition: check state, role, comment and guard; version; write history."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, col, select

from models.campaign import Phase
from models.tables import Nomination, WorkflowTransition
from models.tables.columns import utc_now
from models.workflow import Transition, Workflow, nomination_workflow
from tasks.canonical import canonical_hash
from tasks.workflow.errors import ConcurrentDecisionError, WorkflowError
from tasks.workflow.guards import GUARDS


@dataclass(frozen=True)
class Actor:
    """Who fires a transition, as entered: a name and a workflow role."""

    name: str
    role: str


SYSTEM = Actor(name="Hệ thống thidua", role="system")


def data_hash(data: Any) -> str | None:
    """Return the SHA-256 of data as canonical JSON (None for no data)."""
    if data is None:
        return None
    return canonical_hash(data)


def refusal(
    session: Session,
    nomination: Nomination,
    transition: Transition,
    actor: Actor,
    *,
    comment: str | None,
    workflow: Workflow,
) -> str | None:
    """Return why the state, the role or a missing comment refuses transition, or None."""
    label = f"Đề nghị số {nomination.id}"
    if nomination.state not in transition.sources:
        allowed = ", ".join(f"«{workflow.state_title(s)}»" for s in transition.sources)
        return (
            f"{label} đang ở trạng thái «{workflow.state_title(nomination.state)}»: không thể "
            f"«{transition.title}» (chỉ được khi ở trạng thái {allowed})."
        )
    if actor.role not in transition.roles:
        roles = ", ".join(workflow.role_title(r) for r in transition.roles)
        return (
            f"Vai trò «{workflow.role_title(actor.role)}» không được «{transition.title}»; "
            f"chỉ {roles} được làm việc này."
        )
    if not actor.name.strip():
        return f"{label}: cần ghi họ tên người quyết định."
    if transition.comment_required and not (comment or "").strip():
        return f"{label}: «{transition.title}» phải ghi rõ lý do."
    return None


def guard_problem(
    session: Session, nomination: Nomination, transition: Transition, phase: Phase | None
) -> str | None:
    """Return why transition's data guard refuses nomination, or None."""
    if transition.guard is None:
        return None
    problem = GUARDS[transition.guard](session, nomination, phase)
    return (
        f"Đề nghị số {nomination.id}: không thể «{transition.title}»: {problem}."
        if problem
        else None
    )


def fire(
    session: Session,
    nomination: Nomination,
    transition_id: str,
    actor: Actor,
    *,
    comment: str | None = None,
    data: Any = None,
    phase: Phase | None = None,
    workflow: Workflow | None = None,
) -> WorkflowTransition:
    """Move nomination along transition_id, or raise WorkflowError saying why not."""
    workflow = workflow or nomination_workflow()
    try:
        transition = workflow.transition(transition_id)
    except KeyError as error:
        raise WorkflowError(f"Quy trình không có thao tác «{transition_id}».") from error
    problem = refusal(session, nomination, transition, actor, comment=comment, workflow=workflow)
    if problem:
        raise WorkflowError(problem)
    expected, source = nomination.version, nomination.state
    claimed = session.execute(
        update(Nomination)
        .where(
            col(Nomination.id) == nomination.id,
            col(Nomination.version) == expected,
            col(Nomination.state) == source,
        )
        .values(state=transition.to, version=expected + 1, updated_at=utc_now())
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        raise ConcurrentDecisionError(
            f"Đề nghị số {nomination.id} vừa được người khác quyết định trước (phiên bản "
            f"{expected} đã cũ): hãy tải lại danh sách và quyết định lại."
        )
    set_committed_value(nomination, "state", transition.to)
    set_committed_value(nomination, "version", expected + 1)
    # The guard runs once the row is claimed, so that concurrent quota decisions serialise;
    # a refusal here leaves the claim to the caller's rollback.
    problem = guard_problem(session, nomination, transition, phase)
    if problem:
        raise WorkflowError(problem)
    row = WorkflowTransition(
        nomination_id=nomination.id,  # type: ignore[arg-type]
        transition=transition.id,
        from_state=source,
        to_state=transition.to,
        actor_name=actor.name.strip(),
        actor_role=actor.role,
        comment=(comment or "").strip() or None,
        data_sha256=data_hash(data),
    )
    session.add(row)
    session.flush()
    return row


def fire_automatic(
    session: Session,
    nominations: list[Nomination],
    *,
    phase: Phase | None = None,
    workflow: Workflow | None = None,
) -> list[WorkflowTransition]:
    """Fire every automatic transition whose guard holds, until none does; return them."""
    workflow = workflow or nomination_workflow()
    fired: list[WorkflowTransition] = []
    for nomination in nominations:
        for _ in range(len(workflow.transitions)):
            move = next(
                (
                    t
                    for t in workflow.available(nomination.state, SYSTEM.role)
                    if t.automatic and guard_problem(session, nomination, t, phase) is None
                ),
                None,
            )
            if move is None:
                break
            fired.append(
                fire(
                    session, nomination, move.id, SYSTEM, phase=phase, data=None, workflow=workflow
                )
            )
    return fired


def history(session: Session, nomination_id: int) -> list[WorkflowTransition]:
    """Return a nomination's transitions, oldest first."""
    return list(
        session.exec(
            select(WorkflowTransition)
            .where(WorkflowTransition.nomination_id == nomination_id)
            .order_by(col(WorkflowTransition.at), col(WorkflowTransition.id))
        ).all()
    )
