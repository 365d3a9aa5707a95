"""Yearly evaluation from counted reports: statuses, scores, ranks, lineage-aware outlier flags."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import select

from models.campaign import Campaign, load_campaign, shipped_campaign_path
from models.database import session_scope, upgrade
from models.tables import IndicatorValue, UnitYearResult
from tasks.aggregate.yearly import evaluate_units, store_results
from tasks.registry.upsert import import_registry
from tests.factories import submission_row

REGISTRY = Path(__file__).resolve().parents[3] / "models" / "data" / "units-bac-kan.csv"
FULL = {"NV_DUNG_HAN": (10, 10), "BC_DUNG_HAN": (4, 4), "HSCV_MANG": (100, 95), "VBDT": (50, 50)}


@pytest.fixture
def campaign() -> Campaign:
    return load_campaign(shipped_campaign_path("cds-2022-2025"))[0]


def _report(
    session,
    unit: str,
    n: int,
    year: int,
    values: dict[str, tuple[float, float]],  # type: ignore[no-untyped-def]
    *,
    late: bool = False,
    status: str = "valid",
) -> None:
    row = submission_row(unit, n, year=year, status=status, late=late, counted=status == "valid")
    session.add(row)
    session.flush()
    for code, (total, achieved) in values.items():
        session.add(
            IndicatorValue(
                submission_id=row.id, indicator_code=code, total=total, achieved=achieved
            )
        )


def test_yearly_results_with_lineage_and_late_and_missing(
    database_url: str, campaign: Campaign
) -> None:
    upgrade(database_url)
    with session_scope(database_url) as session:
        import_registry(session, path=REGISTRY)
        _report(session, "SO-TTTT", 1, 2024, dict(FULL, HSCV_MANG=(100, 40)))
        _report(session, "SO-KHCN", 2, 2025, FULL)
        _report(session, "SO-TC", 3, 2025, dict(FULL, BC_DUNG_HAN=(4, 2)))
        _report(session, "SO-YT", 4, 2025, FULL, late=True)
        _report(session, "SO-CT", 5, 2025, FULL, status="invalid")
    with session_scope(database_url) as session:
        units = evaluate_units(session, campaign=campaign, year=2025)
        store_results(session, campaign=campaign, campaign_sha256="c" * 64, year=2025, units=units)
    with session_scope(database_url) as session:
        rows = {r.unit_code: r for r in session.exec(select(UnitYearResult)).all()}
    assert (
        len(rows) == 34
    )  # every unit expected in 2025 (after the reorganisation), reporting or not
    khcn, tc, yt, ct = rows["SO-KHCN"], rows["SO-TC"], rows["SO-YT"], rows["SO-CT"]
    assert (khcn.report_status, khcn.score) == ("on_time", pytest.approx(98.75))
    assert tc.score == pytest.approx(86.25)  # (1 + 0.5 + 0.95 + 1) / 4
    assert (yt.report_status, yt.score) == ("late", pytest.approx(88.75))
    assert (ct.report_status, ct.score) == ("invalid", 0.0)
    assert rows["SO-NV"].report_status == "missing"
    assert (khcn.block, khcn.rank_in_block, tc.rank_in_block) == ("Khối kinh tế", 1, 2)
    assert rows["SO-NNMT"].rank_in_block == 3  # missing units share the last place
    assert [f["code"] for f in khcn.flags] == ["RATE_JUMP"]  # from SO-TTTT's 2024 report
    assert khcn.flags[0]["indicator"] == "HSCV_MANG"
    assert khcn.input_sha256 == "0" * 64
    assert khcn.breakdown["criteria"][2]["code"] == "HSCV_MANG"
    with session_scope(database_url) as session:  # a rerun replaces, never duplicates
        store_results(
            session,
            campaign=campaign,
            campaign_sha256="c" * 64,
            year=2025,
            units=evaluate_units(session, campaign=campaign, year=2025),
        )
    with session_scope(database_url) as session:
        assert len(session.exec(select(UnitYearResult)).all()) == 34
