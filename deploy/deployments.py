"""The deployments of deploy/prefect.yaml, read once for the worker and for `serve`."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:  # Prefect reads its settings when imported: only once they are settled
    from prefect.client.schemas.objects import ConcurrencyLimitConfig
    from prefect.deployments.runner import RunnerDeployment
    from prefect.schedules import Schedule

PROJECT_DIR = Path(__file__).resolve().parents[1]
PREFECT_FILE = Path(__file__).with_name("prefect.yaml")


def deployment_specs(path: Path = PREFECT_FILE) -> list[dict[str, Any]]:
    """Return the deployments as written in prefect.yaml (anchors resolved)."""
    return list(yaml.safe_load(path.read_text(encoding="utf-8"))["deployments"])


def _schedule(entry: dict[str, Any]) -> Schedule:
    from prefect.schedules import Cron, RRule

    options = {
        "timezone": entry.get("timezone"),
        "active": entry.get("active", True),
        "parameters": entry.get("parameters"),
        "slug": entry.get("slug"),
    }
    if "cron" in entry:
        return Cron(entry["cron"], **options)
    if "rrule" in entry:
        return RRule(entry["rrule"], **options)
    raise ValueError(f"lịch không hỗ trợ: {entry}")


def _limit(value: dict[str, Any] | int | None) -> ConcurrencyLimitConfig | int | None:
    from prefect.client.schemas.objects import ConcurrencyLimitConfig, ConcurrencyLimitStrategy

    if isinstance(value, dict):
        return ConcurrencyLimitConfig(
            limit=value["limit"],
            collision_strategy=ConcurrencyLimitStrategy(value.get("collision_strategy", "ENQUEUE")),
        )
    return value


def runner_deployment(spec: dict[str, Any]) -> RunnerDeployment:
    """Return the deployment of a prefect.yaml entry, for `serve`."""
    from prefect.deployments.runner import RunnerDeployment
    from prefect.events.schemas.deployment_triggers import DeploymentEventTrigger
    from prefect.flows import Flow, load_flow_from_entrypoint

    flow: Flow[..., Any] = load_flow_from_entrypoint(str(PROJECT_DIR / spec["entrypoint"]))
    deployment = flow.to_deployment(
        name=spec["name"],
        description=" ".join(str(spec.get("description", "")).split()),
        tags=spec.get("tags"),
        parameters=spec.get("parameters"),
        schedules=[_schedule(entry) for entry in spec.get("schedules", [])],
        enforce_parameter_schema=spec.get("enforce_parameter_schema", True),
        concurrency_limit=_limit(spec.get("concurrency_limit")),
        triggers=[DeploymentEventTrigger(**entry) for entry in spec.get("triggers", [])],
    )
    assert isinstance(deployment, RunnerDeployment)  # called outside an event loop
    return deployment


def scheduled_specs(now: datetime | None = None) -> list[dict[str, Any]]:
    """Return the deployments with the running campaigns' schedules (deploy/campaign_schedules)."""
    from deploy.campaign_schedules import loaded_campaigns, with_campaign_schedules

    return with_campaign_schedules(deployment_specs(), loaded_campaigns(), now)


def register(
    *,
    api_url: str,
    work_pool: str,
    project_dir: Path | None = None,
    env: dict[str, str] | None = None,
    now: datetime | None = None,
) -> subprocess.CompletedProcess[str]:
    """Create the process work pool if needed and register every deployment on it.

    The schedules are each running campaign's, as of now; those of a campaign that has ended are
    removed (an empty list clears a deployment's schedules).
    """
    env = {
        **os.environ,
        **(env or {}),
        "PREFECT_API_URL": api_url,
        "THIDUA_PROJECT_DIR": str(project_dir or PROJECT_DIR),
        "PREFECT_DEPLOYMENTS_CLEAR_SCHEDULES_ON_EMPTY": "true",
    }
    document = yaml.safe_load(PREFECT_FILE.read_text(encoding="utf-8"))
    document["deployments"] = scheduled_specs(now)
    with tempfile.TemporaryDirectory(prefix="thidua-deploy-") as folder:
        prefect_file = Path(folder) / "prefect.yaml"
        prefect_file.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
        return _deploy(prefect_file, work_pool=work_pool, env=env)


def _deploy(
    prefect_file: Path, *, work_pool: str, env: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    """Run the registration (work pool, deployments, after_deploy) in one Python process."""
    return subprocess.run(  # noqa: S603 (fixed argument list; deploy/register_process)
        [sys.executable, "-m", "deploy.register_process", work_pool, str(prefect_file)],
        env=env,
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
