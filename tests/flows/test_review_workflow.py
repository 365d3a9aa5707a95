"""The review workflow's flows: pause for a decision, refuse a bad one, resume, time out."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

import pytest
from prefect.flow_runs import resume_flow_run
from sqlmodel import col, select

from flows.appraise_phase import appraise_phase
from flows.record_decision import record_chairman_decision
from flows.verify_phase import verify_phase
from models.database import session_scope
from models.settings import Settings
from models.tables import (
    AwardDecision,
    CouncilMeeting,
    CouncilVote,
    Nomination,
    Nominee,
    WorkflowTransition,
)
from tasks.campaigns import current_campaign
from tasks.workflow.decisions import submit_verified
from tasks.workflow.engine import Actor
from tests.flows.e2e import CODE, artifacts
from tests.flows.review_cycle import PHASE, Background, flow_run, phase_ready, wait_paused
from tests.flows.signed import account_with_role, resume_signed

pytestmark = pytest.mark.slow


def _pending() -> list[tuple[int, str, str]]:
    with session_scope() as session:
        rows = session.exec(
            select(Nomination, Nominee)
            .join(Nominee, col(Nominee.id) == col(Nomination.nominee_id))
            .where(Nomination.state == "under_appraisal")
            .order_by(col(Nomination.id))
        ).all()
        return [(n.id, e.kind, e.full_name) for n, e in rows]  # type: ignore[misc]


def _council(votes: list[dict[str, Any]], role: str = "council") -> dict[str, Any]:
    return {
        "decider_name": "Hoàng Văn Bình",
        "decider_role": role,
        "meeting_date": date.today().isoformat(),
        "start_time": "08:00",
        "end_time": "10:30",
        "venue": "Phòng họp số 1, Sở Khoa học và Công nghệ",
        "chair_name": "Hoàng Văn Bình",
        "chair_post": "Giám đốc Sở",
        "secretary_name": "Lê Thị Mai",
        "secretary_post": "Chuyên viên",
        "members_total": 7,
        "attendees": [{"name": f"Thành viên {i}", "post": "Ủy viên"} for i in range(1, 7)],
        "votes": votes,
    }


def test_council_pauses_refuses_a_bad_input_and_records_a_good_one(env: Settings) -> None:
    phase_ready(env)
    run = Background(appraise_phase, campaign=CODE, phase=PHASE, poll_seconds=1)
    run_id = wait_paused(f"appraise-{PHASE}")
    pending = _pending()
    assert Counter(kind for _, kind, _ in pending) == {"tap_the": 2, "ca_nhan": 2}
    account_with_role("thu-ky", "Hoàng Văn Bình", "council")
    # A name typed into Prefect's own Resume form decides nothing: the run says so and waits.
    impostor = _council(
        [{"nomination_id": n, "accept": True, "votes_for": 6} for n, _, _ in pending]
    )
    resume_flow_run(run_id, run_input={**impostor, "decider_name": "Kẻ mạo danh"})
    wait_paused(f"appraise-{PHASE}", after_pauses=1)
    assert "không đến từ cổng thidua" in str(artifacts("council-identity"))
    # A wrong answer (a refusal without a reason, end before start): explained, asked again.
    bad = _council(
        [
            {"nomination_id": n, "accept": i > 0, "votes_for": 5, "votes_against": 1}
            for i, (n, _, _) in enumerate(pending)
        ],
    )
    resume_signed(run_id, bad, account="thu-ky", role="council")
    wait_paused(f"appraise-{PHASE}", after_pauses=2)
    resume_signed(
        run_id,
        {**bad, "start_time": "10:00", "end_time": "09:00"},
        account="thu-ky",
        role="council",
    )
    wait_paused(f"appraise-{PHASE}", after_pauses=3)
    with session_scope() as session:
        assert session.exec(select(CouncilMeeting)).all() == []
    explained = str(artifacts("council-problems"))
    assert "giờ kết thúc phải sau giờ bắt đầu" in explained

    good = _council(
        [
            {
                "nomination_id": n,
                "accept": i > 0,
                "votes_for": 6 if i > 0 else 1,
                "votes_against": 0 if i > 0 else 5,
                "reason": "" if i > 0 else "Thành tích chưa tiêu biểu so với các đơn vị khác",
            }
            for i, (n, _, _) in enumerate(pending)
        ]
    )
    resume_signed(run_id, good, account="thu-ky", role="council")
    result = run.join()
    assert result["status"] == "recorded"
    assert result["decided_by"] == "thu-ky"
    state = flow_run(f"appraise-{PHASE}").state  # type: ignore[union-attr]
    assert state is not None
    assert state.is_completed()
    with session_scope() as session:
        meeting = session.exec(select(CouncilMeeting)).one()
        assert (meeting.recorded_by_name, meeting.members_total) == ("Hoàng Văn Bình", 7)
        assert len(meeting.attendees) == 6
        votes = session.exec(select(CouncilVote).order_by(col(CouncilVote.nomination_id))).all()
        assert [v.accepted for v in votes] == [False, True, True, True]
        states = {n.id: n.state for n in session.exec(select(Nomination)).all()}
        assert [states[n] for n, _, _ in pending] == [
            "not_proposed",
            "proposed",
            "proposed",
            "proposed",
        ]
        declined = session.exec(
            select(WorkflowTransition).where(WorkflowTransition.transition == "decline")
        ).one()
        assert declined.comment == "Thành tích chưa tiêu biểu so với các đơn vị khác"
        assert (declined.actor_name, declined.actor_role) == ("Hoàng Văn Bình", "council")
    assert artifacts(f"worklist-{CODE}-{PHASE}")


def test_a_timed_out_run_ends_cleanly_and_can_start_again(env: Settings) -> None:
    phase_ready(env)
    with session_scope() as session:  # collect-reports let the data decide already
        assert {n.state for n in session.exec(select(Nomination)).all()} == {"valid"}
        checked = session.exec(select(WorkflowTransition)).all()
        assert {(r.transition, r.actor_role) for r in checked} == {("validate", "system")}
    first = appraise_phase(campaign=CODE, phase=PHASE, timeout_hours=3 / 3600, poll_seconds=1)
    assert first["status"] == "timed_out"
    assert first["waiting"] == {"council": 4}
    state = flow_run(f"appraise-{PHASE}").state  # type: ignore[union-attr]
    assert state is not None
    assert state.is_completed()
    pending = _pending()
    assert len(pending) == 4  # the appraisal opened by the first run is kept

    run = Background(appraise_phase, campaign=CODE, phase=PHASE, poll_seconds=1)
    run_id = wait_paused(f"appraise-{PHASE}")
    votes = [{"nomination_id": n, "accept": True, "votes_for": 6} for n, _, _ in pending]
    account_with_role("thu-ky", "Hoàng Văn Bình", "council")
    resume_signed(run_id, _council(votes), account="thu-ky", role="council")
    assert run.join()["status"] == "recorded"
    with session_scope() as session:
        opened = session.exec(
            select(WorkflowTransition).where(WorkflowTransition.transition == "start_appraisal")
        ).all()
        assert len(opened) == 4  # not opened twice


def test_the_whole_cycle_and_the_history_reproduces_the_awards(env: Settings) -> None:
    phase_ready(env)
    run = Background(appraise_phase, campaign=CODE, phase=PHASE, poll_seconds=1)
    run_id = wait_paused(f"appraise-{PHASE}")
    pending = _pending()
    votes = [{"nomination_id": n, "accept": True, "votes_for": 6} for n, _, _ in pending]
    account_with_role("thu-ky", "Hoàng Văn Bình", "council")
    account_with_role("so-noi-vu", "Đinh Văn Nam", "home_affairs")
    account_with_role("vp-ubnd", "Văn phòng UBND tỉnh", "chairman_office")
    resume_signed(run_id, _council(votes), account="thu-ky", role="council")
    run.join()

    run = Background(verify_phase, campaign=CODE, phase=PHASE, poll_seconds=1)
    run_id = wait_paused(f"verify-{PHASE}")
    items = [{"nomination_id": n, "agree": True, "comment": ""} for n, _, _ in pending]
    resume_signed(
        run_id,
        {"decider_name": "", "decider_role": "", "items": items},
        account="so-noi-vu",
        role="home_affairs",
    )
    assert run.join()["verified"] == [n for n, _, _ in pending]

    with session_scope() as session:
        campaign, _ = current_campaign(session, code=CODE)
        submit_verified(
            session,
            campaign=campaign,
            phase=campaign.phase(PHASE),
            actor=Actor("Lê Thị Mai", "appraiser"),
        )

    run = Background(record_chairman_decision, campaign=CODE, phase=PHASE, poll_seconds=1)
    run_id = wait_paused(f"decision-{PHASE}")
    awarded = [n for n, _, _ in pending[1:]]
    decision = {
        "decider_name": "Văn phòng UBND tỉnh",
        "decider_role": "chairman_office",
        "number": "1234/QĐ-UBND",
        "signed_on": date.today().isoformat(),
        "signer_name": "Nguyễn Văn Chủ",
        "signer_title": "CHỦ TỊCH",
        "awarded": awarded,
        "refusal_reason": "",
    }
    signed = {"account": "vp-ubnd", "role": "chairman_office"}
    resume_signed(run_id, decision, **signed)  # a refusal without a reason: asked again
    wait_paused(f"decision-{PHASE}", after_pauses=1)
    resume_signed(run_id, {**decision, "refusal_reason": "Đã được khen cùng nội dung"}, **signed)
    assert run.join()["number"] == "1234/QĐ-UBND"

    with session_scope() as session:
        record = session.exec(select(AwardDecision)).one()
        assert record.number == "1234/QĐ-UBND"
        rows = session.exec(
            select(WorkflowTransition).order_by(
                col(WorkflowTransition.at), col(WorkflowTransition.id)
            )
        ).all()
        last: dict[int, str] = {}
        for row in rows:
            assert last.get(row.nomination_id, "submitted") == row.from_state  # an unbroken chain
            last[row.nomination_id] = row.to_state
        from_history = sorted(n for n, s in last.items() if s == "awarded")
        stored = sorted(
            n.id for n in session.exec(select(Nomination).where(Nomination.state == "awarded"))
        )
        assert from_history == stored == sorted(awarded)
        assert [r.transition for r in rows if r.nomination_id == pending[0][0]] == [
            "validate",
            "start_appraisal",
            "propose",
            "verify",
            "submit_to_chairman",
            "refuse",
        ]
