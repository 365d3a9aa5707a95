"""`thidua deployments register` on a real Prefect server: each campaign's schedules, and none
for a campaign that has ended (its old ones removed when registering again)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import yaml
from prefect.client.orchestration import get_client
from prefect.client.schemas.schedules import RRuleSchedule
from prefect.settings import PREFECT_API_AUTH_STRING, PREFECT_API_URL, temporary_settings

from deploy.deployments import register
from deploy.local_stack import LocalStack
from deploy.stack_env import prefect_auth, prefect_client_env, settings_env
from models.campaign import shipped_campaign_path
from models.database import session_scope, upgrade
from models.settings import Settings, get_settings
from tasks.campaigns import load_campaign_file
from tests.conftest import stack_settings
from tests.prefect_workers import drain_prefect_workers
from tests.tasks.test_campaign_schedules import at, other_campaign

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1500)]  # three registrations
NEXT = date.today().year + 1  # a campaign wholly ahead: every one of its schedules is due
NEW = other_campaign(code="tinh-moi", years=(NEXT, NEXT + 1), deadline=(15, 12))
SCHEDULED = ("collect-reports", "aggregate-year", "review-phase")


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Settings]:
    """A private Prefect server and a database with the shipped campaign and a new one."""
    settings = stack_settings(tmp_path / "var", stack_start_timeout_seconds=300)
    local = LocalStack(settings)
    local.up(only=["prefect"])
    for name, value in settings_env(settings).items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("THIDUA_DEFAULT_CAMPAIGN", raising=False)
    get_settings.cache_clear()
    upgrade()
    new_file = tmp_path / "tinh-moi.yaml"
    new_file.write_text(
        yaml.safe_dump(NEW.model_dump(mode="json"), allow_unicode=True), encoding="utf-8"
    )
    with session_scope() as session:
        load_campaign_file(session, path=shipped_campaign_path("cds-2022-2025"))
        load_campaign_file(session, path=new_file)
    try:
        with temporary_settings(
            updates={
                PREFECT_API_URL: settings.prefect_api_url,
                PREFECT_API_AUTH_STRING: prefect_auth(settings),
            }
        ):
            yield settings
    finally:
        drain_prefect_workers()
        local.down(grace_seconds=2)
        get_settings.cache_clear()


def _registered(settings: Settings) -> dict[str, list[tuple[str, dict, str, str]]]:
    """Return each scheduled deployment's schedules: slug, parameters, rrule, timezone."""
    found: dict[str, list[tuple[str, dict, str, str]]] = {}
    with get_client(sync_client=True) as client:
        for name in SCHEDULED:
            deployment = client.read_deployment_by_name(f"{name}/{name}")
            assert "campaign" not in deployment.parameters  # no campaign named in the file
            rows = []
            for schedule in deployment.schedules:
                assert isinstance(schedule.schedule, RRuleSchedule)
                assert schedule.active
                rows.append(
                    (
                        schedule.slug or "",
                        dict(schedule.parameters),
                        schedule.schedule.rrule,
                        schedule.schedule.timezone or "",
                    )
                )
            found[name] = sorted(rows)
    return found


def _register(settings: Settings, **kwargs: object) -> None:
    register(
        api_url=settings.prefect_api_url,
        work_pool=settings.work_pool,
        env=prefect_client_env(settings),
        **kwargs,  # type: ignore[arg-type]
    )


def test_register_creates_each_campaigns_schedules_and_none_for_an_ended_one(
    server: Settings,
) -> None:
    _register(server, now=at(2025, 6, 1))  # the shipped campaign's last year is under way
    found = _registered(server)
    collect = found["collect-reports"]
    assert [(slug, params) for slug, params, _, _ in collect] == [
        ("cds-2022-2025-collect-2025", {"campaign": "cds-2022-2025", "year": 2025}),
        (f"tinh-moi-collect-{NEXT}", {"campaign": "tinh-moi", "year": NEXT}),
        (f"tinh-moi-collect-{NEXT + 1}", {"campaign": "tinh-moi", "year": NEXT + 1}),
    ]
    assert collect[0][2:] == (
        "DTSTART:20251101T000000\nRRULE:FREQ=HOURLY;UNTIL=20251231T230000",
        "Asia/Ho_Chi_Minh",
    )
    aggregate = found["aggregate-year"]
    assert [(slug, rule) for slug, _, rule, _ in aggregate][0] == (
        "cds-2022-2025-aggregate-2025",
        "DTSTART:20251216T060000\nRRULE:FREQ=DAILY;UNTIL=20251216T060000",
    )
    assert [params for _, params, _, _ in aggregate] == [
        {"campaign": "cds-2022-2025", "year": 2025},
        {"campaign": "tinh-moi", "year": NEXT},
        {"campaign": "tinh-moi", "year": NEXT + 1},
    ]
    assert [(slug, params, rule) for slug, params, rule, _ in found["review-phase"]] == [
        (
            "cds-2022-2025-review-tong-ket-2025",
            {"campaign": "cds-2022-2025", "phase": "tong-ket-2025"},
            "DTSTART:20251218T070000\nRRULE:FREQ=DAILY;UNTIL=20251218T070000",
        ),
        (
            f"tinh-moi-review-tong-ket-{NEXT + 1}",
            {"campaign": "tinh-moi", "phase": f"tong-ket-{NEXT + 1}"},
            f"DTSTART:{NEXT + 1}1218T070000\nRRULE:FREQ=DAILY;UNTIL={NEXT + 1}1218T070000",
        ),
    ]

    _register(server)  # today: the shipped campaign has ended, its schedules go
    found = _registered(server)
    assert {params["campaign"] for rows in found.values() for _, params, _, _ in rows} == {
        "tinh-moi"
    }
    assert [len(found[name]) for name in SCHEDULED] == [2, 2, 1]
    assert all("UNTIL=" in rule for rows in found.values() for _, _, rule, _ in rows)

    _register(server, now=at(NEXT + 2, 1, 1))  # both ended: no schedule is left at all
    assert _registered(server) == {name: [] for name in SCHEDULED}
