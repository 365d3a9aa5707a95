"""Store a phase result with one row per candidate (one driver call per 5,000), once per hash."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlmodel import Session, select

from models.campaign import Campaign, Phase
from models.tables import PhaseCandidate, PhaseResult
from models.version import code_version
from tasks.aggregate.bulk import insert_rows, json_text

if TYPE_CHECKING:
    from tasks.review.candidates import CandidateFacts
    from tasks.scoring.selection import Placement

COLUMNS = (
    "phase_result_id",
    "nomination_id",
    "kind",
    "eligible",
    "rank",
    "score",
    "selected",
    "tie_break",
    "reason",
    "breakdown",
)


def store_result(
    session: Session,
    *,
    campaign: Campaign,
    campaign_sha256: str,
    registry_sha256: str,
    phase: Phase,
    official: bool,
    parameters: dict[str, object],
    digest: str,
    inputs: str | None,
    placements: list[tuple[CandidateFacts, Placement]],
) -> PhaseResult:
    """Store a phase result and its candidates, or return the same result stored before."""
    same = session.exec(
        select(PhaseResult).where(
            PhaseResult.campaign_code == campaign.code,
            PhaseResult.phase_code == phase.code,
            PhaseResult.result_sha256 == digest,
            PhaseResult.is_official == official,
        )
    ).first()
    if same is not None:
        if inputs is not None and same.inputs_sha256 != inputs:
            same.inputs_sha256 = inputs  # the next rerun on these inputs returns it at once
            session.add(same)
            session.flush()
        return same  # a rerun on the same inputs: the same result, stored once
    result = PhaseResult(
        campaign_code=campaign.code,
        phase_code=phase.code,
        is_official=official,
        parameters=parameters,
        result_sha256=digest,
        inputs_sha256=inputs,
        campaign_sha256=campaign_sha256,
        registry_sha256=registry_sha256,
        code_version=code_version(),
    )
    session.add(result)
    session.flush()
    assert result.id is not None
    rows = (
        (
            result.id,
            facts.nomination.id,
            facts.nominee.kind,
            placement.candidate.eligible,
            placement.rank,
            placement.candidate.total_score,
            placement.selected,
            placement.tie_break[:255] if placement.tie_break else None,
            " ".join(placement.reasons + facts.notes)[:2000],
            _breakdown_text(facts, placement),
        )
        for facts, placement in placements
    )
    table = PhaseCandidate.__table__  # type: ignore[attr-defined]
    insert_rows(session.connection(), table, COLUMNS, rows)  # bounded: 5,000 rows per call
    return result


def _breakdown_text(facts: CandidateFacts, placement: Placement) -> str:
    """Return json_text() of the candidate's breakdown, its unit's years serialised once.

    yearly and lineage are the breakdown's first keys: json.dumps writes the dict as
    '{"yearly": Y, "lineage": L, ' followed by the rest of its keys, as here.
    """
    rest = json_text(
        {
            "scored_unit": facts.scored_unit,
            "initiatives": placement.candidate.initiatives,
            "on_time_reports": placement.candidate.on_time_reports,
            "priority_woman": placement.candidate.priority_woman,
            "identity": facts.identity,
            "ineligible": list(placement.candidate.ineligible_reasons),
            "earlier_awards": facts.earlier_awards,
            "tied_at_cut": placement.tied_at_cut,
            "seats_left": placement.seats_left,
        }
    )
    unit = facts.unit_phase
    return f'{{"yearly": {unit.yearly_text}, "lineage": {unit.lineage_text}, {rest[1:]}'
