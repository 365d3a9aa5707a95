"""A unit's nominations of a phase as the plan judges them: complete, eligible, and why not."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from models.campaign import Campaign, Phase
from tasks.review.candidates import INCOMPLETE, gather


@dataclass(frozen=True)
class NominationStanding:
    """One nomination of a unit: whether its dossier is complete, whether it is eligible, why."""

    nomination_id: int
    name: str
    kind: str
    complete: bool
    eligible: bool
    reasons: tuple[str, ...]
    notes: tuple[str, ...]


def unit_standing(
    session: Session, *, campaign: Campaign, phase: Phase, unit_code: str
) -> list[NominationStanding]:
    """Return the standing of every nomination unit_code made in the phase (read only)."""
    return [
        NominationStanding(
            nomination_id=facts.nomination.id or 0,
            name=facts.nominee.full_name,
            kind=facts.nominee.kind,
            complete=facts.nomination.dossier_complete,
            eligible=not facts.ineligible,
            reasons=tuple(facts.ineligible),
            notes=tuple(facts.notes),
        )
        for facts in gather(session, campaign=campaign, phase=phase)
        if facts.nomination.proposing_unit_code == unit_code
    ]


def standing_line(standings: list[NominationStanding]) -> str:
    """Return one Vietnamese line saying what a unit's nominations amount to."""
    if not standings:
        return "Đề nghị khen thưởng: không có."
    eligible = sum(s.eligible for s in standings)
    line = f"Đề nghị khen thưởng: {eligible}/{len(standings)} đủ điều kiện"
    incomplete = [s.name for s in standings if not s.complete]
    if incomplete:
        line += f"; {INCOMPLETE}: {', '.join(incomplete)}"
    others = [
        f"{s.name} ({'; '.join(r for r in s.reasons if r != INCOMPLETE)})"
        for s in standings
        if not s.eligible and any(r != INCOMPLETE for r in s.reasons)
    ]
    if others:
        line += f"; không đủ điều kiện: {', '.join(others)}"
    return line + "."
