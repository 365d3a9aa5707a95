"""The reporting-rate table: expected, received, on time, late, invalid, missing."""

from __future__ import annotations

from pathlib import Path

from models.campaign import load_campaign, shipped_campaign_path
from models.database import session_scope, upgrade
from tasks.ingest.completeness import completeness
from tasks.registry.upsert import import_registry
from tests.factories import submission_row

REGISTRY = Path(__file__).resolve().parents[3] / "models" / "data" / "units-bac-kan.csv"


def test_counts_by_kind_and_missing_units(database_url: str) -> None:
    campaign, _ = load_campaign(shipped_campaign_path("cds-2022-2025"))
    upgrade(database_url)
    with session_scope(database_url) as session:
        import_registry(session, path=REGISTRY)
        session.add_all(
            [
                submission_row("SO-YT", 1, year=2024, status="valid", counted=True),
                submission_row("SO-TP", 2, year=2024, status="valid", late=True, counted=True),
                submission_row("SO-CT", 3, year=2024, status="invalid"),
                submission_row("H-BABE", 4, year=2024, status="invalid"),
                submission_row("H-BABE", 5, year=2024, status="valid", counted=True),
            ]
        )
    with session_scope(database_url) as session:
        table = completeness(session, campaign=campaign, year=2024)
    rows = {row.group: row for row in table.rows}
    departments = rows["Sở, ban, ngành"]
    assert (
        departments.expected,
        departments.received,
        departments.on_time,
        departments.late,
        departments.invalid,
    ) == (18, 3, 1, 1, 1)
    assert departments.missing == 15
    districts = rows["UBND huyện, thành phố"]
    assert (districts.expected, districts.on_time, districts.invalid, districts.missing) == (
        8,
        1,
        0,
        7,
    )
    total = table.rows[-1]
    assert total.group == "Tổng cộng"
    assert (
        total.expected,
        total.received,
        total.on_time,
        total.late,
        total.invalid,
        total.missing,
    ) == (49, 4, 2, 1, 1, 45)
    assert round(total.reporting_rate, 4) == round(3 / 49, 4)
    assert ("SO-CT", "Sở Công Thương") in table.invalid_units
    assert len(table.missing_units) == 45
