"""A unit's direct upload starts collect-reports through the S3 server's notification."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterDeploymentId
from prefect.settings import PREFECT_API_AUTH_STRING, PREFECT_API_URL, temporary_settings
from pydantic import SecretStr
from sqlmodel import select

from deploy.local_stack import LocalStack
from deploy.stack_env import prefect_auth, settings_env
from models.database import session_scope, upgrade
from models.settings import Settings, get_settings
from models.tables import Submission
from tasks.access.keys import grant, keys_file, load_unit_keys
from tasks.campaigns import load_campaign_file
from tasks.registry.upsert import import_registry
from tasks.storage import ObjectStore
from tests.conftest import stack_settings
from tests.flows.e2e import CODE, REGISTRY, YEAR, campaign_file, good

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]


@pytest.fixture
def stack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Settings]:
    """The whole local stack with distinct root, service and unit keys; schedules switched off."""
    settings = stack_settings(
        tmp_path / "var",
        s3_access_key="thidua-service",
        s3_secret_key="service-" + uuid.uuid4().hex,
        s3_admin_access_key="thidua-root",
        s3_admin_secret_key="root-" + uuid.uuid4().hex,
    )
    grant(keys_file(settings.resolved_var_dir), ["SO-YT"], registry="bac-kan", campaigns=[CODE])
    for name, value in settings_env(settings).items():
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    upgrade()
    with session_scope() as session:
        import_registry(session, path=REGISTRY)
        load_campaign_file(session, path=campaign_file(tmp_path))
    local = LocalStack(settings)
    try:
        local.up()
        with temporary_settings(
            updates={
                PREFECT_API_URL: settings.prefect_api_url,
                PREFECT_API_AUTH_STRING: prefect_auth(settings),
            }
        ):
            yield settings
    finally:
        local.down(grace_seconds=2)
        get_settings.cache_clear()


def _switch_schedules_off() -> str:
    with get_client(sync_client=True) as client:
        deployment = client.read_deployment_by_name("collect-reports/collect-reports")
        for schedule in deployment.schedules:
            client.update_deployment_schedule(deployment.id, schedule.id, active=False)
        assert not any(s.active for s in client.read_deployment(deployment.id).schedules)
        return str(deployment.id)


def test_a_direct_upload_is_collected_within_a_minute_without_the_schedule(
    stack: Settings,
) -> None:
    deployment_id = _switch_schedules_off()
    unit_key = load_unit_keys(keys_file(stack.resolved_var_dir))[("bac-kan", "SO-YT")]
    unit = ObjectStore(
        stack.model_copy(
            update={
                "s3_access_key": unit_key.access_key,
                "s3_secret_key": SecretStr(unit_key.secret_key),
            }
        )
    )
    started = time.monotonic()
    unit.put_bytes(stack.inbox_bucket, f"{CODE}/{YEAR}/SO-YT/bao-cao.xlsx", good("SO-YT"))

    submission = None
    while time.monotonic() - started < 60:
        time.sleep(2)
        with session_scope() as session:
            submission = session.exec(
                select(Submission).where(Submission.folder_unit_code == "SO-YT")
            ).first()
        if submission is not None and submission.status != "received":  # validated
            break
    elapsed = time.monotonic() - started
    log = (stack.resolved_var_dir / "log" / "events.log").read_text(errors="replace")
    assert submission is not None, f"not collected after {elapsed:.0f} s; events log:\n{log}"
    assert submission.status == "valid"
    assert submission.archive_key is not None
    print(f"tải lên trực tiếp được thu nhận sau {elapsed:.0f} giây")  # noqa: T201

    with get_client(sync_client=True) as client:
        runs = client.read_flow_runs(
            flow_run_filter=FlowRunFilter(
                deployment_id=FlowRunFilterDeploymentId(any_=[uuid.UUID(deployment_id)])
            )
        )
    assert len(runs) == 1
    (run,) = runs
    assert run.parameters == {"campaign": CODE, "year": YEAR, "batch_size": 50}
    assert run.created_by is not None
    assert run.created_by.type == "AUTOMATION"
    assert not run.auto_scheduled
