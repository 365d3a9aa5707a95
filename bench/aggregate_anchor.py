"""The anchor of bench/aggregate.py: the same work, lean, in pandas over Core reads and writes.

Per year: the counted reports' values of the units expected that year, each applicable criterion's
achievement min(1, value / target), the weighted mean on 0-100 plus the capped initiative bonus
minus the late penalty, the rank in the block (equal scores share a rank), rate jumps from the
year before and counts far from same-kind peers; one row per unit written with one Core insert.
The final review: each nomination's unit's mean score over the years, eligibility (every year
reported and every applicable criterion met; for a person, an initiative and a valid report
every year; a complete dossier), ranked and cut at the quotas, one row per candidate written.
No lineage across mergers, no explanations: what the anchor leaves out is the product's own.
"""

from __future__ import annotations

import time
from typing import Any

import pandas as pd
from sqlalchemy import (
    Column,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    create_engine,
    insert,
    text,
)

from models.campaign import IndicatorKind, IndicatorRole, load_campaign, shipped_campaign_path

META = MetaData()
YEAR_ROWS = Table(
    "anchor_year_result",
    META,
    Column("unit_code", String(64)),
    Column("year", Integer),
    Column("status", String(16)),
    Column("score", Float),
    Column("rank", Integer),
    Column("flags", Integer),
)
CANDIDATES = Table(
    "anchor_candidate",
    META,
    Column("nomination_id", Integer),
    Column("score", Float),
    Column("eligible", Integer),
    Column("rank", Integer),
    Column("selected", Integer),
)


def _criteria(campaign: Any, pairs: pd.DataFrame, year: int) -> pd.DataFrame:
    rows = []
    for kind, level in pairs.itertuples(index=False):
        for i in campaign.applicable_indicators(kind=kind, level=level, year=year):
            if i.role is IndicatorRole.CRITERION:
                target = i.target.for_level(level) if i.target else None
                rate = i.kind is IndicatorKind.RATE
                rows.append((kind, level, i.code, i.weight, target, rate, i.required))
    columns = ["kind", "level", "indicator_code", "weight", "target", "rate", "required"]
    return pd.DataFrame(rows, columns=columns)


