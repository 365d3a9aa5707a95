"""The appraisal council's meeting and the Chairman's decision, read as recorded."""

from __future__ import annotations

from sqlmodel import Session, col, select

from models.campaign import Campaign, Phase
from models.tables import AwardDecision, CouncilMeeting, CouncilVote, Nomination, Nominee
from tasks.documents.facts import UnitBook
from tasks.documents.records import DecisionRecord, MeetingRecord, VoteRecord


def _attendees(raw: list[object]) -> tuple[tuple[str, str], ...]:
    return tuple(
        (str(item.get("name", "")), str(item.get("post", "")))
        if isinstance(item, dict)
        else (str(item), "")
        for item in raw
    )


def absent_members(
    phase: Phase, attendees: tuple[tuple[str, str], ...]
) -> tuple[tuple[str, str], ...]:
    """Return the council's members (from the campaign file) who were not at the meeting."""
    present = {name.strip().casefold() for name, _ in attendees}
    return tuple(
        (member.name, member.post)
        for member in phase.documents.council
        if member.name.strip().casefold() not in present
    )


def load_meeting(
    session: Session,
    *,
    campaign: Campaign,
    phase: Phase,
    book: UnitBook,
    ranks: dict[int, int],
) -> MeetingRecord | None:
    """Return the newest meeting of the phase, its votes in business order, names as of it."""
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
    day = meeting.held_on
    rows = session.exec(
        select(CouncilVote, Nomination, Nominee)
        .join(Nomination, col(Nomination.id) == col(CouncilVote.nomination_id))
        .join(Nominee, col(Nominee.id) == col(Nomination.nominee_id))
        .where(CouncilVote.meeting_id == meeting.id)
    ).all()
    votes = [
        VoteRecord(
            nomination_id=nomination.id or 0,
            kind=nominee.kind,
            name=nominee.full_name,
            unit_name=book.name_on(
                nomination.proposing_unit_code, day, fallback=nomination.proposing_unit_code
            ),
            post_then=nominee.post_then,
            unit_then=nominee.unit_then,
            votes_for=vote.votes_for,
            votes_against=vote.votes_against,
            votes_abstain=vote.votes_abstain,
            accepted=vote.accepted,
            reason=book.humanize(vote.reason or "", day),
            rank=ranks.get(nomination.id or 0),
            unit_code=nomination.proposing_unit_code,
        )
        for vote, nomination, nominee in rows
    ]
    votes.sort(key=lambda v: v.sort_key)
    attendees = _attendees(list(meeting.attendees))
    return MeetingRecord(
        held_on=meeting.held_on,
        start_time=meeting.start_time,
        end_time=meeting.end_time,
        venue=meeting.venue,
        chair_name=meeting.chair_name,
        chair_post=meeting.chair_post,
        secretary_name=meeting.secretary_name,
        secretary_post=meeting.secretary_post,
        attendees=attendees,
        members_total=meeting.members_total,
        data_sha256=meeting.data_sha256,
        votes=tuple(votes),
        absent=absent_members(phase, attendees),
    )


def load_decision(session: Session, *, campaign: Campaign, phase: Phase) -> DecisionRecord | None:
    """Return the Chairman's recorded decision on the phase, if any."""
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
