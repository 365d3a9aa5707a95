"""Evaluate a round's candidates with the movement's engine: criteria, eligibility, quota selection.

Nothing here re-implements scoring or selection: each candidate's figures are scored by
tasks.scoring.criteria.evaluate_year under the head's criteria and scoring scheme, judged by
tasks.review.eligibility, and ranked within the quota by tasks.scoring.selection.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from models.campaign import Campaign
from models.giay_khen import GiayKhenRound, RoundCandidate
from tasks.review.eligibility import collective_failures, count_initiatives, individual_failures
from tasks.review.lineage import PhaseYear, SourceYear
from tasks.review.people import PersonIdentity, normalise_name
from tasks.scoring.criteria import Reading, ReportStatus, YearEvaluation, evaluate_year
from tasks.scoring.selection import Candidate, Placement, select_candidates

KINDS = ("tap_the", "ca_nhan")
WOMEN_COLLECTIVE_SHARE = 0.7  # Decree 152/2025: a collective with at least 70% women


@dataclass(frozen=True)
class Evaluated:
    """A candidate of the round: the file's row, the engine's evaluation and its placement."""

    row: RoundCandidate
    identity: str
    evaluation: YearEvaluation
    placement: Placement


def _heads_cut(text: str) -> str:
    """Say who breaks a tie at the cut in a unit's round: its head, not the council."""
    return text.replace("Hội đồng biểu quyết", "Thủ trưởng đơn vị quyết định")


def person_identity(row: RoundCandidate, unit_code: str) -> PersonIdentity:
    """Return a member of staff's identity, as the movement identifies a nominated person."""
    return PersonIdentity(
        name=normalise_name(row.full_name),
        birth_date=row.birth_date,
        gender=row.gender,
        unit=normalise_name(row.department) or unit_code,
    )


def identity_of(row: RoundCandidate, unit_code: str) -> str:
    """Return who the candidate is across the movement (the keys the movement's review uses)."""
    if row.kind == "ca_nhan":
        key = person_identity(row, unit_code).key
        return f"person:{key}" if key else f"person-unknown:{unit_code}|{row.code}"
    if row.unit_code:
        return f"unit:{row.unit_code}"
    return f"group:{unit_code}|{normalise_name(row.full_name)}"


def score_candidate(
    round_: GiayKhenRound, campaign: Campaign, row: RoundCandidate
) -> YearEvaluation:
    """Score a candidate's figures on the head's criteria with the movement's year evaluation."""
    view = campaign.model_copy(
        update={"indicators": round_.criteria_for(row.kind), "scoring": round_.scoring}
    )
    readings = {code: Reading(r.total, r.achieved) for code, r in row.results.items()}
    return evaluate_year(
        view,
        kind=row.kind,
        level="",
        year=round_.year,
        status=ReportStatus.ON_TIME,
        readings=readings,
    )


def failures(
    round_: GiayKhenRound,
    row: RoundCandidate,
    evaluation: YearEvaluation,
    *,
    unit_years: list[PhaseYear],
) -> list[str]:
    """Return why a candidate does not meet the head's standards (empty when it does)."""
    problems: list[str] = []
    if round_.criteria_for(row.kind):
        criteria: list[dict[str, Any]] = evaluation.breakdown()["criteria"]  # type: ignore[assignment]
        source = SourceYear(row.code, round_.year, "on_time", evaluation.score, tuple(criteria))
        year = PhaseYear(round_.year, [source], [], evaluation.score)
        problems += collective_failures([year], round_.eligibility)
    if row.kind == "ca_nhan":
        problems += individual_failures(
            initiatives=count_initiatives(row.initiatives),
            identity=person_identity(row, round_.unit_code),
            unit_years=unit_years,
            rules=round_.eligibility,
        )
    return problems


def evaluate_round(
    round_: GiayKhenRound,
    campaign: Campaign,
    *,
    unit_years: list[PhaseYear],
    awarded_elsewhere: dict[str, list[str]],
) -> list[Evaluated]:
    """Evaluate every candidate and propose within the quotas, collectives then individuals.

    unit_years: the awarding unit's own years in the movement (an individual's unit in breach).
    awarded_elsewhere: by identity, the awards already given or proposed for the same achievement.
    """
    evaluated: list[Evaluated] = []
    for kind in KINDS:
        rows = [row for row in round_.candidates if row.kind == kind]
        if not rows:
            continue
        facts: dict[str, tuple[RoundCandidate, str, YearEvaluation]] = {}
        pool = []
        for row in rows:
            evaluation = score_candidate(round_, campaign, row)
            identity = identity_of(row, round_.unit_code)
            reasons = failures(round_, row, evaluation, unit_years=unit_years)
            reasons += [
                f"không khen hai lần cho một thành tích: {text}"
                for text in awarded_elsewhere.get(identity, [])
            ]
            woman = (
                row.gender == "nu"
                if kind == "ca_nhan"
                else (row.women_share or 0.0) >= WOMEN_COLLECTIVE_SHARE
            )
            pool.append(
                Candidate(
                    key=row.code,
                    kind=kind,
                    name=row.full_name,
                    total_score=evaluation.score,
                    latest_year_score=evaluation.score,
                    initiatives=count_initiatives(row.initiatives),
                    priority_woman=woman,
                    ineligible_reasons=tuple(reasons),
                    identity=identity if identity.startswith("person:") else None,
                )
            )
            facts[row.code] = (row, identity, evaluation)
        for placement in select_candidates(
            pool, quota=round_.quota(kind), rules=round_.rules(kind)
        ):
            row, identity, evaluation = facts[placement.candidate.key]
            placement.reasons = [_heads_cut(reason) for reason in placement.reasons]
            placement.tie_break = _heads_cut(placement.tie_break) if placement.tie_break else None
            evaluated.append(Evaluated(row, identity, evaluation, placement))
    return evaluated
