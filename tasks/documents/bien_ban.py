"""The appraisal council's minutes: data only, the wording is the template's."""

from __future__ import annotations

from typing import Any

from tasks.documents.common import (
    authority_header,
    counted,
    numbered,
    phase_facts,
    post_unit,
    punctuate,
)
from tasks.documents.dates import clock_text, legal_date
from tasks.documents.escape import clean_line
from tasks.documents.numerals import vn_number
from tasks.documents.records import Dossier, MeetingRecord, VoteRecord
from tasks.documents.to_trinh import reconciled

KINDS = ("tap_the", "ca_nhan")


def _row(no: int, vote: VoteRecord) -> dict[str, Any]:
    return {
        "no": no,
        "name": clean_line(vote.name),
        "unit": clean_line(vote.unit_name),
        "then": post_unit(vote.post_then, vote.unit_then) if vote.kind == "ca_nhan" else "",
        "votes_for": vn_number(vote.votes_for),
        "votes_against": vn_number(vote.votes_against),
        "votes_abstain": vn_number(vote.votes_abstain),
        "accepted": vote.accepted,
    }


def vote_rows(meeting: MeetingRecord, kind: str) -> list[dict[str, Any]]:
    """Return the votes on one kind of candidate, numbered, in business order."""
    votes = [vote for vote in meeting.votes if vote.kind == kind]
    return [_row(i, vote) for i, vote in enumerate(votes, start=1)]


def _who(vote: VoteRecord) -> str:
    name, unit = clean_line(vote.name), clean_line(vote.unit_name)
    return name if not unit or unit.split(" (nguyên")[0] in name else f"{name} ({unit})"


def declined(meeting: MeetingRecord) -> list[str]:
    """Return why each declined candidate was not proposed (names and reasons as of the day)."""
    return punctuate(
        [
            f"{_who(v)}: {clean_line(v.reason)}"
            for v in meeting.votes
            if not v.accepted and clean_line(v.reason)
        ],
        bullet="- ",
    )


def bien_ban_context(dossier: Dossier) -> dict[str, Any]:
    """Return the data of the council's minutes; the meeting must be recorded."""
    meeting = dossier.meeting
    if meeting is None:
        raise ValueError("Chưa ghi nhận cuộc họp Hội đồng: không lập được Biên bản.")
    phase = dossier.phase
    appraiser = phase.appraising_department
    number = numbered(phase.documents.bien_ban, "BB", appraiser.abbreviation)
    accepted = {k: sum(v.accepted for v in meeting.votes if v.kind == k) for k in KINDS}
    chair = phase.signatories.get("council_chair")
    secretary = phase.signatories.get("council_secretary")
    return {
        "header": authority_header(
            appraiser, number=number["line"], place="", day=None, year=dossier.year
        ),
        "phase": phase_facts(phase, dossier.campaign.issuer_of(phase)),
        "start": clock_text(meeting.start_time),
        "end": clock_text(meeting.end_time),
        "date": legal_date(meeting.held_on),
        "venue": clean_line(meeting.venue).rstrip(".") or appraiser.name,
        "present": vn_number(len(meeting.attendees)),
        "total": vn_number(meeting.members_total),
        "attendees": punctuate([post_unit(n, p) for n, p in meeting.attendees], bullet="- "),
        "absent": punctuate([post_unit(n, p) for n, p in meeting.absent], bullet="- "),
        "absent_count": vn_number(max(0, meeting.members_total - len(meeting.attendees))),
        "chair": post_unit(meeting.chair_name, meeting.chair_post),
        "secretary": post_unit(meeting.secretary_name, meeting.secretary_post),
        "counts": reconciled(dossier),
        "votes_collective": vote_rows(meeting, "tap_the"),
        "votes_individual": vote_rows(meeting, "ca_nhan"),
        "declined": declined(meeting),
        "accepted": counted(accepted),
        "recipients": [
            "- Thành viên Hội đồng;",
            f"- {phase.home_affairs_department.name};",
            f"- Lưu: VT, {appraiser.drafting_unit}." if appraiser.drafting_unit else "- Lưu: VT.",
        ],
        "secretary_sign": {
            "authority_line": "",
            "title": getattr(secretary, "title", "THƯ KÝ"),
            "name": clean_line(meeting.secretary_name),
        },
        "signer": {
            "authority_line": "",
            "title": getattr(chair, "title", "CHỦ TỌA"),
            "name": clean_line(meeting.chair_name),
        },
    }
