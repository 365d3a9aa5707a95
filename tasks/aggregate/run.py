"""A campaign year's aggregation as one step: skipped when its inputs did not change."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, select

from models.campaign import Campaign
from models.tables import YearAggregate
from models.tables.columns import utc_now
from models.version import code_version
from tasks.aggregate.collection import fewer_collections
from tasks.aggregate.inputs import year_inputs
from tasks.aggregate.summary import result_hash, summarise, unit_rows
from tasks.aggregate.yearly import evaluate_units, store_results


@dataclass(frozen=True)
class YearOutcome:
    """A year's summary and result hash; payload (the stored JSON) only when computed now."""

    summary: dict[str, Any]
    result_sha256: str
    payload: dict[str, Any] | None
    reused: bool


@fewer_collections()
def aggregate_year_results(
    session: Session,
    *,
    campaign: Campaign,
    campaign_sha256: str,
    year: int,
    force: bool = False,
) -> YearOutcome:
    """Evaluate, rank and store a year, or return the stored outcome if nothing changed."""
    inputs = year_inputs(session, campaign=campaign, campaign_sha256=campaign_sha256, year=year)
    record = session.exec(
        select(YearAggregate).where(
            YearAggregate.campaign_code == campaign.code, YearAggregate.year == year
        )
    ).first()
    if record is not None and record.inputs_sha256 == inputs and not force:
        return YearOutcome(dict(record.summary), record.result_sha256, None, reused=True)
    units = evaluate_units(session, campaign=campaign, year=year)
    stored = store_results(
        session, campaign=campaign, campaign_sha256=campaign_sha256, year=year, units=units
    )
    summary = summarise(units, vocabulary=campaign.unit_vocabulary)
    payload: dict[str, Any] = {
        "campaign": campaign.code,
        "year": year,
        "campaign_sha256": campaign_sha256,
        "registry_sha256": stored.registry_sha256 if stored.count else None,
        "code_version": code_version(),
        "summary": summary,
        "units": unit_rows(units),
    }
    payload["result_sha256"] = result_hash(
        {k: v for k, v in payload.items() if k != "code_version"}
    )
    record = record or YearAggregate(
        campaign_code=campaign.code, year=year, inputs_sha256=inputs, result_sha256=""
    )
    record.inputs_sha256 = inputs
    record.result_sha256 = payload["result_sha256"]
    record.registry_sha256 = payload["registry_sha256"]
    record.summary = summary
    record.computed_at = utc_now()
    session.add(record)
    session.flush()
    return YearOutcome(summary, payload["result_sha256"], payload, reused=False)
