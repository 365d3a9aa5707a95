"""Who a what-if adds to and removes from the official proposal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlmodel import Session, col

from models.tables import Nomination, Nominee, PhaseCandidate, PhaseResult

if TYPE_CHECKING:
    from tasks.review.candidates import CandidateFacts
    from tasks.scoring.selection import Placement


def _selected(session: Session, result: PhaseResult) -> set[int]:
    return set(
        session.exec(
            select(col(PhaseCandidate.nomination_id)).where(
                col(PhaseCandidate.phase_result_id) == result.id,
                col(PhaseCandidate.selected).is_(True),
            )
        ).scalars()  # type: ignore[call-overload]
    )


def _compare(
    official: set[int], chosen: set[int], names: dict[int, str]
) -> tuple[list[str], list[str]]:
    return (
        [names[i] for i in sorted(chosen - official)],
        [names.get(i, str(i)) for i in sorted(official - chosen)],
    )


def placed_difference(
    session: Session,
    baseline: PhaseResult | None,
    placements: list[tuple[CandidateFacts, Placement]],
) -> tuple[list[str], list[str]]:
    """Return who a what-if's placements add to and remove from the official proposal."""
    if baseline is None:
        return [], []
    names = {f.nomination.id or 0: f.nominee.full_name for f, _ in placements}
    chosen = {f.nomination.id or 0 for f, p in placements if p.selected}
    return _compare(_selected(session, baseline), chosen, names)


def stored_difference(
    session: Session, baseline: PhaseResult | None, result: PhaseResult
) -> tuple[list[str], list[str]]:
    """Return the same for a stored what-if, from its stored candidates (nothing computed)."""
    if baseline is None:
        return [], []
    names = dict(
        session.connection()
        .execute(
            select(col(PhaseCandidate.nomination_id), col(Nominee.full_name))
            .join(Nomination, col(Nomination.id) == col(PhaseCandidate.nomination_id))
            .join(Nominee, col(Nominee.id) == col(Nomination.nominee_id))
            .where(col(PhaseCandidate.phase_result_id) == result.id)
        )
        .all()
    )
    return _compare(_selected(session, baseline), _selected(session, result), names)
