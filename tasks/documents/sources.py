"""What a phase's dossier is made from, read from the database into plain records."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePosixPath
from typing import Any

from sqlmodel import Session, col, select

from models.campaign import Campaign, Phase
from models.report_format import ATTACHMENTS_FOLDER
from models.tables import (
    AwardDecision,
    CouncilMeeting,
    CouncilVote,
    Nomination,
    Nominee,
    PhaseCandidate,
    PhaseResult,
    Submission,
    Unit,
    UnitYearResult,
)
from tasks.registry.queries import history, predecessor_map
from tasks.review.candidates import phase_nominations
from tasks.review.proposal import latest_official
from tasks.storage import ObjectNotFoundError, ObjectStore

DOSSIER_STATES = ("proposed", "verified", "submitted_to_chairman", "awarded")
AWARDED = "awarded"
KIND_ORDER = {"tap_the": 0, "ca_nhan": 1}
REPORTED = ("on_time", "late")


@dataclass(frozen=True)
class YearResult:
    """A unit's result for one year of the phase (a predecessor's before a merger)."""

    year: int
    status: str
    score: float | None = None
    rank: int | None = None
    block: str | None = None
    criteria: tuple[dict[str, Any], ...] = ()
    from_units: tuple[str, ...] = ()


@dataclass(frozen=True)
class Attachment:
    """A unit's own file in its dinh-kem/ folder of the inbox."""

    bucket: str
    key: str
    version_id: str | None
    size: int


@dataclass(frozen=True)
class CandidateRecord:
    """One nominee of the dossier, with what its achievement report is made from."""

    nomination_id: int
    kind: str
    full_name: str
    state: str
    proposing_unit_code: str
    proposing_unit_name: str
    superior_name: str | None = None
    unit_code: str | None = None
    scored_unit_name: str = ""
    block: str | None = None
    birth_date: date | None = None
    gender: str | None = None
    women_share: float | None = None
    post_then: str | None = None
    unit_then: str | None = None
    post_now: str | None = None
    unit_now: str | None = None
    achievements: str | None = None
    initiatives: str | None = None
    report_file: str | None = None
    rank: int | None = None
    total_score: float | None = None
    years: tuple[YearResult, ...] = ()
    attachment: Attachment | None = None


@dataclass(frozen=True)
class VoteRecord:
    """The council's vote on one nomination."""

    nomination_id: int
    kind: str
    name: str
    unit_name: str
    post_then: str | None
    unit_then: str | None
    votes_for: int
    votes_against: int
    votes_abstain: int
    accepted: bool
    reason: str


@dataclass(frozen=True)
class MeetingRecord:
    """The appraisal council's newest meeting on the phase, as recorded."""

    held_on: date
    start_time: str
    end_time: str
    venue: str
    chair_name: str
    chair_post: str
    secretary_name: str
    secretary_post: str
    attendees: tuple[tuple[str, str], ...]
    members_total: int
    data_sha256: str
    votes: tuple[VoteRecord, ...] = ()


@dataclass(frozen=True)
class DecisionRecord:
    """The Chairman's decision, once recorded."""

    number: str
    signed_on: date
    signer_name: str
    signer_title: str
    data_sha256: str


@dataclass(frozen=True)
class Dossier:
    """Everything a phase's dossier is rendered from."""

    campaign: Campaign
    campaign_sha256: str
    phase: Phase
    candidates: tuple[CandidateRecord, ...]
    awardees: tuple[CandidateRecord, ...]
    selection: str  # "nominations" (their states) or "phase_result" (its selected)
    phase_result_sha256: str | None = None
    nominated: dict[str, int] = field(default_factory=dict)
    eligible: dict[str, int] | None = None
    meeting: MeetingRecord | None = None
    decision: DecisionRecord | None = None

    @property
    def year(self) -> int:
        """Return the year the phase's documents are issued in."""
        return int(self.phase.quarter[-4:])


def _order(records: list[CandidateRecord]) -> tuple[CandidateRecord, ...]:
    """Collectives first, then persons; by rank, then by nomination."""
    return tuple(
        sorted(
            records,
            key=lambda r: (
                KIND_ORDER.get(r.kind, 9),
                r.rank if r.rank is not None else 10**9,
                r.nomination_id,
            ),
        )
    )


def _placements(session: Session, result: PhaseResult | None) -> dict[int, PhaseCandidate]:
    if result is None:
        return {}
    rows = session.exec(
        select(PhaseCandidate).where(PhaseCandidate.phase_result_id == result.id)
    ).all()
    return {row.nomination_id: row for row in rows}


