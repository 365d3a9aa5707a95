"""Pre-filled decision forms: what the council, Sở Nội vụ and the Chairman's office start from."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlmodel import Session

from models.campaign import Campaign, Phase
from models.nominee_kinds import kind_label
from tasks.workflow.decisions import Item, items


def tied_at_cut(item: Item) -> bool:
    """Return whether the proposal left this candidate tied at the cut for the council."""
    return bool(item.candidate and item.candidate.breakdown.get("tied_at_cut"))


def _proposal(item: Item) -> str:
    if item.candidate and item.candidate.selected:
        return "có"
    if tied_at_cut(item):
        seats = item.candidate.breakdown.get("seats_left") if item.candidate else None
        return f"đồng hạng tại đường cắt - Hội đồng chọn (còn {seats} suất)"
    return "không"


def candidate_rows(found: list[Item]) -> list[dict[str, Any]]:
    """Return the candidates as table rows for the decision makers."""
    return [
        {
            "Mã đề nghị": item.nomination.id,
            "Loại": kind_label(item.nominee.kind, capitalised=True),
            "Tên": item.nominee.full_name,
            "Đơn vị đề nghị": item.nomination.proposing_unit_code,
            "Đủ điều kiện": "có" if item.candidate and item.candidate.eligible else "không",
            "Hạng": item.candidate.rank if item.candidate and item.candidate.rank else "",
            "Điểm cả đợt (0-100)": item.candidate.score
            if item.candidate and item.candidate.score is not None
            else "",
            "Sáng kiến": item.candidate.breakdown.get("initiatives", "") if item.candidate else "",
            "Đề xuất theo xếp hạng": _proposal(item),
            "Lý do": item.candidate.reason if item.candidate else "Chưa có trong kết quả xét chọn",
        }
        for item in found
    ]


def council_form(
    session: Session, *, campaign: Campaign, phase: Phase, today: date
) -> dict[str, Any]:
    """Return the council's form, each vote pre-filled from the official proposal."""
    found = items(
        session, campaign_code=campaign.code, phase_code=phase.code, states=("under_appraisal",)
    )
    return {
        "decider_name": "",
        "decider_role": "council",
        "meeting_date": today.isoformat(),
        "start_time": "08:00",
        "end_time": "11:00",
        "venue": f"Trụ sở {phase.appraising_department.name}",
        "chair_name": "",
        "chair_post": "",
        "secretary_name": "",
        "secretary_post": "",
        "members_total": 1,
        "attendees": [],
        "votes": [
            {
                "nomination_id": item.nomination.id,
                "accept": bool(item.candidate and item.candidate.selected),
                "votes_for": 0,
                "votes_against": 0,
                "votes_abstain": 0,
                "written_for": 0,
                "return_for_completion": False,
                "reason": ""
                if item.candidate and item.candidate.selected
                else (item.candidate.reason if item.candidate else ""),
            }
            for item in found
        ],
    }


def verification_form(session: Session, *, campaign: Campaign, phase: Phase) -> dict[str, Any]:
    """Return Sở Nội vụ's form: every proposed nomination, agreed by default."""
    found = items(session, campaign_code=campaign.code, phase_code=phase.code, states=("proposed",))
    return {
        "decider_name": "",
        "decider_role": "home_affairs",
        "items": [
            {"nomination_id": item.nomination.id, "agree": True, "comment": ""} for item in found
        ],
    }


def chairman_form(
    session: Session, *, campaign: Campaign, phase: Phase, today: date
) -> dict[str, Any]:
    """Return the Chairman's office form: every submitted nomination awarded by default."""
    found = items(
        session,
        campaign_code=campaign.code,
        phase_code=phase.code,
        states=("submitted_to_chairman",),
    )
    signer = phase.signatories.get("chairman")
    return {
        "decider_name": "",
        "decider_role": "chairman_office",
        "number": f"/{campaign.issuer_of(phase).decision_symbol()}",
        "signed_on": today.isoformat(),
        "signer_name": signer.name if signer else "",
        "signer_title": signer.title if signer else campaign.issuer_of(phase).signer_title,
        "awarded": [item.nomination.id for item in found],
        "refusal_reason": "",
    }


def form_states(step: str) -> tuple[str, ...]:
    """Return the states whose nominations a step's form lists."""
    return {
        "council": ("under_appraisal",),
        "verification": ("proposed",),
        "chairman": ("submitted_to_chairman",),
    }[step]
