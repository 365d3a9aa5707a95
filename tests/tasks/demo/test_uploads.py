"""The demonstration's uploads: valid where meant to be, faulty where meant to be, repeatable."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from models.campaign import Campaign, load_campaign, shipped_campaign_path
from models.database import session_scope, upgrade
from models.tables import Unit
from tasks.demo.uploads import year_uploads
from tasks.registry.lookup import context_of
from tasks.registry.queries import expected_units
from tasks.registry.upsert import import_registry
from tasks.validation.report import validate_workbook

REGISTRY = Path(__file__).resolve().parents[3] / "models" / "data" / "units-bac-kan.csv"


@pytest.fixture(scope="module")
def campaign() -> Campaign:
    return load_campaign(shipped_campaign_path("cds-2022-2025"))[0]


@pytest.fixture(scope="module")
def units_by_year(campaign: Campaign, tmp_path_factory: pytest.TempPathFactory) -> dict:
    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'thidua.db'}"
    upgrade(url)
    with session_scope(url) as session:
        import_registry(session, path=REGISTRY)
        return {
            year: expected_units(session, campaign=campaign, year=year) for year in campaign.years
        }


@pytest.mark.parametrize("year", [2022, 2023, 2024, 2025])
def test_every_unit_mostly_reports_and_the_faults_are_the_intended_ones(
    campaign: Campaign, units_by_year: dict[int, list[Unit]], year: int
) -> None:
    units = {u.code: u for u in units_by_year[year]}
    uploads = year_uploads(campaign, list(units.values()), year)
    workbooks = [u for u in uploads if u.key.endswith(".xlsx")]
    reporting = {u.key.split("/")[2] for u in workbooks}
    assert len(reporting) >= 0.85 * len(units)
    notes = Counter(u.note for u in workbooks)
    assert notes["đúng hạn"] > notes["muộn"]
    deadline = campaign.deadline_for(year)
    for upload in workbooks:
        code = upload.key.split("/")[2]
        result = validate_workbook(
            upload.data,
            file_name=upload.key.rsplit("/", 1)[1],
            unit_code=code,
            year=year,
            campaign=campaign,
            unit=context_of(units[code]),
        )
        errors = [f.code for f in result.findings if f.severity == "error"]
        if upload.note == "lỗi":
            assert errors == ["RATIO_ABOVE_TOTAL"], (code, errors)
        else:
            assert errors == [], (code, errors)
            assert (upload.received_at > deadline) is (upload.note == "muộn")
        nominated = list(result.nominations)
        assert not nominated or year in (2023, 2025)
    if year in (2023, 2025):
        attachments = [u for u in uploads if "/dinh-kem/" in u.key]
        assert attachments
        assert any(u.key.endswith(".docx") for u in attachments)
        assert any(u.key.endswith(".pdf") for u in attachments)
    else:
        assert not any("/dinh-kem/" in u.key for u in uploads)


def test_the_same_seed_gives_the_same_uploads(
    campaign: Campaign, units_by_year: dict[int, list[Unit]]
) -> None:
    first = year_uploads(campaign, units_by_year[2023], 2023)
    again = year_uploads(campaign, units_by_year[2023], 2023)
    other = year_uploads(campaign, units_by_year[2023], 2023, seed=7)
    assert [(u.key, u.data, u.received_at) for u in first] == [
        (u.key, u.data, u.received_at) for u in again
    ]
    assert [u.data for u in first] != [u.data for u in other]
