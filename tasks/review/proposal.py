"""Propose a phase's awards within quota, store the explained result, compare what-ifs with it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import insert
from sqlmodel import Session, col, select

from models.campaign import Campaign, Phase
from models.tables import PhaseCandidate, PhaseResult, UnitYearResult
from models.version import code_version
from tasks.aggregate.summary import result_hash
from tasks.aggregate.yearly import evaluate_units
from tasks.registry.version import registry_version
from tasks.review.candidates import CandidateFacts, gather
from tasks.scoring.selection import Placement, select_candidates

KINDS = {"tap_the": "collective", "ca_nhan": "individual"}


@dataclass
class Proposal:
    """A stored phase result and its placements, collectives then individuals."""

    result: PhaseResult
    placements: list[tuple[CandidateFacts, Placement]]
    entering: list[str]
    leaving: list[str]


def _rows(placements: list[tuple[CandidateFacts, Placement]]) -> list[dict[str, object]]:
    return [
        {
            "nomination": placement.candidate.key,  # unit and row: ids vary between replays
            "kind": facts.nominee.kind,
            "name": facts.nominee.full_name,
            "rank": placement.rank,
            "selected": placement.selected,
            "score": placement.candidate.total_score,
            "eligible": placement.candidate.eligible,
            "initiatives": placement.candidate.initiatives,
            "yearly": {str(year): score for year, score in sorted(facts.yearly.items())},
            "lineage": facts.lineage,
            "tie_break": placement.tie_break,
            "tied_at_cut": placement.tied_at_cut,
            "seats_left": placement.seats_left,
            "reasons": placement.reasons + facts.notes,
        }
        for facts, placement in placements
    ]


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
    rescored = (
        rescore(session, campaign=campaign, phase=phase, weights=weights) if weights else None
    )
    facts = gather(session, campaign=campaign, phase=phase, rescored=rescored)
    by_key = {f.candidate.key: f for f in facts if f.candidate is not None}
    placements: list[tuple[CandidateFacts, Placement]] = []
    rules = {"tap_the": phase.tie_breaks, "ca_nhan": phase.individual_ranking}
    for kind in KINDS:
        pool = [f.candidate for f in facts if f.candidate is not None and f.nominee.kind == kind]
        for placement in select_candidates(pool, quota=quotas[kind], rules=rules[kind]):
            placements.append((by_key[placement.candidate.key], placement))
    rows = _rows(placements)
    parameters: dict[str, object] = {
        "collective_quota": quotas["tap_the"],
        "individual_quota": quotas["ca_nhan"],
        "weights": dict(sorted((weights or {}).items())),
    }
    registry_sha = registry_version(
        session, registry=campaign.registry, on=campaign.phase_date(phase)
    )
    digest = result_hash(
        {
            "campaign_sha256": campaign_sha256,
            "registry_sha256": registry_sha,
            "parameters": parameters,
            "placements": rows,
        }
    )
    baseline = latest_official(session, campaign=campaign.code, phase=phase.code)
    result = _store(
        session,
        campaign=campaign,
        campaign_sha256=campaign_sha256,
        registry_sha256=registry_sha,
        phase=phase,
        official=official,
        parameters=parameters,
        digest=digest,
        placements=placements,
    )
    entering, leaving = _difference(session, baseline, placements) if not official else ([], [])
    return Proposal(result, placements, entering, leaving)


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


def _store(
    session: Session,
    *,
    campaign: Campaign,
    campaign_sha256: str,
    registry_sha256: str,
    phase: Phase,
    official: bool,
    parameters: dict[str, object],
    digest: str,
    placements: list[tuple[CandidateFacts, Placement]],
) -> PhaseResult:
    same = session.exec(
        select(PhaseResult).where(
            PhaseResult.campaign_code == campaign.code,
            PhaseResult.phase_code == phase.code,
            PhaseResult.result_sha256 == digest,
            PhaseResult.is_official == official,
        )
    ).first()
    if same is not None:
        return same  # a rerun on the same inputs: the same result, stored once
    result = PhaseResult(
        campaign_code=campaign.code,
        phase_code=phase.code,
        is_official=official,
        parameters=parameters,
        result_sha256=digest,
        campaign_sha256=campaign_sha256,
        registry_sha256=registry_sha256,
        code_version=code_version(),
    )
    session.add(result)
    session.flush()
    assert result.id is not None
    rows = [
        {
            "phase_result_id": result.id,
            "nomination_id": facts.nomination.id,
            "kind": facts.nominee.kind,
            "eligible": placement.candidate.eligible,
            "rank": placement.rank,
            "score": placement.candidate.total_score,
            "selected": placement.selected,
            "tie_break": placement.tie_break[:255] if placement.tie_break else None,
            "reason": " ".join(placement.reasons + facts.notes)[:2000],
            "breakdown": {
                "yearly": {str(y): s for y, s in sorted(facts.yearly.items())},
                "lineage": facts.lineage,
                "scored_unit": facts.scored_unit,
                "initiatives": placement.candidate.initiatives,
                "on_time_reports": placement.candidate.on_time_reports,
                "priority_woman": placement.candidate.priority_woman,
                "identity": facts.identity,
                "ineligible": list(placement.candidate.ineligible_reasons),
                "earlier_awards": facts.earlier_awards,
                "tied_at_cut": placement.tied_at_cut,
                "seats_left": placement.seats_left,
            },
        }
        for facts, placement in placements
    ]
    if rows:
        session.connection().execute(insert(PhaseCandidate.__table__), rows)  # type: ignore[attr-defined]
    return result


def _difference(
    session: Session,
    baseline: PhaseResult | None,
    placements: list[tuple[CandidateFacts, Placement]],
) -> tuple[list[str], list[str]]:
    """Return who a what-if adds to and removes from the official proposal."""
    if baseline is None:
        return [], []
    official = set(
        session.exec(
            select(PhaseCandidate.nomination_id).where(
                PhaseCandidate.phase_result_id == baseline.id,
                col(PhaseCandidate.selected).is_(True),
            )
        ).all()
    )
    names = {f.nomination.id: f.nominee.full_name for f, _ in placements}
    chosen = {f.nomination.id for f, p in placements if p.selected}
    return (
        [names[i] for i in sorted(chosen - official, key=lambda i: i or 0)],
        [names.get(i, str(i)) for i in sorted(official - chosen)],
    )
