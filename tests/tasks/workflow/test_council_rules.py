"""The council's rules from the campaign: quorum, 70% of all members, the proposal's limits."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlmodel import select

from models.campaign import Campaign, Phase
from models.database import session_scope
from models.tables import CouncilMeeting, CouncilVote, Nomination, PhaseCandidate, PhaseResult
from tasks.workflow import decisions
from tests.tasks.workflow.conftest import nominate


def _form(ids: list[int], *, total: int, present: int, **vote: Any) -> dict[str, Any]:
    return {
        "decider_name": "Hoàng Văn Bình",
        "decider_role": "council",
        "meeting_date": date(2023, 12, 20).isoformat(),
        "venue": "Phòng họp số 1",
        "chair_name": "Hoàng Văn Bình",
        "secretary_name": "Lê Thị Mai",
        "members_total": total,
        "attendees": [{"name": f"Ủy viên {i}"} for i in range(present)],
        "votes": [{"nomination_id": n, "accept": True, **vote} for n in ids],
    }


def _under_appraisal(db: str, count: int = 1) -> list[int]:
    with session_scope(db) as session:
        found = [
            nominate(session, name=f"Người {i}", state="under_appraisal") for i in range(count)
        ]
        return [n.id or 0 for n in found]


def _apply(db: str, campaign: Campaign, phase: Phase, payload: dict[str, Any]) -> list[str]:
    with session_scope(db) as session:
        problems, _ = decisions.apply(
            session, campaign=campaign, phase=phase, step="council", payload=payload, save=True
        )
    return problems


def test_a_proposal_needs_70_percent_of_all_members(
    db: str, campaign: Campaign, phase: Phase
) -> None:
    ids = _under_appraisal(db)
    # 6 of 9 present, all 6 in favour: 67% of the council's total members, not enough.
    short = _apply(db, campaign, phase, _form(ids, total=9, present=6, votes_for=6))
    assert any("cần ít nhất 7/9 thành viên Hội đồng đồng ý (70%" in p for p in short)
    # "More for than against" no longer suffices either.
    assert _apply(db, campaign, phase, _form(ids, total=9, present=9, votes_for=5))
    # An absent member's written opinion counts (Decree 91/2017, art. 45).
    assert (
        _apply(db, campaign, phase, _form(ids, total=9, present=6, votes_for=6, written_for=1))
        == []
    )
    with session_scope(db) as session:
        vote = session.exec(select(CouncilVote)).one()
        assert (vote.votes_for, vote.written_for, vote.accepted) == (6, 1, True)
        assert session.get(Nomination, ids[0]).state == "proposed"  # type: ignore[union-attr]


def test_more_written_opinions_than_absent_members_is_refused(
    db: str, campaign: Campaign, phase: Phase
) -> None:
    ids = _under_appraisal(db)
    problems = _apply(
        db, campaign, phase, _form(ids, total=9, present=8, votes_for=6, written_for=2)
    )
    assert any("chỉ có 1 thành viên vắng mặt" in p for p in problems)


def test_a_meeting_without_quorum_records_nothing_but_the_reason(
    db: str, campaign: Campaign, phase: Phase
) -> None:
    ids = _under_appraisal(db, 2)
    assert _apply(db, campaign, phase, _form(ids, total=9, present=4, votes_for=4)) == []
    with session_scope(db) as session:
        meeting = session.exec(select(CouncilMeeting)).one()
        assert meeting.quorum_met is False
        assert "có mặt 4/9, cần ít nhất 5" in (meeting.no_quorum_reason or "")
        assert session.exec(select(CouncilVote)).all() == []
        states = [session.get(Nomination, n).state for n in ids]  # type: ignore[union-attr]
    assert states == ["under_appraisal", "under_appraisal"]


def test_the_council_cannot_propose_an_unranked_candidate(
    db: str, campaign: Campaign, phase: Phase
) -> None:
    ids = _under_appraisal(db, 2)
    with session_scope(db) as session:
        result = PhaseResult(
            campaign_code=campaign.code,
            phase_code=phase.code,
            result_sha256="r" * 64,
            campaign_sha256="c" * 64,
            code_version="t",
        )
        session.add(result)
        session.flush()
        for n, eligible in zip(ids, (False, True), strict=True):
            session.add(
                PhaseCandidate(
                    phase_result_id=result.id or 0,
                    nomination_id=n,
                    kind="ca_nhan",
                    eligible=eligible,
                    rank=None,
                    reason="Không đủ điều kiện: chưa nêu sáng kiến"
                    if not eligible
                    else "Không xếp hạng: cùng một người được đề nghị 2 lần",
                )
            )
    problems = _apply(db, campaign, phase, _form(ids, total=5, present=5, votes_for=5))
    assert any(f"Đề nghị số {ids[0]}: không đủ điều kiện" in p for p in problems)
    assert any(f"Đề nghị số {ids[1]}: không được xếp hạng" in p for p in problems)


def test_the_minutes_keep_the_tie_the_council_decided(
    db: str, campaign: Campaign, phase: Phase
) -> None:
    ids = _under_appraisal(db, 2)
    tie = "Đồng hạng tại đường cắt với Người 1: còn 1/2 suất cho 2 trường hợp - Hội đồng biểu quyết"
    with session_scope(db) as session:
        result = PhaseResult(
            campaign_code=campaign.code,
            phase_code=phase.code,
            result_sha256="t" * 64,
            campaign_sha256="c" * 64,
            code_version="t",
        )
        session.add(result)
        session.flush()
        for n in ids:
            session.add(
                PhaseCandidate(
                    phase_result_id=result.id or 0,
                    nomination_id=n,
                    kind="ca_nhan",
                    eligible=True,
                    rank=1,
                    tie_break=tie,
                    reason="Đồng hạng thứ 1/2 tại đường cắt",
                    breakdown={"tied_at_cut": True, "seats_left": 1},
                )
            )
    payload = _form(ids, total=5, present=5, votes_for=5)
    payload["votes"][1].update(accept=False, votes_for=0, votes_against=5, reason="Biểu quyết")
    assert _apply(db, campaign, phase, payload) == []
    with session_scope(db) as session:
        reasons = [v.reason for v in session.exec(select(CouncilVote)).all()]
    assert all(reason.startswith(tie) for reason in reasons)
    assert reasons[1].endswith("Biểu quyết")
