"""Flow aggregate-year: evaluate, rank and summarise a campaign year (run on 16 December)."""

from __future__ import annotations

from typing import Any

from prefect import flow, get_run_logger

from flows.naming import this_year, year_run_name
from tasks.aggregate.steps import evaluate_and_store, publish_year
from tasks.campaigns import resolve_campaign_code
from tasks.documents.steps import render_year_report
from tasks.ingest.steps import campaign_year_problem


@flow(name="aggregate-year", flow_run_name=year_run_name("aggregate"))
def aggregate_year(campaign: str | None = None, year: int | None = None) -> dict[str, Any]:
    """Score every expected unit of the year (this year by default); a rerun replaces it."""
    campaign = resolve_campaign_code(campaign)
    year = year or this_year()
    if problem := campaign_year_problem(campaign, year):
        get_run_logger().info(problem)
        return {"outside_campaign": 1}
    outcome = evaluate_and_store(campaign, year)
    publish_year(campaign, year, outcome)
    render_year_report(campaign, year, outcome["object_key"])
    province = outcome["summary"]["province"]
    get_run_logger().info(
        "Năm %s: %d/%d đơn vị có báo cáo hợp lệ; mã băm kết quả %s.",
        year,
        province["reported"],
        province["expected"],
        outcome["result_sha256"][:16],
    )
    return {
        "result_sha256": outcome["result_sha256"],
        "object_key": outcome["object_key"],
        **{k: province[k] for k in ("expected", "reported", "on_time")},
    }
