"""What a phase's dossier is made from, read from the database into plain records."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from pathlib import PurePosixPath

from sqlmodel import Session, col, select

from models.campaign import Campaign, Phase
from models.report_format import ATTACHMENTS_FOLDER
from models.tables import Nomination, Nominee, PhaseCandidate, PhaseResult, Submission
from tasks.documents.council import load_decision, load_meeting
from tasks.documents.facts import UnitBook, UnitFact
from tasks.documents.records import (
    KIND_ORDER,
    Attachment,
    CandidateRecord,
    DecisionRecord,
    Dossier,
    MeetingRecord,
    VoteRecord,
    YearResult,
    document_day,
)
from tasks.documents.years import PhaseYears
from tasks.registry.queries import registry_units
from tasks.review.candidates import phase_nominations
from tasks.review.proposal import latest_official
from tasks.storage import ObjectNotFoundError, ObjectStore

__all__ = [
    "Attachment",
    "CandidateRecord",
    "DecisionRecord",
    "Dossier",
    "MeetingRecord",
    "VoteRecord",
    "YearResult",
    "load_dossier",
]
DOSSIER_STATES = ("proposed", "verified", "submitted_to_chairman", "awarded")
AWARDED = "awarded"


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


def _counts(pairs: list[tuple[Nomination, Nominee]]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for _, nominee in pairs:
        counts[nominee.kind] += 1
    return {kind: counts.get(kind, 0) for kind in KIND_ORDER}


def _collective_name(
    nominee: Nominee, unit: UnitFact | None, *, book: UnitBook, day: date, since: date
) -> str:
    """Return a collective's name as of day, '(nguyên …)' when its unit was set up by a merger."""
    name = book.as_of(nominee.full_name, day)
    if unit is None or unit.valid_from <= since or unit.name not in name or "(nguyên" in name:
        return name
    former = book.predecessors(unit.code)
    if not former:
        return name
    return f"{name} (nguyên {name.replace(unit.name, ' và '.join(former))})"


def _record(
    nomination: Nomination,
    nominee: Nominee,
    *,
    book: UnitBook,
    day: date,
    since: date,
    placement: PhaseCandidate | None,
    years: PhaseYears,
    attachment: Attachment | None,
) -> CandidateRecord:
    proposer = book.get(nomination.proposing_unit_code)
    scored = nominee.unit_code or nomination.proposing_unit_code
    scored_unit = book.get(scored)
    own = nominee.unit_code or (
        nomination.proposing_unit_code if nominee.kind == "tap_the" else None
    )
    parent = book.parent_on(nominee.unit_code or nomination.proposing_unit_code, day)
    unit_then = nominee.unit_then or (proposer.name if proposer else None)
    unit_now = book.rename_on(nominee.unit_now or unit_then, day) or None
    return CandidateRecord(
        nomination_id=nomination.id or 0,
        kind=nominee.kind,
        full_name=_collective_name(nominee, proposer, book=book, day=day, since=since)
        if nominee.kind == "tap_the"
        else nominee.full_name,
        state=nomination.state,
        proposing_unit_code=nomination.proposing_unit_code,
        proposing_unit_name=book.name_on(
            nomination.proposing_unit_code, day, fallback=nomination.proposing_unit_code
        ),
        superior_name=parent.name if parent else None,
        unit_code=own,
        scored_unit_name=book.name_on(scored, day, fallback=scored),
        block=scored_unit.block if scored_unit else None,
        birth_date=nominee.birth_date,
        gender=nominee.gender,
        women_share=nominee.women_share,
        post_then=nominee.post_then,
        unit_then=unit_then,
        post_now=nominee.post_now or nominee.post_then,
        unit_now=unit_now,
        achievements=nomination.achievements,
        initiatives=nomination.initiatives,
        report_file=nomination.report_file,
        rank=placement.rank if placement else None,
        total_score=placement.score if placement else None,
        years=years.of(scored),
        attachment=attachment,
        unit_kind=proposer.kind if proposer else None,
    )


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
    book = UnitBook(registry_units(session, registry=campaign.registry))
    ranks = {i: row.rank for i, row in placements.items() if row.rank is not None}
    meeting = load_meeting(session, campaign=campaign, phase=phase, book=book, ranks=ranks)
    decision = load_decision(session, campaign=campaign, phase=phase)
    day = document_day(phase, meeting, decision)
    years = PhaseYears(session, campaign=campaign, phase=phase, book=book)
    records = [
        _record(
            nomination,
            nominee,
            book=book,
            day=day,
            since=date(min(phase.years), 1, 1),
            placement=placements.get(nomination.id or 0),
            years=years,
            attachment=find_attachment(
                store,
                submissions.get(nomination.submission_id),
                campaign.code,
                nomination.report_file,
            ),
        )
        for nomination, nominee in chosen
    ]
    candidates = tuple(sorted(records, key=lambda r: r.sort_key))
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
        eligible_ids=frozenset(i for i, row in placements.items() if row.eligible),
        meeting=meeting,
        decision=decision,
        book=book,
        figures=years.figures(),
    )