def _chosen(
    session: Session, *, campaign: Campaign, phase: Phase, placements: dict[int, PhaseCandidate]
) -> tuple[list[tuple[Nomination, Nominee]], str]:
    """Return the dossier's nominations: by their review state, else the official selection."""
    in_review = session.exec(
        select(Nomination, Nominee)
        .join(Nominee, col(Nominee.id) == col(Nomination.nominee_id))
        .where(
            Nomination.campaign_code == campaign.code,
            Nomination.phase_code == phase.code,
            col(Nomination.state).in_(DOSSIER_STATES),
        )
        .order_by(col(Nomination.id))
    ).all()
    if in_review:
        return [(n, p) for n, p in in_review], "nominations"
    selected = [i for i, row in placements.items() if row.selected]
    if not selected:
        return [], "phase_result"
    rows = session.exec(
        select(Nomination, Nominee)
        .join(Nominee, col(Nominee.id) == col(Nomination.nominee_id))
        .where(col(Nomination.id).in_(selected))
        .order_by(col(Nomination.id))
    ).all()
    return [(n, p) for n, p in rows], "phase_result"


class _Years:
    """The phase's yearly results of every unit, read once, followed across mergers."""

    def __init__(self, session: Session, *, campaign: Campaign, phase: Phase) -> None:
        rows = session.exec(
            select(UnitYearResult).where(
                UnitYearResult.campaign_code == campaign.code,
                col(UnitYearResult.year).in_(phase.years),
            )
        ).all()
        self.rows = {(row.unit_code, row.year): row for row in rows}
        self.merged = predecessor_map(session)
        self.years = phase.years

    def of(self, code: str) -> tuple[YearResult, ...]:
        """Return the unit's result per phase year, a predecessor's where it has none."""
        predecessors = history(code, self.merged)[1:]
        results = []
        for year in self.years:
            own = self.rows.get((code, year))
            if (own is not None and own.report_status in REPORTED) or not predecessors:
                results.append(_year(year, [own] if own else [], own_code=code))
                continue
            inherited = [
                self.rows[(p, year)]
                for p in predecessors
                if (p, year) in self.rows and self.rows[(p, year)].report_status in REPORTED
            ]
            results.append(_year(year, inherited or ([own] if own else []), own_code=code))
        return tuple(results)


def _year(year: int, rows: list[UnitYearResult], *, own_code: str) -> YearResult:
    if not rows:
        return YearResult(year=year, status="none")
    if len(rows) == 1:
        row = rows[0]
        return YearResult(
            year=year,
            status=row.report_status,
            score=row.score,
            rank=row.rank_in_block,
            block=row.block,
            criteria=tuple(row.breakdown.get("criteria", [])),
            from_units=() if row.unit_code == own_code else (row.unit_code,),
        )
    scores = [row.score for row in rows if row.score is not None]
    return YearResult(
        year=year,
        status="on_time" if all(r.report_status == "on_time" for r in rows) else "late",
        score=round(sum(scores) / len(scores), 2) if scores else None,
        from_units=tuple(sorted(row.unit_code for row in rows)),
    )


def attachment_key(submission: Submission, campaign: str, name: str) -> str:
    """Return the inbox key of a file named in a report: beside it, under dinh-kem/."""
    prefix = f"{campaign}/{submission.year}/"
    if submission.object_key.startswith(prefix) and submission.object_key.count("/") >= 3:
        folder = submission.object_key.rsplit("/", 1)[0]
    else:
        folder = f"{campaign}/{submission.year}/{submission.folder_unit_code}"
    return f"{folder}/{ATTACHMENTS_FOLDER}/{PurePosixPath(name).name}"


def find_attachment(
    store: ObjectStore | None, submission: Submission | None, campaign: str, name: str | None
) -> Attachment | None:
    """Return the unit's own DOCX achievement report, when its dinh-kem/ folder holds it."""
    if store is None or submission is None or not name or not name.lower().endswith(".docx"):
        return None
    key = attachment_key(submission, campaign, name)
    try:
        info = store.stat(submission.bucket, key)
    except ObjectNotFoundError:
        return None
    return Attachment(submission.bucket, key, info.version_id, info.size)


def _meeting(session: Session, *, campaign: Campaign, phase: Phase) -> MeetingRecord | None:
    meeting = session.exec(
        select(CouncilMeeting)
        .where(
            CouncilMeeting.campaign_code == campaign.code,
            CouncilMeeting.phase_code == phase.code,
            col(CouncilMeeting.quorum_met).is_(True),  # a meeting without quorum decided nothing
        )
        .order_by(col(CouncilMeeting.held_on).desc(), col(CouncilMeeting.id).desc())
    ).first()
    if meeting is None:
        return None
    rows = session.exec(
        select(CouncilVote, Nomination, Nominee)
        .join(Nomination, col(Nomination.id) == col(CouncilVote.nomination_id))
        .join(Nominee, col(Nominee.id) == col(Nomination.nominee_id))
        .where(CouncilVote.meeting_id == meeting.id)
    ).all()
    names = _unit_names(session, {n.proposing_unit_code for _, n, _ in rows})
    votes = [
        VoteRecord(
            nomination_id=nomination.id or 0,
            kind=nominee.kind,
            name=nominee.full_name,
            unit_name=names.get(nomination.proposing_unit_code, nomination.proposing_unit_code),
            post_then=nominee.post_then,
            unit_then=nominee.unit_then,
            votes_for=vote.votes_for,
            votes_against=vote.votes_against,
            votes_abstain=vote.votes_abstain,
            accepted=vote.accepted,
            reason=vote.reason,
        )
        for vote, nomination, nominee in rows
    ]
    votes.sort(key=lambda v: (KIND_ORDER.get(v.kind, 9), v.nomination_id))
    return MeetingRecord(
        held_on=meeting.held_on,
        start_time=meeting.start_time,
        end_time=meeting.end_time,
        venue=meeting.venue,
        chair_name=meeting.chair_name,
        chair_post=meeting.chair_post,
        secretary_name=meeting.secretary_name,
        secretary_post=meeting.secretary_post,
        attendees=tuple(
            (str(item.get("name", "")), str(item.get("post", "")))
            if isinstance(item, dict)
            else (str(item), "")
            for item in meeting.attendees
        ),
        members_total=meeting.members_total,
        data_sha256=meeting.data_sha256,
        votes=tuple(votes),
    )


