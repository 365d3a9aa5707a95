"""A phase's candidates: their units' years across mergers, eligibility and tie-break facts."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlmodel import Session, col, select

from models.campaign import Campaign, Phase
from models.tables import Nomination, Nominee, Submission, Unit, UnitYearResult
from tasks.registry.queries import history, predecessor_map
from tasks.scoring.selection import Candidate

REPORTED = ("on_time", "late")


@dataclass
class CandidateFacts:
    """Everything the ranking and the council see of one nomination."""

    nomination: Nomination
    nominee: Nominee
    scored_unit: str
    yearly: dict[int, float | None] = field(default_factory=dict)
    on_time_years: int = 0
    notes: list[str] = field(default_factory=list)
    ineligible: list[str] = field(default_factory=list)
    candidate: Candidate | None = None


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
        .order_by(col(Nomination.id))
    )
    return [(nomination, nominee) for nomination, nominee in session.exec(statement).all()]


class PhaseHistory:
    """Every unit's results over a phase's years, loaded once, read across mergers."""

    def __init__(
        self,
        session: Session,
        *,
        campaign: Campaign,
        phase: Phase,
        rescored: list[UnitYearResult] | None = None,
    ) -> None:
        self.phase = phase
        rows = (
            rescored
            if rescored is not None
            else session.exec(
                select(UnitYearResult).where(
                    UnitYearResult.campaign_code == campaign.code,
                    col(UnitYearResult.year).in_(phase.years),
                )
            ).all()
        )
        self.results = {(row.unit_code, row.year): row for row in rows}
        self.merged = predecessor_map(session)
        self.units = {unit.code: unit for unit in session.exec(select(Unit)).all()}

    def years(self, code: str) -> tuple[dict[int, float | None], int, list[str]]:
        """Return the score per year (a predecessor's before a merger), on-time years, notes."""
        predecessors = history(code, self.merged)[1:]
        notes: list[str] = []
        yearly: dict[int, float | None] = {}
        on_time = 0
        for year in self.phase.years:
            own = self.results.get((code, year))
            if own is not None and own.report_status in REPORTED:
                yearly[year] = own.score
                on_time += own.report_status == "on_time"
                continue
            inherited = [
                self.results[(p, year)]
                for p in predecessors
                if (p, year) in self.results and self.results[(p, year)].report_status in REPORTED
            ]
            if inherited:
                scores = [r.score for r in inherited if r.score is not None]
                yearly[year] = sum(scores) / len(scores) if scores else None
                on_time += all(r.report_status == "on_time" for r in inherited)
                notes.append(
                    f"Năm {year} tính theo đơn vị tiền thân "
                    f"{', '.join(r.unit_code for r in inherited)}."
                )
            else:
                yearly[year] = None
        unit = self.units.get(code)
        if unit is not None and unit.valid_to is not None:
            notes.append(
                f"Đơn vị {unit.name} đã chấm dứt hoạt động từ "
                f"{unit.valid_to:%d/%m/%Y}: Hội đồng xem xét."
            )
        return yearly, on_time, notes


def unit_years(
    session: Session, *, campaign: Campaign, phase: Phase, code: str
) -> tuple[dict[int, float | None], int, list[str]]:
    """Return a unit's score per phase year, counting its predecessors' years before a merger."""
    return PhaseHistory(session, campaign=campaign, phase=phase).years(code)


def _initiatives(text: str | None) -> int:
    return len([part for part in re.split(r"[;\n]+", text or "") if part.strip()])


def gather(
    session: Session,
    *,
    campaign: Campaign,
    phase: Phase,
    rescored: list[UnitYearResult] | None = None,
) -> list[CandidateFacts]:
    """Return the phase's candidates with their scores, eligibility and tie-break facts."""
    gathered = []
    past = PhaseHistory(session, campaign=campaign, phase=phase, rescored=rescored)
    for nomination, nominee in phase_nominations(session, campaign=campaign, phase=phase):
        scored_unit = nominee.unit_code or nomination.proposing_unit_code
        yearly, on_time, notes = past.years(scored_unit)
        facts = CandidateFacts(nomination, nominee, scored_unit, yearly, on_time, notes)
        if not nominee.unit_code:
            facts.notes.append(f"Điểm theo kết quả của đơn vị đề nghị {scored_unit}.")
        missing = [year for year, score in yearly.items() if score is None]
        if missing and phase.require_every_year:
            facts.ineligible.append("không có báo cáo hợp lệ năm " + ", ".join(map(str, missing)))
        if not nomination.dossier_complete:
            facts.ineligible.append("hồ sơ đề nghị chưa đủ")
        scores = [score or 0.0 for score in yearly.values()]
        woman = (
            nominee.gender == "nu"
            if nominee.kind == "ca_nhan"
            else (nominee.women_share or 0.0) >= phase.women_collective_share
        )
        facts.candidate = Candidate(
            key=f"{nomination.proposing_unit_code}-{nomination.row or 0:04d}-{nomination.id}",
            kind=nominee.kind,
            name=nominee.full_name,
            total_score=round(sum(scores) / len(scores), 4) if scores else None,
            latest_year_score=yearly.get(max(phase.years)),
            initiatives=_initiatives(nomination.initiatives),
            on_time_reports=on_time,
            priority_woman=woman,
            ineligible_reasons=tuple(facts.ineligible),
        )
        gathered.append(facts)
    return gathered
