"""The engine: every transition's state, role, comment and guard rules; history; versioning."""

from __future__ import annotations

import threading

import pytest
from sqlmodel import select

from models.campaign import Phase
from models.database import session_scope
from models.tables import Nomination, WorkflowTransition
from models.workflow import nomination_workflow
from tasks.workflow.engine import SYSTEM, Actor, fire, fire_automatic, history
from tasks.workflow.errors import ConcurrentDecisionError, WorkflowError
from tests.tasks.workflow.conftest import nominate

COUNCIL = Actor("Hoàng Văn Bình", "council")
APPRAISER = Actor("Lê Thị Mai", "appraiser")
HOME = Actor("Đinh Văn Nam", "home_affairs")
CHAIR = Actor("Văn phòng UBND tỉnh", "chairman_office")
UNIT = Actor("Sở Y tế", "unit")

# (from, transition, actor, comment, to or the words of the refusal)
ALLOWED = [
    ("valid", "start_appraisal", APPRAISER, None, "under_appraisal"),
    ("valid", "start_appraisal", SYSTEM, None, "under_appraisal"),
    ("valid", "return_for_completion", APPRAISER, "Thiếu Biên bản họp xét", "returned"),
    ("under_appraisal", "return_for_completion", COUNCIL, "Bổ sung minh chứng", "returned"),
    ("returned", "resubmit", UNIT, None, "submitted"),
    ("invalid", "resubmit", UNIT, None, "submitted"),
    ("under_appraisal", "propose", COUNCIL, None, "proposed"),
    ("under_appraisal", "decline", COUNCIL, "Thành tích chưa tiêu biểu", "not_proposed"),
    ("proposed", "verify", HOME, None, "verified"),
    ("proposed", "send_back", HOME, "Xem lại điểm năm 2022", "under_appraisal"),
    ("verified", "submit_to_chairman", APPRAISER, None, "submitted_to_chairman"),
    ("submitted_to_chairman", "award", CHAIR, None, "awarded"),
    ("submitted_to_chairman", "refuse", CHAIR, "Chưa đủ tiêu chuẩn", "not_awarded"),
]
REFUSED = [
    ("valid", "propose", COUNCIL, None, "đang ở trạng thái «Hồ sơ hợp lệ»"),
    ("under_appraisal", "propose", APPRAISER, None, "chỉ Hội đồng thẩm định"),
    ("under_appraisal", "propose", UNIT, None, "Vai trò «Đơn vị đề nghị» không được"),
    ("under_appraisal", "decline", COUNCIL, None, "phải ghi rõ lý do"),
    ("under_appraisal", "decline", COUNCIL, "   ", "phải ghi rõ lý do"),
    ("submitted_to_chairman", "refuse", CHAIR, None, "phải ghi rõ lý do"),
    ("proposed", "send_back", HOME, "", "phải ghi rõ lý do"),
    ("proposed", "award", CHAIR, None, "đang ở trạng thái «Được đề xuất trong chỉ tiêu»"),
    ("awarded", "refuse", CHAIR, "Đổi ý", "đang ở trạng thái «Được tặng Bằng khen»"),
    ("verified", "submit_to_chairman", HOME, None, "chỉ Sở thẩm định"),
    ("submitted", "validate", APPRAISER, None, "chỉ Hệ thống"),
    ("under_appraisal", "no_such_step", COUNCIL, None, "không có thao tác «no_such_step»"),
    ("under_appraisal", "propose", Actor(" ", "council"), None, "cần ghi họ tên"),
]


def test_the_shipped_definition_covers_the_issue_states() -> None:
    states = set(nomination_workflow().states)
    assert {
        "submitted",
        "valid",
        "invalid",
        "under_appraisal",
        "proposed",
        "returned",
        "verified",
        "submitted_to_chairman",
        "awarded",
        "not_awarded",
    } <= states


@pytest.mark.parametrize(("source", "move", "actor", "comment", "target"), ALLOWED)
def test_allowed_transitions_move_and_leave_a_history_row(
    db: str, phase: Phase, source: str, move: str, actor: Actor, comment: str | None, target: str
) -> None:
    with session_scope(db) as session:
        nomination = nominate(session, state=source)
        row = fire(session, nomination, move, actor, comment=comment, data={"x": 1}, phase=phase)
        assert (nomination.state, nomination.version) == (target, 2)
        assert (row.from_state, row.to_state, row.transition) == (source, target, move)
        assert (row.actor_name, row.actor_role) == (actor.name, actor.role)
        assert row.comment == comment
        assert row.data_sha256 is not None
        assert len(row.data_sha256) == 64
        nomination_id = nomination.id
    with session_scope(db) as session:
        stored = session.get(Nomination, nomination_id)
        assert stored is not None
        assert (stored.state, stored.version) == (target, 2)
        assert [h.to_state for h in history(session, nomination_id)] == [target]  # type: ignore[arg-type]


@pytest.mark.parametrize(("source", "move", "actor", "comment", "words"), REFUSED)
def test_refused_transitions_say_why_in_vietnamese_and_change_nothing(
    db: str, phase: Phase, source: str, move: str, actor: Actor, comment: str | None, words: str
) -> None:
    with session_scope(db) as session:
        nomination = nominate(session, state=source)
        with pytest.raises(WorkflowError, match=words):
            fire(session, nomination, move, actor, comment=comment, phase=phase)
        assert (nomination.state, nomination.version) == (source, 1)
        assert session.exec(select(WorkflowTransition)).all() == []


