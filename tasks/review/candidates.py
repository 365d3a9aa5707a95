"""A phase's candidates: eligibility by the plan's standards, identity, lineage and priorities."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from typing import cast

from sqlmodel import Session, col, select

from models.campaign import Campaign, Phase
from models.tables import (
    AwardDecision,
    AwardGranted,
    Nomination,
    Nominee,
    Submission,
    UnitYearResult,
)
from tasks.review.eligibility import count_initiatives, individual_failures
from tasks.review.lineage import PhaseHistory, PhaseYear
from tasks.review.people import PersonIdentity, collective_key, identity_of
from tasks.review.rows import NominationRow, NomineeRow, nomination_statement, read_pairs
from tasks.review.unit_phase import UnitPhase
from tasks.scoring.selection import Candidate

INCOMPLETE = "hồ sơ đề nghị chưa đủ (Tờ trình, Biên bản họp xét, báo cáo thành tích)"


@dataclass(slots=True)
class CandidateFacts:
    """Everything the ranking and the council see of one nomination."""

    nomination: NominationRow
    nominee: NomineeRow
    scored_unit: str
    years: list[PhaseYear] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    ineligible: list[str] = field(default_factory=list)
    identity: str = ""
    earlier_awards: list[str] = field(default_factory=list)
    candidate: Candidate | None = None
    shared: UnitPhase | None = field(default=None, repr=False, compare=False)

    @property
    def unit_phase(self) -> UnitPhase:
        """Return what the scored unit's nominations share (made from years if not given)."""
        if self.shared is None:
            self.shared = UnitPhase(self.years)
        return self.shared

    @property
    def yearly(self) -> dict[int, float | None]:
        """Return the unit's score per year of the phase (0-100), lineage applied."""
        return self.unit_phase.yearly

    @property
    def lineage(self) -> list[dict[str, object]]:
        """Return the unit-years used and missing per year, for the explanation."""
        return self.unit_phase.lineage


def phase_nominations(
    session: Session, *, campaign: Campaign, phase: Phase
) -> list[tuple[Nomination, Nominee]]:
    """Return the nominations of the units' counted reports of the phase's last year."""
    statement = (
        select(Nomination, Nominee)
        .join(Nominee, col(Nominee.id) == col(Nomination.nominee_id))
        .join(Submission, col(Submission.id) == col(Nomination.submission_id))
        .where(
            Nomination.campaign_code == campaign.code,
            Nomination.phase_code == phase.code,
            col(Submission.is_counted).is_(True),
        )
        .order_by(col(Nomination.proposing_unit_code), col(Nomination.row), col(Nomination.id))
    )
    return [(nomination, nominee) for nomination, nominee in session.exec(statement).all()]


def phase_nomination_rows(
    session: Session, *, campaign: Campaign, phase: Phase
) -> list[tuple[NominationRow, NomineeRow]]:
    """Return phase_nominations() by columns: the fields the review reads, no ORM entities."""
    statement = (
        nomination_statement()
        .join(Submission, col(Submission.id) == col(Nomination.submission_id))
        .where(
            col(Nomination.campaign_code) == campaign.code,
            col(Nomination.phase_code) == phase.code,
            col(Submission.is_counted).is_(True),
        )
        .order_by(col(Nomination.proposing_unit_code), col(Nomination.row), col(Nomination.id))
    )
    return read_pairs(session, statement)


def unit_years(session: Session, *, campaign: Campaign, phase: Phase, code: str) -> list[PhaseYear]:
    """Return a unit's phase years, its predecessors' before a merger, by the lineage setting."""
    return PhaseHistory(session, campaign=campaign, phase=phase).years(code)


def _identity(
    nominee: NomineeRow, nomination: NominationRow, person: PersonIdentity | None = None
) -> str:
    """Return the identity; person, when given, is identity_of(nominee, nomination) already."""
    if nominee.kind == "ca_nhan":
        key = (person or identity_of(nominee, nomination)).key
        return f"person:{key}" if key else f"nomination:{nomination.id}"
    return collective_key(nominee, nomination)


def nominee_identity(nominee: Nominee, nomination: Nomination) -> str:
    """Return who a nominee is across the movement: a person's identity or a collective's key.

    The entities carry every field of the review's rows, which is all _identity reads."""
    return _identity(cast(NomineeRow, nominee), cast(NominationRow, nomination))


def earlier_awards(session: Session, *, campaign: Campaign, phase: Phase) -> dict[str, list[str]]:
    """Return, by identity, the awards already decided in the movement's other phases."""
    rows = read_pairs(
        session,
        nomination_statement()
        .where(
            col(Nomination.campaign_code) == campaign.code,
            col(Nomination.phase_code) != phase.code,
            col(Nomination.state) == "awarded",
        )
        .order_by(col(Nomination.phase_code), col(Nomination.id)),
    )
    numbers = {
        d.phase_code: d.number
        for d in session.exec(
            select(AwardDecision).where(AwardDecision.campaign_code == campaign.code)
        ).all()
    }
    found: dict[str, list[str]] = {}
    for nomination, nominee in rows:
        other = next((p for p in campaign.phases if p.code == nomination.phase_code), None)
        label = f"{other.name} ({other.quarter})" if other else nomination.phase_code
        number = numbers.get(nomination.phase_code)
        text = f"đã được tặng Bằng khen trong {label}" + (
            f", Quyết định số {number}" if number else ""
        )
        found.setdefault(_identity(nominee, nomination), []).append(text)
    return found


