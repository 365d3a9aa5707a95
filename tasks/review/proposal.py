"""Propose a phase's awards within quota, store the explained result, compare what-ifs with it."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from sqlmodel import Session, col, select

from models.campaign import Campaign, Phase
from models.tables import PhaseResult, UnitYearResult
from tasks.aggregate.collection import fewer_collections
from tasks.aggregate.inputs import phase_inputs
from tasks.aggregate.yearly import evaluate_units
from tasks.canonical import canonical_json as canonical
from tasks.registry.version import registry_version
from tasks.review.candidates import CandidateFacts, gather
from tasks.review.difference import placed_difference, stored_difference
from tasks.review.store import store_result
from tasks.scoring.selection import Placement, select_candidates

KINDS = {"tap_the": "collective", "ca_nhan": "individual"}


Placements = list[tuple[CandidateFacts, Placement]]


@dataclass
class Proposal:
    """A stored phase result and its placements, collectives then individuals.

    A rerun whose inputs did not change returns the stored result at once (reused); its
    placements are computed again only if someone reads them (the tables of the artifacts).
    """

    result: PhaseResult
    computed: Placements | None
    entering: list[str]
    leaving: list[str]
    compute: Callable[[], Placements] | None = None

    @property
    def reused(self) -> bool:
        """Return whether the stored result was returned without computing it again."""
        return self.compute is not None

    @property
    def placements(self) -> Placements:
        """Return the placements, computing them on first reading for a reused result."""
        if self.computed is None:
            assert self.compute is not None
            self.computed = self.compute()
        return self.computed


def _row(facts: CandidateFacts, placement: Placement) -> dict[str, object]:
    return {
        "nomination": placement.candidate.key,  # unit and row: ids vary between replays
        "kind": facts.nominee.kind,
        "name": facts.nominee.full_name,
        "rank": placement.rank,
        "selected": placement.selected,
        "score": placement.candidate.total_score,
        "eligible": placement.candidate.eligible,
        "initiatives": placement.candidate.initiatives,
        "yearly": facts.unit_phase.yearly_by_name,
        "lineage": facts.lineage,
        "tie_break": placement.tie_break,
        "tied_at_cut": placement.tied_at_cut,
        "seats_left": placement.seats_left,
        "reasons": placement.reasons + facts.notes,
    }


def _row_json(facts: CandidateFacts, placement: Placement) -> str:
    """Return canonical(_row()), the unit's lineage and yearly scores serialised once per unit.

    Both are put in as null and replaced: an unescaped '"lineage":null' is only ever that key
    (a quote inside a JSON string is escaped), and "yearly" is the last key in sorted order.
    """
    row = _row(facts, placement)
    row["lineage"] = row["yearly"] = None
    text = canonical(row)
    text = text.replace('"lineage":null', f'"lineage":{facts.unit_phase.lineage_json}', 1)
    assert text.endswith('"yearly":null}')
    return f"{text[: -len('null}')]}{facts.unit_phase.yearly_json}}}"


def _digest(
    *,
    campaign_sha256: str,
    registry_sha256: str,
    parameters: dict[str, object],
    placements: Placements,
) -> str:
    """Return result_hash() of the result, placement by placement (no 300,000-row string).

    The bytes hashed are those of json.dumps of the whole: keys sorted, compact separators.
    """
    digest = hashlib.sha256()
    digest.update(f'{{"campaign_sha256":{canonical(campaign_sha256)},'.encode())
    digest.update(f'"parameters":{canonical(parameters)},"placements":['.encode())
    for n, (facts, placement) in enumerate(placements):
        digest.update((("," if n else "") + _row_json(facts, placement)).encode())
    digest.update(f'],"registry_sha256":{canonical(registry_sha256)}}}'.encode())
    return digest.hexdigest()


@fewer_collections()
def propose(
    session: Session,
    *,
    campaign: Campaign,
    campaign_sha256: str,
    phase: Phase,
    collective_quota: int | None = None,
    individual_quota: int | None = None,
    weights: dict[str, float] | None = None,
) -> Proposal:
    """Rank collectives and individuals apart and propose within the quotas; store the result."""
    quotas = {
        "tap_the": phase.quotas.collective if collective_quota is None else collective_quota,
        "ca_nhan": phase.quotas.individual if individual_quota is None else individual_quota,
    }
    official = not weights and quotas == {
        "tap_the": phase.quotas.collective,
        "ca_nhan": phase.quotas.individual,
    }
    parameters: dict[str, object] = {
        "collective_quota": quotas["tap_the"],
        "individual_quota": quotas["ca_nhan"],
        "weights": dict(sorted((weights or {}).items())),
    }
    inputs = (
        None
        if weights  # a what-if on weights scores every report again: never reused
        else phase_inputs(
            session,
            campaign=campaign,
            campaign_sha256=campaign_sha256,
            phase=phase,
            parameters=parameters,
            official=official,
        )
    )
    if inputs is not None and (found := _same_inputs(session, campaign, phase, official, inputs)):
        baseline = latest_official(session, campaign=campaign.code, phase=phase.code)
        entering, leaving = (
            stored_difference(session, baseline, found) if not official else ([], [])
        )
        return Proposal(
            found,
            None,
            entering,
            leaving,
            compute=lambda: _place(session, campaign=campaign, phase=phase, quotas=quotas),
        )
    rescored = (
        rescore(session, campaign=campaign, phase=phase, weights=weights) if weights else None
    )
    placements = _place(session, campaign=campaign, phase=phase, quotas=quotas, rescored=rescored)
    registry_sha = registry_version(
        session, registry=campaign.registry, on=campaign.phase_date(phase)
    )
    digest = _digest(
        campaign_sha256=campaign_sha256,
        registry_sha256=registry_sha,
        parameters=parameters,
        placements=placements,
    )
    baseline = latest_official(session, campaign=campaign.code, phase=phase.code)
    result = store_result(
        session,
        campaign=campaign,
        campaign_sha256=campaign_sha256,
        registry_sha256=registry_sha,
        phase=phase,
        official=official,
        parameters=parameters,
        digest=digest,
        inputs=inputs,
        placements=placements,
    )
    entering, leaving = (
        placed_difference(session, baseline, placements) if not official else ([], [])
    )
    return Proposal(result, placements, entering, leaving)


def _place(
    session: Session,
    *,
    campaign: Campaign,
    phase: Phase,
    quotas: dict[str, int],
    rescored: list[UnitYearResult] | None = None,
) -> Placements:
    """Gather the phase's candidates and rank each kind within its quota."""
    facts = gather(session, campaign=campaign, phase=phase, rescored=rescored)
    by_key = {f.candidate.key: f for f in facts if f.candidate is not None}
    placements: Placements = []
    rules = {"tap_the": phase.tie_breaks, "ca_nhan": phase.individual_ranking}
    for kind in KINDS:
        pool = [f.candidate for f in facts if f.candidate is not None and f.nominee.kind == kind]
        for placement in select_candidates(pool, quota=quotas[kind], rules=rules[kind]):
            placements.append((by_key[placement.candidate.key], placement))
    return placements


