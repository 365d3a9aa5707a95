"""What the yearly Báo cáo tổng hợp says beyond its tables (plan V.1): activities and models the
units reported, difficulties, anomalies named, recommendations; data only, the template words it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session, col, select

from models.campaign import Campaign
from models.tables import IndicatorValue, Submission, UnitYearResult
from tasks.documents.common import quoted
from tasks.documents.escape import clean_line
from tasks.documents.numerals import vn_number, vn_percent
from tasks.registry.queries import registry_units

REPORTED = ("on_time", "late")
MAX_ACTIVITIES = 15
LOW_SHARE = 0.8  # a criterion met by fewer units than this is a difficulty to name


@dataclass
class YearFacts:
    """The year's facts read from the database, ordered by business keys."""

    names: dict[str, str] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    late: list[str] = field(default_factory=list)
    anomalies: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    notes: list[tuple[str, str, str]] = field(default_factory=list)  # unit, indicator, note
    totals: dict[str, float] = field(default_factory=dict)


def read_facts(session: Session, *, campaign: str, registry: str, year: int) -> YearFacts:
    """Return the year's missing and late units, anomalies, units' notes and reported totals."""
    names = {u.code: u.name for u in registry_units(session, registry=registry)}
    facts = YearFacts(names=names)
    results = session.exec(
        select(UnitYearResult)
        .where(UnitYearResult.campaign_code == campaign, UnitYearResult.year == year)
        .order_by(col(UnitYearResult.unit_code))
    ).all()
    for row in results:
        name = names.get(row.unit_code, row.unit_code)
        if row.report_status not in REPORTED:
            facts.missing.append(name)
        elif row.report_status == "late":
            facts.late.append(name)
        facts.anomalies += [(name, flag) for flag in row.flags if isinstance(flag, dict)]
    counted = [r.submission_id for r in results if r.submission_id and r.report_status in REPORTED]
    if counted:
        rows = session.exec(
            select(IndicatorValue, Submission)
            .join(Submission, col(Submission.id) == col(IndicatorValue.submission_id))
            .where(col(IndicatorValue.submission_id).in_(sorted(counted)))
        ).all()
        for value, submission in sorted(
            rows, key=lambda pair: (pair[1].unit_code or "", pair[0].indicator_code)
        ):
            code_of_unit = submission.unit_code or submission.folder_unit_code
            unit = names.get(code_of_unit, code_of_unit)
            if value.note and clean_line(value.note):
                facts.notes.append((unit, value.indicator_code, clean_line(value.note)))
            if value.achieved is not None:
                code = value.indicator_code
                facts.totals[code] = facts.totals.get(code, 0) + value.achieved
    return facts


def _content(campaign: Campaign, code: str) -> str:
    try:
        return campaign.indicator(code).content
    except KeyError:
        return "một chỉ tiêu"


def _anomaly(campaign: Campaign, unit: str, flag: dict[str, Any]) -> dict[str, Any]:
    value = flag.get("value")
    jump = flag.get("code") == "RATE_JUMP" and isinstance(value, int | float)
    return {
        "unit": unit,
        "content": quoted(_content(campaign, str(flag.get("indicator", "")))),
        "jump": jump,
        "up": bool(jump and value > 0),  # type: ignore[operator]
        "change": vn_percent(abs(value), 0) if jump else "",  # type: ignore[arg-type]
    }


def year_sections(campaign: Campaign, facts: YearFacts, province: dict[str, Any]) -> dict[str, Any]:
    """Return the data of the report's narrative sections (the template words them)."""
    weak = sorted(
        (figures["share"], code)
        for code, figures in province.get("criteria_met", {}).items()
        if figures.get("applicable") and figures["share"] < LOW_SHARE
    )
    return {
        "activities": [
            {"unit": unit, "note": note.rstrip(" .;")}
            for unit, _, note in facts.notes[:MAX_ACTIVITIES]
        ],
        "outputs": [
            {"content": _content(campaign, code), "total": vn_number(facts.totals[code])}
            for code in ("SANG_KIEN", "TUYEN_TRUYEN", "DU_LIEU_MO", "DN_HOP_TAC")
            if facts.totals.get(code)
        ],
        "difficulties": [
            {
                "kind": "criterion",
                "content": quoted(_content(campaign, code)),
                "share": vn_percent(share, 0) if share else "",
            }
            for share, code in weak
        ]
        + [
            {"kind": kind, "count": vn_number(len(names)), "names": ", ".join(names)}
            for kind, names in (("missing", facts.missing), ("late", facts.late))
            if names
        ],
        "anomalies": [_anomaly(campaign, unit, flag) for unit, flag in facts.anomalies],
        "anomaly_count": vn_number(len({unit for unit, _ in facts.anomalies})),
        "recommendations": [
            {"kind": "criterion", "content": quoted(_content(campaign, code))}
            for _, code in weak[:3]
        ]
        + [{"kind": "reports"}] * bool(facts.missing or facts.late)
        + [{"kind": "anomalies"}] * bool(facts.anomalies)
        + [{"kind": "notes"}],
    }
