"""A unit's Giấy khen round as Prefect tasks: propose, record the head's decision, draft the QĐ."""

from __future__ import annotations

from typing import Any

from prefect import task
from prefect.artifacts import create_table_artifact
from prefect.cache_policies import NONE

from models.database import session_scope
from models.giay_khen import HeadDecision
from models.nominee_kinds import kind_label
from models.settings import get_settings
from models.version import code_version
from tasks.giay_khen.round import decide_round, draft_round_decision, propose_round
from tasks.storage import ObjectStore


@task(name="giay-khen-propose", cache_policy=NONE)
def propose_step(campaign: str, unit: str, round_code: str) -> dict[str, Any]:
    """Evaluate the round's candidates with the movement's engine; publish the proposal."""
    with session_scope() as session:
        proposal = propose_round(
            session, campaign_code=campaign, unit_code=unit, round_code=round_code
        )
    create_table_artifact(
        key=f"giay-khen-{campaign}-{unit}-{round_code}".lower(),
        table=[
            {
                "Mã": row["code"],
                "Loại": kind_label(row["kind"], capitalised=True),
                "Họ tên / tên tập thể": row["name"],
                "Điểm (0-100)": row["score"] if row["score"] is not None else "",
                "Đủ điều kiện": "có" if row["eligible"] else "không",
                "Đề xuất": "có" if row["selected"] else "không",
                "Lý do": " ".join(row["reasons"]),
            }
            for row in proposal["candidates"]
        ],
        description=f"Đề xuất tặng Giấy khen của {unit} ({round_code}): chờ Thủ trưởng quyết định.",
    )
    return proposal


@task(name="giay-khen-decide", cache_policy=NONE)
def decide_step(
    campaign: str, unit: str, round_code: str, decision: HeadDecision
) -> dict[str, Any]:
    """Record the head's decision (who decided, the list) and the awards it grants."""
    with session_scope() as session:
        return decide_round(
            session,
            campaign_code=campaign,
            unit_code=unit,
            round_code=round_code,
            decision=decision,
        )


@task(name="giay-khen-draft-decision", cache_policy=NONE)
def draft_step(campaign: str, unit: str, round_code: str) -> dict[str, Any]:
    """Render and store the QĐ tặng Giấy khen with its list of awardees."""
    settings = get_settings()
    with session_scope() as session:
        return draft_round_decision(
            session,
            campaign_code=campaign,
            unit_code=unit,
            round_code=round_code,
            store=ObjectStore(settings),
            bucket=settings.output_bucket,
            rules_version=code_version(),
        )
