"""The council secretary records a meeting through the portal: a wrong answer keeps what was
typed, the paused deployment run (paused > 5 minutes) resumes and completes; a name typed into
Prefect's own Resume form decides nothing."""

from __future__ import annotations

import os
import re
import time
from datetime import date
from typing import Any
from uuid import UUID

import pytest
from prefect.client.orchestration import get_client
from prefect.deployments import run_deployment
from prefect.flow_runs import resume_flow_run
from sqlmodel import select

from flows.submit_to_chairman import submit_to_chairman
from models.database import session_scope
from models.tables import AccountAction, AwardDecision, CouncilMeeting, Nomination
from tasks.campaigns import current_campaign
from tasks.workflow.forms import council_form
from tests.flows.e2e import CODE, artifacts
from tests.flows.review_cycle import PHASE, phase_ready
from tests.flows.signed import account_with_role
from tests.portal.browser import PHONE, browser_page, log_in, shot
from tests.portal.conftest import PortalStack, _stop, serve

PAUSED_FOR = float(os.environ.get("THIDUA_TEST_PAUSE_SECONDS", "330"))
pytestmark = [pytest.mark.slow, pytest.mark.timeout(1200)]
MEMBERS = ["Hoàng Văn Bình, Giám đốc Sở", "Lê Thị Mai, Chuyên viên"] + [
    f"Thành viên số {i}, Ủy viên" for i in range(3, 6)
]


def _run(run_id: UUID) -> Any:
    with get_client(sync_client=True) as client:
        return client.read_flow_run(run_id)