def _same_inputs(
    session: Session, campaign: Campaign, phase: Phase, official: bool, inputs: str
) -> PhaseResult | None:
    """Return the newest stored result of the phase computed from the same inputs."""
    return session.exec(
        select(PhaseResult)
        .where(
            PhaseResult.campaign_code == campaign.code,
            PhaseResult.phase_code == phase.code,
            PhaseResult.is_official == official,
            PhaseResult.inputs_sha256 == inputs,
        )
        .order_by(col(PhaseResult.id).desc())
    ).first()


def rescore(
    session: Session, *, campaign: Campaign, phase: Phase, weights: dict[str, float]
) -> list[UnitYearResult]:
    """Return every unit's phase years scored again with other criterion weights, unstored."""
    unknown = sorted(set(weights) - {i.code for i in campaign.indicators})
    if unknown:
        raise ValueError(f"Không có chỉ tiêu {', '.join(unknown)} trong phong trào.")
    changed = campaign.model_copy(
        update={
            "indicators": [
                i.model_copy(update={"weight": weights.get(i.code, i.weight)})
                for i in campaign.indicators
            ]
        }
    )
    return [
        UnitYearResult(
            campaign_code=campaign.code,
            year=year,
            unit_code=item.unit.code,
            report_status=item.evaluation.report_status.value,
            score=item.evaluation.score,
            breakdown=item.evaluation.breakdown(),
            campaign_sha256="",
            code_version="",
        )
        for year in phase.years
        for item in evaluate_units(session, campaign=changed, year=year)
    ]


def latest_official(session: Session, *, campaign: str, phase: str) -> PhaseResult | None:
    """Return the newest official result of a phase."""
    return session.exec(
        select(PhaseResult)
        .where(
            PhaseResult.campaign_code == campaign,
            PhaseResult.phase_code == phase,
            col(PhaseResult.is_official).is_(True),
        )
        .order_by(col(PhaseResult.id).desc())
    ).first()
