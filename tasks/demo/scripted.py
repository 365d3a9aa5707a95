"""The demonstration's decision makers: the council follows the ranking, the others agree."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlmodel import Session

from models.campaign import Campaign, Phase
from tasks.workflow import forms

COUNCIL = [  # the Bắc Kạn demo's meeting: seven of the nine members, two absent
    ("Hoàng Văn Thành", "Giám đốc Sở, Chủ tịch Hội đồng"),
    ("Lường Thị Hạnh", "Phó Giám đốc Sở, Phó Chủ tịch Hội đồng"),
    ("Nông Văn Hải", "Trưởng ban Thi đua - Khen thưởng, Sở Nội vụ"),
    ("Ma Thị Yến", "Chánh Văn phòng Sở"),
    ("Triệu Đức Long", "Trưởng phòng Chuyển đổi số"),
    ("Bế Thu Phương", "Trưởng phòng Kế hoạch - Tài chính"),
    ("Lục Minh Toàn", "Chuyên viên, Thư ký Hội đồng"),
]


ABSENT = 2


def attendance(phase: Phase) -> tuple[list[tuple[str, str]], int]:
    """Return who attends the demo's council meeting and how many members the council has.

    The Bắc Kạn demo's meeting is scripted (COUNCIL, two members absent); another campaign's
    council, as its file sets it up, attends in full.
    """
    listed = [(member.name, member.post) for member in phase.documents.council]
    names = {name for name, _ in listed}
    if not listed or all(name in names for name, _ in COUNCIL):
        return COUNCIL, len(COUNCIL) + ABSENT
    return listed, len(listed)


TIE_REASON = (
    "Đồng hạng tại đường cắt: Hội đồng biểu quyết chọn trong nhóm đồng hạng (kịch bản minh họa)"
)


def _tie_choices(session: Session, *, campaign: Campaign, phase: Phase) -> dict[int, bool]:
    """Return the demo council's vote on the candidates tied at the cut: as many as seats left."""
    found = forms.items(
        session, campaign_code=campaign.code, phase_code=phase.code, states=("under_appraisal",)
    )
    chosen: dict[int, bool] = {}
    for kind in ("tap_the", "ca_nhan"):
        tied = [i for i in found if i.nominee.kind == kind and forms.tied_at_cut(i)]
        first = tied[0].candidate if tied else None
        seats = int(first.breakdown.get("seats_left") or 0) if first else 0
        for position, item in enumerate(tied):
            chosen[item.nomination.id or 0] = position < seats  # the people's call, scripted
    return chosen


def council_decision(
    session: Session, *, campaign: Campaign, phase: Phase, day: date
) -> dict[str, Any]:
    """Return the council's vote: the proposal's selection accepted, every other declined."""
    form = forms.council_form(session, campaign=campaign, phase=phase, today=day)
    members, total = attendance(phase)
    present = len(members)
    chosen = _tie_choices(session, campaign=campaign, phase=phase)
    for vote in form["votes"]:
        if vote["nomination_id"] in chosen:
            vote.update(accept=chosen[vote["nomination_id"]], reason=TIE_REASON)
        if vote["accept"]:
            vote.update(votes_for=present, votes_against=0)
        else:
            vote.update(
                votes_for=0,
                votes_against=present - 1,
                votes_abstain=1,
                reason=vote["reason"] or "Ngoài chỉ tiêu khen thưởng của đợt",
            )
    chair, secretary = members[0], members[-1]
    form.update(
        decider_name=chair[0],
        start_time="08:00",
        end_time="10:30",
        chair_name=chair[0],
        chair_post=chair[1],
        secretary_name=secretary[0],
        secretary_post=secretary[1],
        members_total=total,
        attendees=[{"name": name, "post": post} for name, post in members],
    )
    return form


def verification(session: Session, *, campaign: Campaign, phase: Phase) -> dict[str, Any]:
    """Return Sở Nội vụ's word: it agrees with every proposed nomination."""
    form = forms.verification_form(session, campaign=campaign, phase=phase)
    form["decider_name"] = "Nông Văn Hải"
    return form


def chairman_decision(
    session: Session, *, campaign: Campaign, phase: Phase, day: date, number: int
) -> dict[str, Any]:
    """Return the Chairman's decision: every submitted nomination awarded."""
    form = forms.chairman_form(session, campaign=campaign, phase=phase, today=day)
    form.update(
        decider_name="Văn phòng UBND tỉnh",
        number=f"{number}/{campaign.issuer_of(phase).decision_symbol()}",
        signer_name=form["signer_name"] or phase.signatories["chairman"].name,
    )
    return form