def _wait(run_id: UUID, state: str, *, pause_key: str | None = None, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        run = _run(run_id)
        if run.state.type.value == state and (
            pause_key is None or run.state.state_details.pause_key == pause_key
        ):
            return
        time.sleep(2)
    raise AssertionError(f"run {run_id} is {_run(run_id).state}, not {state}")


def _wait_deployment(name: str) -> None:
    deadline = time.monotonic() + 120
    with get_client(sync_client=True) as client:
        while time.monotonic() < deadline:
            if name in {d.name for d in client.read_deployments()}:
                return
            time.sleep(1)
    raise AssertionError(f"deployment {name} not served")


def _impostor_answer() -> dict[str, Any]:
    with session_scope() as session:
        campaign, _ = current_campaign(session, code=CODE)
        form = council_form(
            session, campaign=campaign, phase=campaign.phase(PHASE), today=date.today()
        )
    return {
        **form,
        "decider_name": "Kẻ mạo danh",
        "chair_name": "Kẻ mạo danh",
        "secretary_name": "Kẻ mạo danh",
        "members_total": 7,
        "attendees": [{"name": "Kẻ mạo danh", "post": ""}],
        "votes": [{**v, "accept": True, "votes_for": 1} for v in form["votes"]],
    }


def test_the_secretary_records_the_meeting_and_the_paused_deployment_run_completes(
    portal_stack: PortalStack,
) -> None:
    phase_ready(portal_stack.settings)
    server = serve(portal_stack, "appraise-phase")
    try:
        _wait_deployment("appraise-phase")
        run = run_deployment(
            "appraise-phase/appraise-phase",
            parameters={"campaign": CODE, "phase": PHASE, "poll_seconds": 5},
            timeout=0,
        )
        _wait(run.id, "PAUSED", pause_key="1")
        # Prefect's own Resume form (the same API call): a typed name decides nothing
        resume_flow_run(run.id, run_input=_impostor_answer())
        _wait(run.id, "PAUSED", pause_key="2")
        assert "không đến từ cổng thidua" in str(artifacts("council-identity"))
        with session_scope() as session:
            assert session.exec(select(CouncilMeeting)).all() == []
        paused_at = time.monotonic()
        while time.monotonic() - paused_at < PAUSED_FOR:  # longer than the old lease (~4 min)
            assert _run(run.id).state.type.value == "PAUSED"
            time.sleep(15)

        with browser_page(PHONE) as phone:
            log_in(phone, portal_stack.url, "thu-ky")
            phone.get_by_role("link", name="Hội đồng thẩm định biểu quyết").click()
            phone.wait_for_load_state()
            shot(phone, "council-phone")
        with browser_page() as page:
            log_in(page, portal_stack.url, "thu-ky")
            assert page.url.endswith("/xet-duyet")
            shot(page, "worklist-desktop")
            page.get_by_role("link", name="Hội đồng thẩm định biểu quyết").click()
            page.wait_for_load_state()
            body = page.inner_text("main")
            for label in ("Đơn vị", "Hạng", "Điểm", "Điều kiện", "Kết quả xét chọn"):
                assert label in body
            with session_scope() as session:
                pending = session.exec(
                    select(Nomination).where(Nomination.state == "under_appraisal")
                ).all()
            assert len(pending) == 4
            page.get_by_label("Chủ tọa", exact=True).fill("Hoàng Văn Bình")
            page.get_by_label("Thư ký", exact=True).fill("Lê Thị Mai")
            page.get_by_label("Tổng số thành viên Hội đồng").fill("7")
            page.get_by_label("Thành viên có mặt").fill("\n".join(MEMBERS))
            page.get_by_label("Giờ kết thúc").fill("07:30")  # before the start: wrong
            live = page.locator('[data-live-field="end_time"]')  # checked as it is typed
            live.wait_for(state="visible")
            assert live.inner_text() == "giờ kết thúc phải sau giờ bắt đầu"
            page.get_by_role("button", name="Ghi biên bản và gửi quyết định").click()
            page.wait_for_load_state()
            body = page.inner_text("main")
            assert "Chưa ghi nhận được" in body
            assert "giờ kết thúc phải sau giờ bắt đầu" in body
            assert page.get_by_label("Chủ tọa", exact=True).input_value() == "Hoàng Văn Bình"
            assert page.get_by_label("Thành viên có mặt").input_value() == "\n".join(MEMBERS)
            assert page.get_by_label("Giờ kết thúc").input_value() == "07:30"
            shot(page, "council-wrong-desktop")
            assert _run(run.id).state.type.value == "PAUSED"  # nothing was sent

            page.get_by_label("Giờ kết thúc").fill("10:30")
            page.get_by_role("button", name="Tất cả thành viên có mặt đồng ý").click()
            page.wait_for_load_state()
            assert page.locator(f"input[name=for_{pending[0].id}]").input_value() == "5"
            page.get_by_role("button", name="Ghi biên bản và gửi quyết định").click()
            page.wait_for_url("**/trang-thai")
            _wait(run.id, "COMPLETED")
            page.reload()
            assert "Đã ghi nhận" in page.inner_text("main")
            shot(page, "council-recorded-desktop")
    finally:
        _stop(server)
    serve_log = (portal_stack.logs / "serve.log").read_text(errors="replace")
    # No HTTP 410 (a paused run's input gone); a run id's hex digits may hold "410" by chance.
    assert not re.search(r"(?<![0-9a-f-])410(?![0-9a-f-])", serve_log)
    with session_scope() as session:
        meeting = session.exec(select(CouncilMeeting)).one()
        assert (meeting.recorded_by_name, meeting.end_time, len(meeting.attendees)) == (
            "Lê Thị Mai",
            "10:30",
            5,
        )
        assert {n.state for n in session.exec(select(Nomination)).all()} == {"proposed"}
        acts = session.exec(select(AccountAction)).all()
        assert [(a.action, a.subject) for a in acts] == [("decision:council", str(run.id))]


def test_verification_and_the_chairman_decide_through_their_pages(
    portal_stack: PortalStack,
) -> None:
    with session_scope() as session:
        assert session.exec(select(CouncilMeeting)).first() is not None, "after the council"
    account_with_role("so-noi-vu", "Đinh Văn Nam", "home_affairs")
    account_with_role("vp-ubnd", "Văn phòng UBND tỉnh", "chairman_office")
    server = serve(portal_stack, "verify-phase", "record-decision")
    try:
        _wait_deployment("record-decision")
        params = {"campaign": CODE, "phase": PHASE, "poll_seconds": 2}
        verify = run_deployment("verify-phase/verify-phase", parameters=params, timeout=0)
        _wait(verify.id, "PAUSED", pause_key="1")
        with browser_page(PHONE) as page:
            log_in(page, portal_stack.url, "so-noi-vu", "mat-khau-123")
            page.get_by_role("link", name="Sở Nội vụ tỉnh Thái Nguyên thẩm tra").click()
            page.wait_for_load_state()
            assert page.locator("input[type=checkbox]:checked").count() == 4
            page.get_by_role("button", name="Gửi kết quả thẩm tra").click()
            page.wait_for_url("**/trang-thai")
            shot(page, "verification-sent-phone")
        _wait(verify.id, "COMPLETED")

        submit_to_chairman(campaign=CODE, phase=PHASE, operator_name="Lường Thị Hạnh")
        decision = run_deployment("record-decision/record-decision", parameters=params, timeout=0)
        _wait(decision.id, "PAUSED", pause_key="1")
        with browser_page() as page:
            log_in(page, portal_stack.url, "vp-ubnd", "mat-khau-123")
            chairman = "Chủ tịch Ủy ban nhân dân tỉnh Thái Nguyên quyết định"
            page.get_by_role("link", name=chairman).click()
            page.wait_for_load_state()
            page.get_by_label("Số quyết định").fill("1234/QĐ-UBND")
            page.get_by_label("Người ký").fill("Nguyễn Văn Chủ")
            page.locator("input[type=checkbox]").first.uncheck()  # refused, but no reason
            page.get_by_role("button", name="Ghi quyết định").click()
            page.wait_for_load_state()
            assert "cần ghi lý do" in page.inner_text("main")
            assert page.get_by_label("Số quyết định").input_value() == "1234/QĐ-UBND"
            assert not page.locator("input[type=checkbox]").first.is_checked()
            shot(page, "chairman-wrong-desktop")
            page.get_by_label("Lý do không khen thưởng").fill("Đã được khen cùng nội dung")
            page.get_by_role("button", name="Ghi quyết định").click()
            page.wait_for_url("**/trang-thai")
        _wait(decision.id, "COMPLETED")
    finally:
        _stop(server)
    with session_scope() as session:
        record = session.exec(select(AwardDecision)).one()
        assert (record.number, record.recorded_by_name) == ("1234/QĐ-UBND", "Văn phòng UBND tỉnh")
        states = sorted(n.state for n in session.exec(select(Nomination)).all())
        assert states == ["awarded", "awarded", "awarded", "not_awarded"]
