"""Table-driven criteria and scores per unit type and level, under the published scheme."""

from __future__ import annotations

import pytest

from models.campaign import Campaign, load_campaign, shipped_campaign_path
from tasks.scoring.criteria import (
    CriterionStatus,
    Reading,
    ReportStatus,
    evaluate_year,
)


@pytest.fixture(scope="module")
def campaign() -> Campaign:
    return load_campaign(shipped_campaign_path("cds-2022-2025"))[0]


def _r(total: float | None, achieved: float | None) -> Reading:
    return Reading(total, achieved)


@pytest.mark.parametrize(
    ("kind", "level", "readings", "statuses"),
    [
        # online work records: 100% at province level ...
        ("so_nganh", "tinh", {"HSCV_MANG": _r(100, 90)}, {"HSCV_MANG": "not_met"}),
        ("so_nganh", "tinh", {"HSCV_MANG": _r(100, 100)}, {"HSCV_MANG": "met"}),
        # ... and 80% at commune level
        ("xa", "xa", {"HSCV_MANG": _r(100, 80)}, {"HSCV_MANG": "met"}),
        ("xa", "xa", {"HSCV_MANG": _r(100, 79)}, {"HSCV_MANG": "not_met"}),
        # not applicable when the total is 0
        ("so_nganh", "tinh", {"CSDL_LGSP": _r(0, 0)}, {"CSDL_LGSP": "not_applicable"}),
        # socio-economic reporting for districts only
        ("huyen", "huyen", {"BC_KTXH": _r(12, 12)}, {"BC_KTXH": "met"}),
        ("xa", "xa", {"BC_KTXH": _r(12, 12)}, {"BC_KTXH": None}),
        # IT enterprises: at least one cooperation agreement
        ("doanh_nghiep_cntt", "tinh", {"DN_HOP_TAC": _r(None, 2)}, {"DN_HOP_TAC": "met"}),
        ("doanh_nghiep_cntt", "tinh", {"DN_HOP_TAC": _r(None, 0)}, {"DN_HOP_TAC": "not_met"}),
        # a required criterion not reported is not met; an optional one drops out
        ("so_nganh", "tinh", {}, {"VBDT": "not_met", "CSDL_LGSP": "not_applicable"}),
    ],
)
def test_criteria_by_unit_type_and_level(
    campaign: Campaign,
    kind: str,
    level: str,
    readings: dict[str, Reading],
    statuses: dict[str, str | None],
) -> None:
    evaluation = evaluate_year(
        campaign, kind=kind, level=level, year=2024, status=ReportStatus.ON_TIME, readings=readings
    )
    by_code = {c.code: c.status.value for c in evaluation.criteria}
    for code, status in statuses.items():
        assert by_code.get(code) == status


def test_score_is_weighted_mean_plus_capped_bonus_minus_late_penalty(campaign: Campaign) -> None:
    readings = {
        "NV_DUNG_HAN": _r(10, 10),
        "BC_DUNG_HAN": _r(10, 5),
        "HSCV_MANG": _r(100, 100),
        "VBDT": _r(100, 100),
        "CSDL_LGSP": _r(0, 0),
        "SANG_KIEN": _r(None, 3),
    }
    on_time = evaluate_year(
        campaign,
        kind="so_nganh",
        level="tinh",
        year=2024,
        status=ReportStatus.ON_TIME,
        readings=readings,
    )
    # four criteria apply (CSDL_LGSP is not applicable): (1 + 0.5 + 1 + 1) / 4 = 0.875
    assert on_time.base == pytest.approx(87.5)
    assert on_time.bonus == 6
    assert on_time.score == pytest.approx(93.5)
    late = evaluate_year(
        campaign,
        kind="so_nganh",
        level="tinh",
        year=2024,
        status=ReportStatus.LATE,
        readings=dict(readings, SANG_KIEN=_r(None, 9)),
    )
    assert late.bonus == 10  # capped
    assert late.penalty == 10
    assert late.score == pytest.approx(87.5)
    assert late.breakdown()["criteria"][1] == {
        "code": "BC_DUNG_HAN",
        "status": "not_met",
        "weight": 1.0,
        "target": 1.0,
        "value": 0.5,
        "achievement": 0.5,
        "reason": "",
    }


def test_missing_invalid_and_nothing_to_score(campaign: Campaign) -> None:
    missing = evaluate_year(
        campaign, kind="xa", level="xa", year=2024, status=ReportStatus.MISSING, readings={}
    )
    assert (missing.score, missing.note) == (0.0, "Không gửi báo cáo")
    invalid = evaluate_year(
        campaign, kind="xa", level="xa", year=2024, status=ReportStatus.INVALID, readings={}
    )
    assert invalid.score == 0.0
    cooperative = evaluate_year(
        campaign, kind="htx", level="xa", year=2024, status=ReportStatus.ON_TIME, readings={}
    )
    assert cooperative.score is None
    assert cooperative.criteria == []
    launched = evaluate_year(
        campaign,
        kind="htx",
        level="xa",
        year=2022,
        status=ReportStatus.ON_TIME,
        readings={"KH_PHAT_DONG": _r(None, 1)},
    )
    assert [c.status for c in launched.criteria] == [CriterionStatus.MET]
    assert launched.score == 100
