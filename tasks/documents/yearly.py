"""The yearly summary report (Báo cáo tổng hợp) of the movement, from the stored year results."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlmodel import Session, col, select

from models.campaign import Campaign
from models.tables import Unit, UnitYearResult
from tasks.documents.bundle import BundleFile, record, upload
from tasks.documents.chart import GroupFigures, results_chart
from tasks.documents.common import file_keeping, header, quoted, signer
from tasks.documents.dates import number_line, place_date_line
from tasks.documents.escape import clean_line
from tasks.documents.numerals import vn_number, vn_percent, vn_score
from tasks.documents.render import Picture, Properties, render_docx, template_path
from tasks.documents.yearly_sections import YearFacts, read_facts, year_sections
from tasks.storage import ObjectStore

TEMPLATE = "bao-cao-tong-hop.docx"
CHART_WIDTH_MM = 160


def report_key(campaign: str, year: int) -> str:
    """Return where the yearly report is stored in the output bucket."""
    return f"tong-hop/{campaign}/{year}/bao-cao-tong-hop.docx"


def _group_row(group: dict[str, Any]) -> dict[str, Any]:
    return {
        "group": clean_line(str(group["group"])),
        "expected": vn_number(group["expected"]),
        "reported": vn_number(group["reported"]),
        "on_time": vn_number(group["on_time"]),
        "reporting_rate": vn_percent(group["reporting_rate"]),
        "mean_score": vn_score(group["mean_score"]) or "Chưa có",
    }


def _criteria(campaign: Campaign, province: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for code, figures in sorted(province.get("criteria_met", {}).items()):
        try:
            content = campaign.indicator(code).content
        except KeyError:
            content = code
        rows.append(
            {
                "content": content,
                "met": f"{vn_number(figures['met'])}/{vn_number(figures['applicable'])}",
                "share": vn_percent(figures["share"]),
            }
        )
    return rows


def leaders(session: Session, *, campaign: str, registry: str, year: int) -> list[dict[str, Any]]:
    """Return the first of every block (all of them when tied) with their scores."""
    rows = session.exec(
        select(UnitYearResult, Unit)
        .join(Unit, col(Unit.code) == col(UnitYearResult.unit_code))
        .where(
            Unit.registry_code == registry,
            UnitYearResult.campaign_code == campaign,
            UnitYearResult.year == year,
            UnitYearResult.rank_in_block == 1,
            col(UnitYearResult.report_status).in_(("on_time", "late")),
        )
        .order_by(col(UnitYearResult.block), col(UnitYearResult.unit_code))
    ).all()
    return [
        {
            "block": result.block or "Chưa xếp cụm, khối",
            "name": unit.name,
            "score": vn_score(result.score),
        }
        for result, unit in rows
    ]


def yearly_context(
    *,
    campaign: Campaign,
    year: int,
    summary: dict[str, Any],
    leading: list[dict[str, Any]],
    facts: YearFacts | None = None,
) -> dict[str, Any]:
    """Return the yearly report's context: figures by kind and block, criteria, chart."""
    body = campaign.reporting_body(year)
    appraiser = body.appraising_department
    province = summary["province"]
    deadline = campaign.deadline_for(year)
    chart = results_chart(
        [
            GroupFigures(g["group"], g["reporting_rate"], g["on_time_rate"], g["mean_score"])
            for g in summary["by_kind"]
        ],
        title=f"Kết quả năm {year} theo loại đơn vị",
    )
    return {
        "header": header(
            parent=appraiser.parent_header,
            issuer=appraiser.header,
            number=number_line(None, "BC", appraiser.abbreviation),
            place_date=place_date_line(body.place, None, year=year),
        ),
        "summary": f"Kết quả Phong trào thi đua {quoted(campaign.name)} năm {year}",
        "addressee": body.issuing_authority.name,
        "intro": (
            f"Thực hiện Kế hoạch số {campaign.plan.number} của {campaign.plan.issuer}, "
            f"{appraiser.name} báo cáo kết quả Phong trào thi đua năm {year}, tổng hợp từ báo "
            f"cáo của các cơ quan, đơn vị, địa phương (hạn gửi ngày {deadline:%d/%m/%Y}), như sau:"
        ),
        "province_lines": [
            f"Số đơn vị phải báo cáo: {vn_number(province['expected'])}; đã gửi báo cáo hợp lệ: "
            f"{vn_number(province['reported'])} ({vn_percent(province['reporting_rate'])}), "
            f"trong đó đúng hạn {vn_number(province['on_time'])} "
            f"({vn_percent(province['on_time_rate'])}).",
            f"Điểm bình quân của các đơn vị có báo cáo hợp lệ: "
            f"{vn_score(province['mean_score']) or 'chưa có'}.",
        ],
        "by_kind": [_group_row(g) for g in summary["by_kind"]],
        "chart": Picture(chart, CHART_WIDTH_MM),
        "chart_caption": f"Biểu đồ: tỷ lệ gửi báo cáo, đúng hạn và điểm bình quân năm {year}",
        "by_block": [_group_row(g) for g in summary["by_block"]],
        "criteria": _criteria(campaign, province),
        "leaders": leading,
        **year_sections(campaign, facts or YearFacts(), province),
        "recipients": [
            "- Như trên;",
            f"- {body.home_affairs_department.name};",
            file_keeping(appraiser.drafting_unit),
        ],
        "signer": signer(body.signatory),
    }


def render_yearly_report(context: dict[str, Any], *, campaign: Campaign, year: int) -> bytes:
    """Render the yearly report from its context."""
    body = campaign.reporting_body(year)
    created = campaign.deadline_for(year).astimezone(UTC).replace(microsecond=0)
    return render_docx(
        template_path(None, TEMPLATE),
        context,
        Properties(
            title=f"Báo cáo tổng hợp kết quả Phong trào thi đua năm {year}",
            author=body.appraising_department.name,
            created=datetime.combine(created.date(), created.time(), tzinfo=UTC),
            keywords=f"{campaign.code}; {year}",
        ),
    )


def build_yearly_report(
    session: Session,
    *,
    campaign: Campaign,
    campaign_sha256: str,
    year: int,
    store: ObjectStore,
    bucket: str,
    summary_key: str,
    code_version: str,
) -> dict[str, Any]:
    """Render the year's report from its stored results, store and record it; return where."""
    payload = json.loads(store.get_bytes(bucket, summary_key))
    context = yearly_context(
        campaign=campaign,
        year=year,
        summary=payload["summary"],
        leading=leaders(session, campaign=campaign.code, registry=campaign.registry, year=year),
        facts=read_facts(session, campaign=campaign.code, registry=campaign.registry, year=year),
    )
    item = BundleFile(
        "bao-cao-tong-hop.docx",
        "bao_cao_tong_hop",
        render_yearly_report(context, campaign=campaign, year=year),
    )
    key = report_key(campaign.code, year)
    upload(store, bucket, key, item)
    sources = {
        "campaign_sha256": campaign_sha256,
        "result_sha256": payload.get("result_sha256"),
        "summary_key": summary_key,
    }
    record(
        session,
        campaign=campaign.code,
        phase=None,
        year=year,
        kind=item.kind,
        key=key,
        sha256=item.sha256,
        sources=sources,
        rules_version=code_version,
    )
    return {"key": key, "sha256": item.sha256, "size": len(item.data)}
