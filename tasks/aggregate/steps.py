"""The yearly aggregation's steps as Prefect tasks: evaluate and store, then publish."""

from __future__ import annotations

import json
from typing import Any

from prefect import task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NONE
from sqlmodel import col, select

from models.database import session_scope
from models.settings import get_settings
from models.tables import UnitYearResult
from tasks.aggregate.run import aggregate_year_results
from tasks.campaigns import current_campaign
from tasks.storage import ObjectStore


@task(name="evaluate-year", cache_policy=NONE)
def evaluate_and_store(campaign_code: str, year: int) -> dict[str, Any]:
    """Evaluate every expected unit, store the results and the summary (unless unchanged)."""
    settings = get_settings()
    store = ObjectStore(settings)
    key = f"tong-hop/{campaign_code}/{year}/ket-qua-nam-{year}.json"
    with session_scope() as session:
        campaign, campaign_sha = current_campaign(session, code=campaign_code)
        outcome = aggregate_year_results(
            session, campaign=campaign, campaign_sha256=campaign_sha, year=year
        )
        if outcome.reused and not store.exists(settings.output_bucket, key):
            outcome = aggregate_year_results(  # the stored JSON is gone: compute it again
                session, campaign=campaign, campaign_sha256=campaign_sha, year=year, force=True
            )
    if outcome.payload is not None:
        store.put_bytes(
            settings.output_bucket,
            key,
            json.dumps(outcome.payload, ensure_ascii=False, indent=2, default=str).encode(),
            content_type="application/json; charset=utf-8",
        )
    return {"summary": outcome.summary, "result_sha256": outcome.result_sha256, "object_key": key}


def _points(value: object) -> object:
    return round(value, 2) if isinstance(value, float | int) else ""


@task(name="publish-year-report", cache_policy=NONE)
def publish_year(campaign_code: str, year: int, outcome: dict[str, Any]) -> None:
    """Publish the year's tables and a 'what happened, what next' note as Prefect artifacts."""
    summary = outcome["summary"]

    def rows(groups: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [
            {
                "Nhóm": g["group"],
                "Phải báo cáo": g["expected"],
                "Đã báo cáo": g["reported"],
                "Đúng hạn": g["on_time"],
                "Tỷ lệ báo cáo": f"{g['reporting_rate']:.0%}",
                "Tỷ lệ đúng hạn": f"{g['on_time_rate']:.0%}",
                "Điểm bình quân": g["mean_score"] if g["mean_score"] is not None else "",
                **{f"Đạt {code}": f"{v['share']:.0%}" for code, v in g["criteria_met"].items()},
            }
            for g in groups
        ]

    create_table_artifact(
        key=f"aggregate-{campaign_code}-{year}-by-kind",
        table=rows(summary["by_kind"] + [summary["province"]]),
        description=f"Kết quả năm {year} theo loại đơn vị.",
    )
    create_table_artifact(
        key=f"aggregate-{campaign_code}-{year}-by-block",
        table=rows(summary["by_block"]),
        description=f"Kết quả năm {year} theo cụm, khối thi đua.",
    )
    with session_scope() as session:
        ranked = session.exec(
            select(UnitYearResult)
            .where(UnitYearResult.campaign_code == campaign_code, UnitYearResult.year == year)
            .order_by(
                col(UnitYearResult.block),
                col(UnitYearResult.rank_in_block),
                col(UnitYearResult.unit_code),
            )
        ).all()
    create_table_artifact(
        key=f"aggregate-{campaign_code}-{year}-ranking",
        table=[
            {
                "Cụm, khối": r.block or "",
                "Hạng": r.rank_in_block or "",
                "Đơn vị": r.unit_code,
                "Điểm gốc": _points(r.breakdown.get("base")),
                "Thưởng sáng kiến": _points(r.breakdown.get("bonus")),
                "Trừ nộp muộn": _points(r.breakdown.get("penalty")),
                "Điểm năm (0-100)": _points(r.score),
                "Báo cáo": r.report_status,
                "Cần xem lại": "; ".join(str(f["message"]) for f in r.flags),
            }
            for r in ranked[:2000]
        ],
        description=f"Xếp hạng năm {year} trong từng cụm, khối.",
    )
    province = summary["province"]
    flagged = sum(bool(r.flags) for r in ranked)
    create_markdown_artifact(
        key=f"aggregate-{campaign_code}-{year}-summary",
        markdown="\n".join(
            [
                f"# Tổng hợp kết quả năm {year}",
                "",
                f"- {province['reported']}/{province['expected']} đơn vị có báo cáo hợp lệ "
                f"({province['reporting_rate']:.0%}), đúng hạn {province['on_time_rate']:.0%}; "
                f"điểm bình quân {province['mean_score']}.",
                f"- Kết quả chi tiết (JSON): `{outcome['object_key']}`; mã băm kết quả "
                f"`{outcome['result_sha256'][:16]}`.",
                "",
                "## Việc cần làm tiếp",
                f'- Xem lại {flagged} đơn vị có số liệu bất thường (cột "Cần xem lại").'
                if flagged
                else "- Không có số liệu bất thường cần xem lại.",
                "- Lập báo cáo tổng hợp năm trình UBND tỉnh.",
            ]
        ),
        description="Tổng hợp năm và việc cần làm tiếp.",
    )