def _decision(session: Session, *, campaign: Campaign, phase: Phase) -> DecisionRecord | None:
    row = session.exec(
        select(AwardDecision).where(
            AwardDecision.campaign_code == campaign.code, AwardDecision.phase_code == phase.code
        )
    ).first()
    if row is None:
        return None
    return DecisionRecord(
        row.number, row.signed_on, row.signer_name, row.signer_title, row.data_sha256
    )


def _unit_names(session: Session, codes: set[str]) -> dict[str, str]:
    if not codes:
        return {}
    return {
        unit.code: unit.name
        for unit in session.exec(select(Unit).where(col(Unit.code).in_(sorted(codes)))).all()
    }


def _counts(pairs: list[tuple[Nomination, Nominee]]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for _, nominee in pairs:
        counts[nominee.kind] += 1
    return {kind: counts.get(kind, 0) for kind in KIND_ORDER}


def load_dossier(
    session: Session,
    *,
    campaign: Campaign,
    campaign_sha256: str,
    phase: Phase,
    store: ObjectStore | None = None,
) -> Dossier:
    """Read everything a phase's dossier needs; store (the inbox) finds the units' own files."""
    official = latest_official(session, campaign=campaign.code, phase=phase.code)
    placements = _placements(session, official)
    chosen, selection = _chosen(session, campaign=campaign, phase=phase, placements=placements)
    submissions = {
        s.id: s
        for s in session.exec(
            select(Submission).where(
                col(Submission.id).in_(
                    sorted({n.submission_id for n, _ in chosen if n.submission_id})
                )
            )
        ).all()
    }
    units = {u.code: u for u in session.exec(select(Unit)).all()}
    years = _Years(session, campaign=campaign, phase=phase)
    records = []
    for nomination, nominee in chosen:
        assert nomination.id is not None
        placement = placements.get(nomination.id)
        proposer = units.get(nomination.proposing_unit_code)
        scored = nominee.unit_code or nomination.proposing_unit_code
        own = units.get(nominee.unit_code) if nominee.unit_code else None
        superior_code = own.parent_code if own else (proposer.parent_code if proposer else None)
        records.append(
            CandidateRecord(
                nomination_id=nomination.id,
                kind=nominee.kind,
                full_name=nominee.full_name,
                state=nomination.state,
                proposing_unit_code=nomination.proposing_unit_code,
                proposing_unit_name=proposer.name if proposer else nomination.proposing_unit_code,
                superior_name=units[superior_code].name if superior_code in units else None,
                unit_code=nominee.unit_code,
                scored_unit_name=units[scored].name if scored in units else scored,
                block=units[scored].block if scored in units else None,
                birth_date=nominee.birth_date,
                gender=nominee.gender,
                women_share=nominee.women_share,
                post_then=nominee.post_then,
                unit_then=nominee.unit_then,
                post_now=nominee.post_now,
                unit_now=nominee.unit_now,
                achievements=nomination.achievements,
                initiatives=nomination.initiatives,
                report_file=nomination.report_file,
                rank=placement.rank if placement else None,
                total_score=placement.score if placement else None,
                years=years.of(scored),
                attachment=find_attachment(
                    store,
                    submissions.get(nomination.submission_id),
                    campaign.code,
                    nomination.report_file,
                ),
            )
        )
    candidates = _order(records)
    awarded = tuple(c for c in candidates if c.state == AWARDED)
    eligible = None
    if official is not None:
        eligible = dict.fromkeys(KIND_ORDER, 0)
        for row in placements.values():
            eligible[row.kind] = eligible.get(row.kind, 0) + row.eligible
    return Dossier(
        campaign=campaign,
        campaign_sha256=campaign_sha256,
        phase=phase,
        candidates=candidates,
        awardees=awarded or candidates,
        selection=selection,
        phase_result_sha256=official.result_sha256 if official else None,
        nominated=_counts(phase_nominations(session, campaign=campaign, phase=phase)),
        eligible=eligible,
        meeting=_meeting(session, campaign=campaign, phase=phase),
        decision=_decision(session, campaign=campaign, phase=phase),
    )
