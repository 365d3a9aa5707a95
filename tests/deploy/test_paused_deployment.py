"""A decision run started through the API, as the UI does, waits paused for > 5 min and completes.

Before: the pausing deployments had a concurrency limit of 1 and Prefect withdrew the lease of the
paused run after about 4 minutes ("410 Gone"): the run crashed. A paused run now holds no slot.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from prefect.client.orchestration import get_client
from prefect.deployments import run_deployment
from sqlmodel import select

from deploy.stack_env import settings_env
from models.database import session_scope
from models.settings import Settings
from models.tables import AccountAction, CouncilMeeting
from tests.deploy.test_served_deployments import _stop, _wait_for_deployments, stack
from tests.flows.e2e import CODE
from tests.flows.review_cycle import PHASE, phase_ready
from tests.flows.signed import account_with_role, resume_signed

__all__ = ["stack"]
ROOT = Path(__file__).resolve().parents[2]
PAUSED_FOR = float(os.environ.get("THIDUA_TEST_PAUSE_SECONDS", "330"))
pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]


def _serve(settings: Settings, log: Path) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("THIDUA_")}
    env.update(settings_env(settings), PREFECT_API_URL=settings.prefect_api_url)
    with log.open("wb") as handle:
        return subprocess.Popen(  # noqa: S603 (fixed argument list)
            [sys.executable, "-m", "deploy.serve", "appraise-phase"],
            cwd=ROOT,
            env=env,
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def _state(run_id: object) -> str:
    with get_client(sync_client=True) as client:
        run = client.read_flow_run(run_id)  # type: ignore[arg-type]
    assert run.state is not None
    return run.state.type.value


def test_a_paused_deployment_run_waits_more_than_five_minutes_then_completes(
    stack: Settings, tmp_path: Path
) -> None:
    phase_ready(stack)
    account_with_role("thu-ky", "Lê Thị Mai", "council")
    log = tmp_path / "serve.log"
    server = _serve(stack, log)
    try:
        _wait_for_deployments(["appraise-phase"], server, log)
        started = run_deployment(
            "appraise-phase/appraise-phase",
            parameters={"campaign": CODE, "phase": PHASE, "poll_seconds": 5},
            timeout=0,
        )
        deadline = time.monotonic() + 180
        while _state(started.id) != "PAUSED":
            assert time.monotonic() < deadline, log.read_text(errors="replace")
            time.sleep(2)
        paused_at = time.monotonic()
        while time.monotonic() - paused_at < PAUSED_FOR:  # the lease used to go after ~4 min
            assert _state(started.id) == "PAUSED", log.read_text(errors="replace")
            time.sleep(15)
        with session_scope() as session:
            from datetime import date

            from tasks.campaigns import current_campaign
            from tasks.workflow.forms import council_form

            campaign, _ = current_campaign(session, code=CODE)
            form = council_form(
                session, campaign=campaign, phase=campaign.phase(PHASE), today=date.today()
            )
        present = [{"name": f"Thành viên {i}", "post": "Ủy viên"} for i in range(1, 6)]
        votes = [{**v, "accept": True, "votes_for": 5, "reason": ""} for v in form["votes"]]
        answer = {
            **form,
            "chair_name": "Hoàng Văn Bình",
            "secretary_name": "Lê Thị Mai",
            "members_total": 7,
            "attendees": present,
            "votes": votes,
        }
        resume_signed(started.id, answer, account="thu-ky", role="council")
        deadline = time.monotonic() + 120
        while _state(started.id) not in {"COMPLETED", "FAILED", "CRASHED"}:
            assert time.monotonic() < deadline, log.read_text(errors="replace")
            time.sleep(2)
        assert _state(started.id) == "COMPLETED", log.read_text(errors="replace")
    finally:
        _stop(server)
    # No HTTP 410 (a paused run's input gone); a run id's hex digits may hold "410" by chance.
    assert not re.search(r"(?<![0-9a-f-])410(?![0-9a-f-])", log.read_text(errors="replace"))
    with session_scope() as session:
        meeting = session.exec(select(CouncilMeeting)).one()
        assert meeting.recorded_by_name == "Lê Thị Mai"
        acts = session.exec(select(AccountAction)).all()
        assert [(a.action, a.subject) for a in acts] == [("decision:council", str(started.id))]
