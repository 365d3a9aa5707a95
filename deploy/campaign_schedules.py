"""Each running campaign's schedules, put into the deployments of deploy/prefect.yaml.

prefect.yaml holds what every campaign shares (forms, tags, limits, triggers); the schedules of
collect-reports, aggregate-year and review-phase come from the campaigns themselves (the newest
loaded version of each, or the shipped files when none is loaded), computed at registration by
tasks/campaign_schedules.py. A campaign that has ended has none; registering again replaces every
schedule of those deployments, so an ended campaign's schedules go away.
"""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from typing import Any

from models.campaign import Campaign
from models.database import SchemaNotReadyError, require_schema, session_scope
from tasks.campaign_schedules import schedules_by_deployment
from tasks.campaigns import known_campaigns


def loaded_campaigns() -> list[Campaign]:
    """Return the campaigns of the database, or the shipped ones when it is not set up."""
    try:
        require_schema()
    except SchemaNotReadyError:
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
