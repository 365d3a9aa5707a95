"""A campaign's schedules, computed from its own years, deadline, phases and timezone."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import yaml
from prefect.client.schemas.schedules import RRuleSchedule

from models.campaign import Campaign, load_campaign, shipped_campaign_path
from tasks.campaign_schedules import (
    AGGREGATE,
    COLLECT,
    REVIEW,
    all_schedules,
    campaign_end,
    campaign_schedules,
    has_ended,
    schedules_by_deployment,
)

SHIPPED, _ = load_campaign(shipped_campaign_path("cds-2022-2025"))
HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def other_campaign(
    code: str = "tinh-khac-2026-2027",
    years: tuple[int, ...] = (2026, 2027),
    deadline: tuple[int, int] = (30, 11),
    timezone: str = "Asia/Ho_Chi_Minh",
) -> Campaign:
    """Return the shipped campaign rewritten as another one: its own years, deadline, one phase."""
    data: dict[str, Any] = yaml.safe_load(
        shipped_campaign_path("cds-2022-2025").read_text(encoding="utf-8")
    )
    final = data["phases"][1]
    final.update(code=f"tong-ket-{years[-1]}", quarter=f"Q4/{years[-1]}", years=list(years))
    data.update(
        code=code,
        years=list(years),
        phases=[final],
        timezone=timezone,
        deadline={"day": deadline[0], "month": deadline[1], "time": "23:59:59"},
    )
    data["indicators"] = [i for i in data["indicators"] if not i.get("applies_to", {}).get("years")]
    return Campaign.model_validate(data)


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=HCM)  # type: ignore[misc]


def test_the_shipped_campaign_gets_the_schedules_it_always_had_and_each_ends() -> None:
    specs = all_schedules(SHIPPED)
    collect = [s for s in specs if s.deployment == COLLECT]
    assert [s.rrule for s in collect] == [
        f"DTSTART:{y}1101T000000\nRRULE:FREQ=HOURLY;UNTIL={y}1231T230000"
        for y in (2022, 2023, 2024, 2025)
    ]
    assert [s.parameters for s in collect] == [
        {"campaign": "cds-2022-2025", "year": y} for y in (2022, 2023, 2024, 2025)
    ]
    aggregate = [s for s in specs if s.deployment == AGGREGATE]
    assert [s.rrule for s in aggregate] == [
        f"DTSTART:{y}1216T060000\nRRULE:FREQ=DAILY;UNTIL={y}1216T060000"
        for y in (2022, 2023, 2024, 2025)
    ]
    review = [s for s in specs if s.deployment == REVIEW]
    assert [(s.rrule, s.parameters) for s in review] == [
        (
            "DTSTART:20231218T070000\nRRULE:FREQ=DAILY;UNTIL=20231218T070000",
            {"campaign": "cds-2022-2025", "phase": "so-ket-2023"},
        ),
        (
            "DTSTART:20251218T070000\nRRULE:FREQ=DAILY;UNTIL=20251218T070000",
            {"campaign": "cds-2022-2025", "phase": "tong-ket-2025"},
        ),
    ]
    assert {s.timezone for s in specs} == {"Asia/Ho_Chi_Minh"}
    assert len({s.slug for s in specs}) == len(specs) == 10
    assert campaign_end(SHIPPED) == at(2025, 12, 31, 23)  # the last late reports


def test_prefect_reads_the_rules_as_bounded_local_times() -> None:
    collect_2025 = next(s for s in all_schedules(SHIPPED) if s.slug == "cds-2022-2025-collect-2025")
    runs = list(RRuleSchedule(rrule=collect_2025.rrule, timezone=collect_2025.timezone).to_rrule())
    assert len(runs) == (30 + 31) * 24  # every hour of November and December, then no more
    assert runs[0] == at(2025, 11, 1, 0)
    assert runs[-1] == at(2025, 12, 31, 23)
    review = next(s for s in all_schedules(SHIPPED) if s.slug == "cds-2022-2025-review-so-ket-2023")
    once = list(RRuleSchedule(rrule=review.rrule, timezone=review.timezone).to_rrule())
    assert once == [at(2023, 12, 18, 7)]


def test_an_ended_campaign_has_no_schedule() -> None:
    assert not has_ended(SHIPPED, at(2025, 12, 31, 23))
    assert has_ended(SHIPPED, at(2025, 12, 31, 23, 1))
    assert campaign_schedules(SHIPPED, at(2026, 12, 7)) == []
    assert schedules_by_deployment([SHIPPED], at(2026, 12, 7)) == {
        COLLECT: [],
        AGGREGATE: [],
        REVIEW: [],
    }


def test_a_campaign_ending_this_year_keeps_only_what_is_left_of_it() -> None:
    campaign = other_campaign(code="ket-thuc-2026", years=(2025, 2026), deadline=(15, 12))
    now = at(2026, 12, 16, 3)  # after the 2026 deadline, before the aggregation and review
    left = campaign_schedules(campaign, now)
    assert [(s.deployment, s.parameters) for s in left] == [
        (AGGREGATE, {"campaign": "ket-thuc-2026", "year": 2026}),
        (REVIEW, {"campaign": "ket-thuc-2026", "phase": "tong-ket-2026"}),
        (COLLECT, {"campaign": "ket-thuc-2026", "year": 2026}),  # late reports until 31/12
    ]
    assert max(s.ends_at for s in left) == at(2026, 12, 31, 23)
    assert all(s.until.year == 2026 for s in left)
    assert not has_ended(campaign, now)
    assert campaign_schedules(campaign, at(2027, 1, 1)) == []


def test_two_campaigns_each_with_its_own_dates_and_code() -> None:
    new = other_campaign()  # 2026-2027, deadline 30/11
    grouped = schedules_by_deployment([new, SHIPPED], at(2025, 6, 1))
    assert [s.parameters["campaign"] for s in grouped[COLLECT]] == [
        "cds-2022-2025",
        *["tinh-khac-2026-2027"] * 2,
    ]
    new_collect = [s for s in grouped[COLLECT] if s.parameters["campaign"] == new.code]
    assert [(s.start, s.until) for s in new_collect] == [
        (datetime(y, 10, 1, 0), datetime(y, 11, 30, 23)) for y in (2026, 2027)
    ]
    new_aggregate = [s for s in grouped[AGGREGATE] if s.parameters["campaign"] == new.code]
    assert [s.start for s in new_aggregate] == [datetime(2026, 12, 1, 6), datetime(2027, 12, 1, 6)]
    assert [s.parameters for s in grouped[REVIEW]] == [
        {"campaign": "cds-2022-2025", "phase": "tong-ket-2025"},
        {"campaign": "tinh-khac-2026-2027", "phase": "tong-ket-2027"},
    ]
    later = schedules_by_deployment([new, SHIPPED], at(2026, 3, 1))
    assert {s.parameters["campaign"] for specs in later.values() for s in specs} == {new.code}


def test_edge_dates_january_deadline_end_of_february_and_another_timezone() -> None:
    january = other_campaign(code="thang-1", years=(2027,), deadline=(10, 1))
    (collect,) = [s for s in all_schedules(january) if s.deployment == COLLECT]
    assert (collect.start, collect.until) == (datetime(2026, 12, 1), datetime(2027, 1, 31, 23))
    february = other_campaign(code="thang-2", years=(2028,), deadline=(29, 2), timezone="UTC")
    specs = all_schedules(february)
    (collect,) = [s for s in specs if s.deployment == COLLECT]
    assert (collect.start, collect.until) == (datetime(2028, 1, 1), datetime(2028, 2, 29, 23))
    (aggregate,) = [s for s in specs if s.deployment == AGGREGATE]
    assert aggregate.start == datetime(2028, 3, 1, 6)
    assert {s.timezone for s in specs} == {"UTC"}
    assert campaign_end(february) == datetime(2028, 3, 3, 7, tzinfo=ZoneInfo("UTC"))
