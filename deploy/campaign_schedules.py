"""Each running campaign's schedules, put into the deployments of deploy/prefect.yaml.

prefect.yaml holds what every campaign shares (forms, tags, limits, triggers); the schedules of
collect-reports, aggregate-year and review-phase come from the campaigns themselves (the newest
loaded version of each, or the shipped files when none is loaded), computed at registration by
tasks/campaign_schedules.py. A campaign that has ended has none; registering again deletes every
schedule of those deployments it does not list, so an ended campaign's schedules go away.
"""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from models.campaign import Campaign
from models.database import session_scope
from tasks.campaign_schedules import SCHEDULED_DEPLOYMENTS, schedules_by_deployment
from tasks.campaigns import database_ready, known_campaigns


def loaded_campaigns() -> list[Campaign]:
    """Return the campaigns of the database, or the shipped ones when it is not set up."""
    if not database_ready():
        return known_campaigns(None)
    with session_scope() as session:
        return known_campaigns(session)


def with_campaign_schedules(
    specs: list[dict[str, Any]], campaigns: list[Campaign], now: datetime | None = None
) -> list[dict[str, Any]]:
    """Return specs with every scheduled deployment's schedules computed from the campaigns."""
    grouped = schedules_by_deployment(campaigns, now or datetime.now(UTC))
    scheduled = []
    for spec in specs:
        spec = copy.deepcopy(spec)
        if spec["name"] in grouped:
            spec["schedules"] = [schedule.entry() for schedule in grouped[spec["name"]]]
        scheduled.append(spec)
    return scheduled


def prune_schedules(prefect_file: Path) -> list[str]:
    """Delete every schedule of the scheduled deployments that prefect_file does not list.

    `prefect deploy` updates schedules by slug and keeps the ones it is not given, so the
    schedules of a campaign that has ended (and any older, unnamed ones) are deleted here.
    Returns "deployment: slug" of each schedule deleted.
    """
    from prefect.client.orchestration import get_client

    specs = yaml.safe_load(prefect_file.read_text(encoding="utf-8"))["deployments"]
    wanted = {
        spec["name"]: {entry.get("slug") for entry in spec.get("schedules") or []}
        for spec in specs
        if spec["name"] in SCHEDULED_DEPLOYMENTS
    }
    deleted = []
    with get_client(sync_client=True) as client:
        for name, slugs in wanted.items():
            deployment = client.read_deployment_by_name(f"{name}/{name}")
            for schedule in deployment.schedules:
                if schedule.slug is None or schedule.slug not in slugs:
                    client.delete_deployment_schedule(deployment.id, schedule.id)
                    deleted.append(f"{name}: {schedule.slug or schedule.id}")
    return deleted