def same_achievement_awards(
    session: Session, *, campaign: Campaign, phase: Phase
) -> dict[str, list[str]]:
    """Return, by identity, the units' Giấy khen already granted for this phase's achievement."""
    found: dict[str, list[str]] = {}
    for award in session.exec(
        select(AwardGranted)
        .where(AwardGranted.campaign_code == campaign.code, AwardGranted.phase_code == phase.code)
        .order_by(col(AwardGranted.id))
    ).all():
        number = f", Quyết định số {award.decision_number}" if award.decision_number else ""
        found.setdefault(award.identity, []).append(
            f"không khen hai lần cho một thành tích: đã được tặng {award.title} cho thành tích "
            f"trong {phase.name} ({phase.quarter}){number}"
        )
    return found


def _priority_woman(nominee: NomineeRow, phase: Phase) -> bool:
    if nominee.kind == "ca_nhan":
        return nominee.gender == "nu"
    return (nominee.women_share or 0.0) >= phase.women_collective_share


def gather(
    session: Session,
    *,
    campaign: Campaign,
    phase: Phase,
    rescored: list[UnitYearResult] | None = None,
) -> list[CandidateFacts]:
    """Return the phase's candidates with eligibility, identity, lineage and priorities."""
    past = PhaseHistory(session, campaign=campaign, phase=phase, rescored=rescored)
    awards = earlier_awards(session, campaign=campaign, phase=phase)
    same_achievement = same_achievement_awards(session, campaign=campaign, phase=phase)
    rules = campaign.eligibility
    gathered = []
    shared: dict[str, UnitPhase] = {}  # a unit's nominations share its years and standards
    last_year = max(phase.years)
    for nomination, nominee in phase_nomination_rows(session, campaign=campaign, phase=phase):
        scored_unit = nominee.unit_code or nomination.proposing_unit_code
        unit = shared.get(scored_unit)
        if unit is None:
            unit = shared[scored_unit] = UnitPhase(
                past.years(scored_unit), past.ceased_note(scored_unit)
            )
        years = unit.years
        facts = CandidateFacts(nomination, nominee, scored_unit, years, shared=unit)
        facts.notes += unit.notes
        initiatives = count_initiatives(nomination.initiatives)
        person = None
        if nominee.kind == "ca_nhan":
            person = identity_of(nominee, nomination)
            facts.ineligible += individual_failures(
                initiatives=initiatives, identity=person, unit_years=years, rules=rules
            )
        else:
            if not nominee.unit_code:
                facts.notes.append(f"Tiêu chuẩn tập thể xét theo kết quả của đơn vị {scored_unit}.")
            facts.ineligible += unit.collective_failures(rules)
        if not nomination.dossier_complete:
            facts.ineligible.append(INCOMPLETE)
        facts.identity = _identity(nominee, nomination, person)
        facts.earlier_awards = awards.get(facts.identity, [])
        if facts.earlier_awards:
            facts.notes += [f"Lưu ý: {text}." for text in facts.earlier_awards]
            if rules.earlier_award_blocks:
                facts.ineligible += facts.earlier_awards
        facts.ineligible += same_achievement.get(facts.identity, [])
        collective = nominee.kind == "tap_the"
        facts.candidate = Candidate(
            key=f"{nomination.proposing_unit_code}-{nomination.row or 0:04d}",
            kind=nominee.kind,
            name=nominee.full_name,
            total_score=unit.total_score if collective else None,
            latest_year_score=unit.yearly.get(last_year) if collective else None,
            initiatives=initiatives,
            on_time_reports=unit.on_time_reports,
            priority_woman=_priority_woman(nominee, phase),
            ineligible_reasons=tuple(facts.ineligible),
            identity=facts.identity,
        )
        gathered.append(facts)
    _unique_keys(gathered)
    _report_duplicates(gathered)
    return gathered


def _unique_keys(gathered: list[CandidateFacts]) -> None:
    """Keep the business key (unit, row) as the candidate's key, made unique if it repeats."""
    keys = Counter(f.candidate.key for f in gathered if f.candidate)
    for facts in gathered:
        if facts.candidate and keys[facts.candidate.key] > 1:
            key = f"{facts.candidate.key}-{facts.nomination.id}"
            facts.candidate = replace(facts.candidate, key=key)


def _report_duplicates(gathered: list[CandidateFacts]) -> None:
    """Tell every unit and the council when one person is nominated more than once."""
    people: dict[str, list[CandidateFacts]] = {}
    for facts in gathered:
        if facts.identity.startswith("person:"):
            people.setdefault(facts.identity, []).append(facts)
    for found in people.values():
        if len(found) < 2:
            continue
        where = ", ".join(
            f"{f.nomination.proposing_unit_code} (đề nghị số {f.nomination.id})" for f in found
        )
        for facts in found:
            facts.notes.append(
                f"Cùng một người (họ tên, ngày sinh, giới tính) được đề nghị {len(found)} lần: "
                f"{where}. Mỗi người chỉ một đề nghị trong đợt; các đơn vị và Hội đồng xác minh."
            )
