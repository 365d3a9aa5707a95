"""The schedules a campaign's own file implies: collect, aggregate and review, and nothing after.

For each year of the campaign: collection every hour through the reporting window (from the first
day of the month before the deadline's month to the last hour of the deadline's month, so late
reports are taken in too), and the yearly aggregation once, at 06:00 the morning after the
deadline. For each phase: the review once, at 07:00 three days after the deadline of the phase's
last year. All times are the campaign's local time; each schedule ends (RRULE UNTIL), so nothing
runs after the campaign's last review, and a schedule whose window has passed is left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from models.campaign import Campaign

COLLECT = "collect-reports"
AGGREGATE = "aggregate-year"
REVIEW = "review-phase"
SCHEDULED_DEPLOYMENTS = (COLLECT, AGGREGATE, REVIEW)
AGGREGATE_AT = time(6, 0)  # the morning after the deadline
REVIEW_AFTER_DAYS = 3
REVIEW_AT = time(7, 0)
_STAMP = "%Y%m%dT%H%M%S"


@dataclass(frozen=True)
class ScheduleSpec:
    """One bounded schedule of a deployment: every hour (or once) from start until until."""

    deployment: str
    slug: str
    start: datetime  # local wall time of the campaign, naive
    until: datetime  # the last run's local wall time, naive (inclusive)
    frequency: str  # HOURLY or DAILY (a one-off run is DAILY with until == start)
    timezone: str
    parameters: dict[str, Any] = field(default_factory=dict)

    @property
    def rrule(self) -> str:
        """Return the RFC 5545 rule, local wall times read in the schedule's timezone."""
        return (
            f"DTSTART:{self.start.strftime(_STAMP)}\n"
            f"RRULE:FREQ={self.frequency};UNTIL={self.until.strftime(_STAMP)}"
        )

    @property
    def ends_at(self) -> datetime:
        """Return the last run's time, timezone-aware."""
        return self.until.replace(tzinfo=ZoneInfo(self.timezone))

    def entry(self) -> dict[str, Any]:
        """Return the schedule as a prefect.yaml entry (rrule, timezone, parameters, slug)."""
        return {
            "rrule": self.rrule,
            "timezone": self.timezone,
            "parameters": dict(self.parameters),
            "slug": self.slug,
            "active": True,
        }


def _month_start(day: date, months_back: int = 0) -> date:
    month = day.year * 12 + day.month - 1 - months_back
    return date(month // 12, month % 12 + 1, 1)


def _month_end(day: date) -> date:
    return _month_start(day + timedelta(days=32 - day.day)) - timedelta(days=1)


def all_schedules(campaign: Campaign) -> list[ScheduleSpec]:
    """Return every schedule of the campaign, past ones included, in running order."""
    code, zone = campaign.code, campaign.timezone
    specs: list[ScheduleSpec] = []
    for year in campaign.years:
        deadline = campaign.deadline_for(year).date()
        specs.append(
            ScheduleSpec(
                deployment=COLLECT,
                slug=f"{code}-collect-{year}",
                start=datetime.combine(_month_start(deadline, 1), time(0, 0)),
                until=datetime.combine(_month_end(deadline), time(23, 0)),
                frequency="HOURLY",
                timezone=zone,
                parameters={"campaign": code, "year": year},
            )
        )
        once = datetime.combine(deadline + timedelta(days=1), AGGREGATE_AT)
        specs.append(
            ScheduleSpec(
                deployment=AGGREGATE,
                slug=f"{code}-aggregate-{year}",
                start=once,
                until=once,
                frequency="DAILY",
                timezone=zone,
                parameters={"campaign": code, "year": year},
            )
        )
    for phase in campaign.phases:
        once = datetime.combine(
            campaign.phase_date(phase) + timedelta(days=REVIEW_AFTER_DAYS), REVIEW_AT
        )
        specs.append(
            ScheduleSpec(
                deployment=REVIEW,
                slug=f"{code}-review-{phase.code}",
                start=once,
                until=once,
                frequency="DAILY",
                timezone=zone,
                parameters={"campaign": code, "phase": phase.code},
            )
        )
    return sorted(specs, key=lambda s: (s.ends_at, s.deployment, s.slug))


def campaign_end(campaign: Campaign) -> datetime:
    """Return when the campaign's last scheduled run is due (timezone-aware)."""
    return max(spec.ends_at for spec in all_schedules(campaign))


def has_ended(campaign: Campaign, now: datetime) -> bool:
    """Return whether nothing of the campaign is left to run at now (timezone-aware)."""
    return campaign_end(campaign) < now


def campaign_schedules(campaign: Campaign, now: datetime) -> list[ScheduleSpec]:
    """Return the campaign's schedules that still have a run due at or after now."""
    return [spec for spec in all_schedules(campaign) if spec.ends_at >= now]


def schedules_by_deployment(
    campaigns: list[Campaign], now: datetime
) -> dict[str, list[ScheduleSpec]]:
    """Return every campaign's remaining schedules, grouped by deployment (each one listed)."""
    grouped: dict[str, list[ScheduleSpec]] = {name: [] for name in SCHEDULED_DEPLOYMENTS}
    for campaign in sorted(campaigns, key=lambda c: c.code):
        for spec in campaign_schedules(campaign, now):
            grouped[spec.deployment].append(spec)
    return grouped