def _year(
    engine: Any, campaign: Any, year: int, previous: pd.DataFrame | None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    on = campaign.deadline_for(year).date().isoformat()
    with engine.connect() as c:
        units = pd.read_sql_query(
            text(
                "SELECT code AS unit_code, kind, level, block FROM unit WHERE valid_from <= :on "
                "AND (valid_to IS NULL OR valid_to >= :on)"
            ),
            c,
            params={"on": on},
        )
        reports = pd.read_sql_query(
            text(
                "SELECT unit_code, id AS submission_id, is_late, is_counted FROM submission "
                "WHERE year = :year"
            ),
            c,
            params={"year": year},
        )
        values = pd.read_sql_query(
            text(
                "SELECT v.submission_id, v.indicator_code, v.total, v.achieved FROM "
                "indicator_value v JOIN submission s ON s.id = v.submission_id "
                "WHERE s.year = :year AND s.is_counted"
            ),
            c,
            params={"year": year},
        )
    counted = reports[reports.is_counted.astype(bool)]
    units = units.merge(counted[["unit_code", "submission_id", "is_late"]], how="left")
    units["status"] = "missing"
    units.loc[units.unit_code.isin(reports.unit_code), "status"] = "invalid"
    units.loc[units.submission_id.notna(), "status"] = "on_time"
    units.loc[units.is_late.fillna(False).astype(bool), "status"] = "late"
    criteria = _criteria(campaign, units[["kind", "level"]].drop_duplicates(), year)
    frame = units.merge(criteria, on=["kind", "level"]).merge(
        values, on=["submission_id", "indicator_code"], how="left"
    )
    zero = frame.rate & ~(frame.total.fillna(0) > 0)
    value = frame.achieved / frame.total.where(frame.rate, 1.0).where(~zero)
    frame["achievement"] = (value / frame.target).clip(upper=1.0).where(frame.target > 0, 1.0)
    applicable = frame.achieved.notna() & ~zero | frame.required
    frame = frame[applicable]
    frame["achievement"] = frame.achievement.fillna(0.0)
    frame["met"] = frame.achievement >= 1.0
    frame["weighted"] = frame.weight * frame.achievement
    sums = frame.groupby("unit_code")[["weighted", "weight"]].sum()
    units = units.set_index("unit_code")
    units["base"] = campaign.scoring.scale * sums.weighted / sums.weight
    units["all_met"] = frame.groupby("unit_code").met.all()
    bonus = campaign.scoring.initiative_bonus
    initiatives = values[values.indicator_code == bonus.indicator].set_index("submission_id")
    counts = units.submission_id.map(initiatives.achieved).fillna(0.0)
    units["score"] = (
        units.base
        + (bonus.points_each * counts).clip(upper=bonus.cap)
        - campaign.scoring.late_penalty.points * (units.status == "late")
    ).clip(0.0, campaign.scoring.scale)
    units.loc[units.status.isin(["missing", "invalid"]), "score"] = (
        campaign.scoring.missing_report.score
    )
    units["rank"] = units.groupby(units.block.fillna("")).score.rank(method="min", ascending=False)
    rates = (
        frame[frame.rate]
        .assign(value=value)
        .pivot_table(index="unit_code", columns="indicator_code", values="value")
    )
    jumps = (
        ((rates - previous).abs() > campaign.scoring.outliers.rate_jump).sum(axis=1)
        if (previous is not None)
        else 0
    )
    by_kind = values.merge(units.reset_index()[["submission_id", "kind", "unit_code"]])
    grouped = by_kind.groupby(["kind", "indicator_code"]).achieved
    center = grouped.transform("median")
    spread = (by_kind.achieved - center).abs().groupby(
        [by_kind.kind, by_kind.indicator_code]
    ).transform("median") * 1.4826
    far = (by_kind.achieved - center).abs() / spread > campaign.scoring.outliers.peer_z_score
    units["flags"] = far.groupby(by_kind.unit_code).sum().reindex(units.index).fillna(0)
    units["flags"] += pd.Series(jumps, index=units.index).reindex(units.index).fillna(0)
    with engine.begin() as c:
        c.execute(
            insert(YEAR_ROWS),
            [
                {
                    "unit_code": code,
                    "year": year,
                    "status": s,
                    "score": float(v),
                    "rank": int(r),
                    "flags": int(f),
                }
                for code, s, v, r, f in zip(
                    units.index,
                    units.status,
                    units.score,
                    units["rank"],
                    units["flags"],
                    strict=True,
                )
            ],
        )
    return units, rates


def _review(engine: Any, campaign: Any, years: dict[int, pd.DataFrame]) -> None:
    phase = campaign.phase("tong-ket-2025")
    scores = pd.DataFrame({y: f.score for y, f in years.items()})
    reported = pd.DataFrame({y: f.status.isin(["on_time", "late"]) for y, f in years.items()})
    met = pd.DataFrame({y: f.all_met.fillna(False) for y, f in years.items()})
    every = reported.all(axis=1).reindex(scores.index, fill_value=False)
    good = (reported & met).all(axis=1)
    with engine.connect() as c:
        nominations = pd.read_sql_query(
            text(
                "SELECT n.id, n.proposing_unit_code AS unit_code, n.initiatives, "
                "n.dossier_complete, e.kind, e.birth_date, e.gender FROM nomination n "
                "JOIN nominee e ON e.id = n.nominee_id WHERE n.phase_code = :phase"
            ),
            c,
            params={"phase": phase.code},
        )
    nominations["score"] = nominations.unit_code.map(scores.mean(axis=1))
    nominations["initiatives"] = nominations.initiatives.fillna("").str.count(r"[^;\n]+")
    person = nominations.kind == "ca_nhan"
    unit_ok = nominations.unit_code.map(every).fillna(False)
    eligible = nominations.dossier_complete.astype(bool) & (
        (person & (nominations.initiatives >= 1) & unit_ok & nominations.birth_date.notna())
        | (~person & nominations.unit_code.map(good).fillna(False))
    )
    nominations["eligible"] = eligible
    nominations["measure"] = nominations.score.where(~person, nominations.initiatives)
    nominations["rank"] = (
        nominations[eligible].groupby("kind").measure.rank(method="min", ascending=False)
    )
    quota = nominations.kind.map(
        {"tap_the": phase.quotas.collective, "ca_nhan": phase.quotas.individual}
    )
    nominations["selected"] = nominations["rank"] <= quota
    with engine.begin() as c:
        c.execute(
            insert(CANDIDATES),
            [
                {
                    "nomination_id": int(i),
                    "score": None if pd.isna(s) else float(s),
                    "eligible": int(e),
                    "rank": None if pd.isna(r) else int(r),
                    "selected": int(x),
                }
                for i, s, e, r, x in zip(
                    nominations.id,
                    nominations.score,
                    nominations.eligible,
                    nominations["rank"],
                    nominations.selected,
                    strict=True,
                )
            ],
        )


def anchor(database_url: str, *, years: tuple[int, ...]) -> dict[str, float]:
    """Run the lean aggregation of every year and the final review; return the timings."""
    campaign, _ = load_campaign(shipped_campaign_path("cds-2022-2025"))
    engine = create_engine(database_url)
    META.drop_all(engine)
    META.create_all(engine)
    started, cpu = time.perf_counter(), time.process_time()
    frames: dict[int, pd.DataFrame] = {}
    previous = None
    for year in years:
        frames[year], previous = _year(engine, campaign, year, previous)
    middle = time.perf_counter()
    _review(engine, campaign, frames)
    done = time.perf_counter()
    engine.dispose()
    return {
        "years": middle - started,
        "review": done - middle,
        "total": done - started,
        "cpu": time.process_time() - cpu,
    }
