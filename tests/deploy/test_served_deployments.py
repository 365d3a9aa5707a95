"""End to end: served deployments run through the API; the Prefect UI shows our artifact."""

from __future__ import annotations

import base64
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from prefect.client.orchestration import get_client
from prefect.deployments import run_deployment
from prefect.settings import PREFECT_API_AUTH_STRING, PREFECT_API_URL, temporary_settings
from sqlmodel import select

from deploy.local_stack import LocalStack
from deploy.stack_env import prefect_auth, settings_env
from models.database import session_scope, upgrade
from models.settings import Settings, get_settings
from models.tables import Submission, UnitYearResult
from tasks.campaigns import load_campaign_file
from tasks.registry.upsert import import_registry
from tasks.storage import ObjectStore
from tests.conftest import stack_settings
from tests.flows.e2e import CODE, REGISTRY, YEAR, campaign_file, good
from tests.prefect_workers import drain_prefect_workers

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "var" / "test-output"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]


@pytest.fixture
def stack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Settings]:
    """A private S3 and Prefect server, a database with the registry and a campaign."""
    settings = stack_settings(tmp_path / "var")
    local = LocalStack(settings)
    local.up(only=["seaweedfs", "prefect"])
    for name, value in settings_env(settings).items():
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    upgrade()
    with session_scope() as session:
        import_registry(session, path=REGISTRY)
        load_campaign_file(session, path=campaign_file(tmp_path))
    try:
        with temporary_settings(
            updates={
                PREFECT_API_URL: settings.prefect_api_url,
                PREFECT_API_AUTH_STRING: prefect_auth(settings),
            }
        ):
            yield settings
    finally:
        drain_prefect_workers()  # this process's logs and events, while the server is up
        local.down(grace_seconds=2)
        get_settings.cache_clear()


def _serve(settings: Settings, log: Path) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("THIDUA_")}
    env.update(settings_env(settings), PREFECT_API_URL=settings.prefect_api_url)
    with log.open("wb") as handle:
        return subprocess.Popen(  # noqa: S603 (fixed argument list)
            [sys.executable, "-m", "deploy.serve", "collect-reports", "aggregate-year"],
            cwd=ROOT,
            env=env,
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def _wait_for_deployments(names: list[str], process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 120
    with get_client(sync_client=True) as client:
        while time.monotonic() < deadline:
            assert process.poll() is None, log.read_text(errors="replace")
            found = {d.name for d in client.read_deployments()}
            if set(names) <= found:
                return
            time.sleep(1)
    raise AssertionError(f"deployments not served: {log.read_text(errors='replace')}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def _screenshot_of_artifact(settings: Settings, flow_run_id: str, key: str) -> Path:
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Debian's chromium is needed: apt-get install chromium"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOTS / f"prefect-ui-{key}.png"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            auth = prefect_auth(settings)
            if auth:  # the UI signs in as its login page does: the auth string in localStorage
                token = base64.b64encode(auth.encode()).decode()
                page.add_init_script(f"localStorage.setItem('prefect-password', '{token}')")
            page.goto(f"{settings.prefect_ui_url}/runs/flow-run/{flow_run_id}")
            page.get_by_text("Artifacts", exact=True).first.click()
            page.get_by_text(key, exact=True).first.wait_for(timeout=30000)
            page.screenshot(path=str(target), full_page=True)
            assert "Tổng hợp năm và việc cần làm tiếp." in page.inner_text("body")
        finally:
            browser.close()
    return target


def test_served_deployments_run_via_the_api_and_the_ui_shows_the_artifact(
    stack: Settings, tmp_path: Path
) -> None:
    store = ObjectStore(stack)
    for unit in ("SO-YT", "SO-TP"):
        store.put_bytes(stack.inbox_bucket, f"{CODE}/{YEAR}/{unit}/bc.xlsx", good(unit))
    log = tmp_path / "serve.log"
    server = _serve(stack, log)
    try:
        _wait_for_deployments(["collect-reports", "aggregate-year"], server, log)
        parameters = {"campaign": CODE, "year": YEAR}
        collected = run_deployment(
            "collect-reports/collect-reports", parameters=parameters, timeout=300
        )
        assert collected.state is not None, log.read_text(errors="replace")
        assert collected.state.is_completed(), log.read_text(errors="replace")
        assert collected.name == f"collect-{YEAR}"
        aggregated = run_deployment(
            "aggregate-year/aggregate-year", parameters=parameters, timeout=300
        )
        assert aggregated.state is not None
        assert aggregated.state.is_completed(), log.read_text(errors="replace")
    finally:
        _stop(server)

    with session_scope() as session:
        submissions = session.exec(select(Submission)).all()
        assert sorted(s.folder_unit_code for s in submissions) == ["SO-TP", "SO-YT"]
        assert all(s.status == "valid" and s.is_counted for s in submissions)
        results = session.exec(select(UnitYearResult).where(UnitYearResult.year == YEAR)).all()
        assert {r.unit_code for r in results if r.report_status == "on_time"} == {"SO-TP", "SO-YT"}
    feedback = [o.key for o in store.list(stack.output_bucket, f"phan-hoi/{CODE}/{YEAR}/")]
    assert any("/SO-YT/" in key for key in feedback)
    summary = [o.key for o in store.list(stack.output_bucket, f"tong-hop/{CODE}/{YEAR}/")]
    assert any(key.endswith(".docx") for key in summary)
    assert any(key.endswith(".json") for key in summary)

    with get_client(sync_client=True) as client:  # the server that served them has stopped
        deployment = client.read_deployment_by_name("collect-reports/collect-reports")
        assert not deployment.paused
        assert [s.active for s in deployment.schedules] == [True]
        # the campaign's own schedule: this year's collection (last year's window has passed)
        assert [(s.slug, s.parameters) for s in deployment.schedules] == [
            (f"{CODE}-collect-{YEAR}", {"campaign": CODE, "year": YEAR})
        ]

    shot = _screenshot_of_artifact(stack, str(aggregated.id), f"aggregate-{CODE}-{YEAR}-summary")
    assert shot.stat().st_size > 10_000
    print(f"ảnh chụp Prefect UI: {shot}")  # noqa: T201 (kept as a test output)
