"""A candidate's achievement report, generated from its own record: data only (template wording)."""

from __future__ import annotations

from typing import Any

from models.campaign import Campaign
from tasks.documents.common import (
    display_name,
    header,
    movement,
    phase_facts,
    post_unit,
    punctuate,
    short_date,
)
from tasks.documents.dates import place_date_line
from tasks.documents.escape import clean_line, clean_lines
from tasks.documents.numerals import vn_number, vn_percent, vn_score
from tasks.documents.records import CandidateRecord, Dossier, YearResult

GENDER_LABELS = {"nam": "Nam", "nu": "Nữ"}
REPORTED = ("on_time", "late")


def _plain(name: str) -> str:
    return name.split(" (nguyên ")[0]


def report_header(dossier: Dossier, candidate: CandidateRecord) -> dict[str, Any]:
    """Return the header of the unit that sends the report, under its real superior (or none)."""
    issuer = _plain(candidate.proposing_unit_name)
    if candidate.superior_name:
        parent = candidate.superior_name
    elif candidate.unit_kind in dossier.campaign.unit_vocabulary.subordinate_kinds:
        parent = dossier.phase.appraising_department.parent_header
    else:
        parent = ""  # a mass organisation, a newspaper, a company: its header stands alone
    return header(
        parent=parent,
        issuer=issuer,
        number="",
        place_date=place_date_line(_place(dossier, candidate), None, year=dossier.year),
    )


def _place(dossier: Dossier, candidate: CandidateRecord) -> str:
    """Return where the unit sits: a commune's own name, else the province's seat."""
    name = _plain(candidate.proposing_unit_name)
    for prefix in ("UBND xã ", "UBND phường ", "UBND thị trấn "):
        if candidate.unit_kind == "xa" and name.startswith(prefix):
            return name.removeprefix(prefix)
    return dossier.phase.place


def _value(campaign: Campaign, code: str, value: float | None) -> str:
    try:
        kind = campaign.indicator(code).kind.value
    except KeyError:
        kind = "rate"
    return vn_number(value) if kind == "count" else vn_percent(value)


def met_criteria(campaign: Campaign, year: YearResult) -> list[dict[str, str]]:
    """Return the criteria the unit met that year, each with its figure and target."""
    met = []
    for item in year.criteria:
        code = str(item.get("code", ""))
        if item.get("status") != "met" or code not in {i.code for i in campaign.indicators}:
            continue
        target = item.get("target")
        met.append(
            {
                "content": campaign.indicator(code).content,
                "value": _value(campaign, code, item.get("value")),
                "target": _value(campaign, code, target) if target is not None else "",
            }
        )
    return met


def result_rows(years: tuple[YearResult, ...]) -> list[dict[str, str]]:
    """Return the years the unit reported in, with its score and place in its block."""
    rows = []
    for year in years:
        if year.status not in REPORTED or year.score is None:
            continue
        rows.append(
            {
                "year": str(year.year),
                "score": vn_score(year.score),
                "rank": str(year.rank) if year.rank and year.block else "",
                "block": clean_line(year.block),
                "from_units": ", ".join(year.from_units),
            }
        )
    return rows


def achievement_context(dossier: Dossier, candidate: CandidateRecord) -> dict[str, Any]:
    """Return the data of a candidate's achievement report, from its own record."""
    phase, campaign = dossier.phase, dossier.campaign
    person = candidate.kind == "ca_nhan"
    rows = result_rows(candidate.years)
    latest = next(
        (y for y in reversed(candidate.years) if y.status in REPORTED and y.criteria), None
    )
    post_then = post_unit(candidate.post_then, candidate.unit_then)
    sections = {
        "achievements": punctuate(clean_lines(candidate.achievements), bullet="- "),
        "initiatives": punctuate(clean_lines(candidate.initiatives), bullet="- "),
        "met": met_criteria(campaign, latest) if latest else [],
        "results": rows,
    }
    present = [name for name, items in sections.items() if items]
    return {
        **sections,
        "no": {name: present.index(name) + 1 if name in present else 0 for name in sections},
        "header": report_header(dossier, candidate),
        "phase": phase_facts(phase, dossier.campaign.issuer_of(phase)),
        "movement": movement(campaign),
        "form": clean_line(phase.legal_basis.achievement_form),
        "is_person": person,
        "name": display_name(candidate),
        "birth_date": short_date(candidate.birth_date),
        "gender": GENDER_LABELS.get(candidate.gender or "", ""),
        "post_then": post_then,
        "post_now": post_unit(candidate.post_now, candidate.unit_now) or post_then,
        "unit": _plain(candidate.proposing_unit_name),
        "superior": clean_line(candidate.superior_name),
        "block": clean_line(candidate.block),
        "women_share": vn_percent(candidate.women_share) if candidate.women_share else "",
        "scored_unit": _plain(candidate.scored_unit_name),
        "latest_year": str(latest.year) if latest else "",
        "confirmer": {
            "authority_line": "",
            "title": "XÁC NHẬN CỦA THỦ TRƯỞNG ĐƠN VỊ"
            if person
            else "XÁC NHẬN CỦA CẤP TRÊN TRỰC TIẾP",
            "name": "",
        },
        "signer": {
            "authority_line": "",
            "title": "NGƯỜI BÁO CÁO THÀNH TÍCH" if person else "THỦ TRƯỞNG ĐƠN VỊ",
            "name": clean_line(candidate.full_name) if person else "",
        },
    }