def test_the_quota_is_a_guard(db: str, phase: Phase) -> None:
    with session_scope(db) as session:
        first = nominate(session, "SO-YT", "Phòng CNTT", kind="tap_the", state="under_appraisal")
        second = nominate(session, "SO-TC", "Phòng KH", kind="tap_the", state="under_appraisal")
        person = nominate(session, "SO-TC", "Lò Văn Ba", state="under_appraisal")
    with session_scope(db) as session:
        first = session.get(Nomination, first.id)
        assert first is not None
        fire(session, first, "propose", COUNCIL, phase=phase)
    # A refused guard leaves the claim to the caller's rollback: nothing of it stays.
    refused = "vượt chỉ tiêu.*tối đa 1 tập thể, đã đề xuất 1"
    with pytest.raises(WorkflowError, match=refused), session_scope(db) as session:  # noqa: PT012
        loaded = session.get(Nomination, second.id)
        assert loaded is not None
        fire(session, loaded, "propose", COUNCIL, phase=phase)
    with session_scope(db) as session:
        second = session.get(Nomination, second.id)
        person = session.get(Nomination, person.id)
        assert second is not None
        assert person is not None
        assert (second.state, second.version) == ("under_appraisal", 1)
        fire(session, person, "propose", COUNCIL, phase=phase)  # individuals have their own quota
        assert person.state == "proposed"


def test_automatic_transitions_follow_the_data(db: str, phase: Phase) -> None:
    with session_scope(db) as session:
        good = nominate(session, "SO-YT", "A")
        incomplete = nominate(session, "SO-TC", "B", complete=False)
        invalid_report = nominate(session, "SO-NV", "C", status="invalid")
        fired = fire_automatic(session, [good, incomplete, invalid_report], phase=phase)
        assert [(r.transition, r.actor_role) for r in fired] == [
            ("validate", "system"),
            ("invalidate", "system"),
            ("invalidate", "system"),
        ]
        assert [good.state, incomplete.state, invalid_report.state] == [
            "valid",
            "invalid",
            "invalid",
        ]
        assert fire_automatic(session, [good, incomplete, invalid_report], phase=phase) == []
        incomplete.dossier_complete = True  # the unit completed its dinh-kem/ folder
        session.flush()
        assert [r.to_state for r in fire_automatic(session, [incomplete], phase=phase)] == ["valid"]


def test_a_stale_version_loses(db: str, phase: Phase) -> None:
    """The second decider read before the first committed: its decision is refused.

    On PostgreSQL the second reads the old version and loses on it. On SQLite a transaction
    takes the write lock when it begins, so the second waits, reads the decided nomination and
    is refused by the workflow's rules; either way one decision stands.
    """
    with session_scope(db) as session:
        nomination_id = nominate(session, state="under_appraisal").id
    second_read, first_committed = threading.Event(), threading.Event()
    refused: list[BaseException] = []

    def second() -> None:
        with session_scope(db) as session:
            theirs = session.get(Nomination, nomination_id)
            assert theirs is not None
            second_read.set()
            first_committed.wait(timeout=30)
            try:
                fire(session, theirs, "decline", COUNCIL, comment="Không tiêu biểu", phase=phase)
            except WorkflowError as error:
                refused.append(error)
                session.rollback()

    with session_scope(db) as first:
        mine = first.get(Nomination, nomination_id)
        assert mine is not None
        other = threading.Thread(target=second)
        other.start()
        second_read.wait(timeout=2)  # SQLite: the second waits for this transaction instead
        fire(first, mine, "propose", COUNCIL, phase=phase)
    first_committed.set()
    other.join(timeout=60)
    assert len(refused) == 1
    if db.startswith("postgresql"):
        assert isinstance(refused[0], ConcurrentDecisionError)
        assert "vừa được người khác quyết định" in str(refused[0])
    with session_scope(db) as session:
        rows = session.exec(select(WorkflowTransition)).all()
        assert [(r.transition, r.to_state) for r in rows] == [("propose", "proposed")]


def test_two_decisions_at_once_one_wins(db: str, phase: Phase) -> None:
    with session_scope(db) as session:
        nomination_id = nominate(session, state="under_appraisal").id
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def decide(move: str, comment: str | None) -> None:
        try:
            barrier.wait(timeout=10)  # both start at once; SQLite then serialises the writers
            with session_scope(db) as session:
                nomination = session.get(Nomination, nomination_id)
                assert nomination is not None
                fire(session, nomination, move, COUNCIL, comment=comment, phase=phase)
            outcomes.append(f"won:{move}")
        except WorkflowError:
            outcomes.append(f"lost:{move}")
        except Exception as error:  # SQLite refuses the second writer outright
            outcomes.append(f"lost:{move}:{type(error).__name__}")

    threads = [
        threading.Thread(target=decide, args=("propose", None)),
        threading.Thread(target=decide, args=("decline", "Không tiêu biểu")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(o.split(":")[0] for o in outcomes) == ["lost", "won"]
    with session_scope(db) as session:
        nomination = session.get(Nomination, nomination_id)
        rows = session.exec(select(WorkflowTransition)).all()
        assert nomination is not None
        assert nomination.version == 2
        assert len(rows) == 1
        assert rows[0].to_state == nomination.state
