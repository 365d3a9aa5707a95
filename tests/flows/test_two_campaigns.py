"""Two campaigns of two provinces whose registries share unit codes, side by side: each one's
yearly results, result hashes and documents are the same as when it runs alone."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import col, select

from flows.aggregate_year import aggregate_year
from flows.collect_reports import collect_reports
from models.campaign import Campaign, shipped_campaign_path
from models.database import session_scope
from models.settings import Settings, get_settings
from models.tables import GeneratedDocument, UnitYearResult
from tasks.campaigns import current_campaign, load_campaign_file
from tasks.documents.yearly import report_key
from tasks.registry.queries import expected_units
from tasks.registry.upsert import import_registry
from tasks.storage import ObjectStore
from tasks.templates.report_workbook import TemplateUnit, build_sample_report, save_workbook
from tests.conftest import _database_backends, empty_database
from tests.flows.private_env import private_settings

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
BAC_KAN = (
    "cds-2022-2025",
    shipped_campaign_path("cds-2022-2025"),
    Path(__file__).resolve().parents[2] / "models" / "data" / "units-bac-kan.csv",
    2024,
)
CAO_BANG = (
    "vbdt-cb-2024-2026",
    FIXTURES / "campaign-cao-bang-vbdt.yaml",
    FIXTURES / "units-cao-bang.csv",
    2025,
)
SHARED_CODES = {"SO-NV", "SO-YT", "SO-TC", "SO-TTTT", "SO-KHCN", "X-CHORA", "X-NAPHAC"}


def _load(url: str, spec: tuple[str, Path, Path, int]) -> Campaign:
    code, campaign_path, registry_path, _ = spec
    with session_scope(url) as session:
        load_campaign_file(session, path=campaign_path)
        campaign, _ = current_campaign(session, code=code)
        import_registry(session, path=registry_path, registry=campaign.registry)
    return campaign


def _upload(url: str, settings: Settings, campaign: Campaign, year: int) -> int:
    """Every expected unit but one in four sends its sample report (the others are missing)."""
    with session_scope(url) as session:
        units = expected_units(session, campaign=campaign, year=year)
        plan = [
            TemplateUnit(u.code, u.name, u.kind, u.level)
            for index, u in enumerate(units)
            if index % 4 != 3
        ]
    store = ObjectStore(settings)
    for unit in plan:
        data = save_workbook(build_sample_report(campaign=campaign, unit=unit, year=year, seed=7))
        store.put_bytes(
            settings.inbox_bucket, f"{campaign.code}/{year}/{unit.code}/bao-cao-{year}.xlsx", data
        )
    return len(plan)


def _outcome(url: str, settings: Settings, code: str, year: int, run: dict[str, Any]) -> Any:
    store = ObjectStore(settings)
    with session_scope(url) as session:
        rows = session.exec(
            select(UnitYearResult)
            .where(UnitYearResult.campaign_code == code, UnitYearResult.year == year)
            .order_by(col(UnitYearResult.unit_code))
        ).all()
        results = [
            (
                r.unit_code,
                r.block,
                r.report_status,
                r.score,
                r.rank_in_block,
                r.breakdown,
                r.flags,
                r.input_sha256,
                r.campaign_sha256,
                r.registry_sha256,
            )
            for r in rows
        ]
        documents = sorted(
            (d.kind, d.object_key, d.sha256)
            for d in session.exec(
                select(GeneratedDocument).where(GeneratedDocument.campaign_code == code)
            ).all()
        )
    report = store.get_bytes(settings.output_bucket, report_key(code, year))
    summary = json.loads(store.get_bytes(settings.output_bucket, run["object_key"]))
    return {
        "result_sha256": run["result_sha256"],
        "results": results,
        "summary": summary,
        "documents": documents,
        "report_sha256": hashlib.sha256(report).hexdigest(),
    }


def _scenario(
    kind: str,
    folder: Path,
    s3: Settings,
    monkeypatch: pytest.MonkeyPatch,
    steps: Callable[[str, Settings], dict[str, dict[str, Any]]],
) -> dict[str, Any]:
    """Run steps in a fresh database and fresh buckets; return each campaign's outcome."""
    with empty_database(kind, folder) as url:
        settings = private_settings(monkeypatch, url, s3)
        runs = steps(url, settings)
        outcome = {
            code: _outcome(url, settings, code, run["year"], run) for code, run in runs.items()
        }
    get_settings.cache_clear()
    return outcome


def _alone(spec: tuple[str, Path, Path, int]) -> Callable[[str, Settings], dict[str, Any]]:
    def steps(url: str, settings: Settings) -> dict[str, Any]:
        code, _, _, year = spec
        campaign = _load(url, spec)
        assert _upload(url, settings, campaign, year) > 0
        collect_reports(campaign=code, year=year)
        return {code: {**aggregate_year(campaign=code, year=year), "year": year}}

    return steps


def _together(url: str, settings: Settings) -> dict[str, Any]:
    """Bắc Kạn collects; then Cao Bằng's registry and campaign arrive and it collects too;
    then both aggregate (the order in which the leak showed)."""
    first = _load(url, BAC_KAN)
    _upload(url, settings, first, BAC_KAN[3])
    collect_reports(campaign=BAC_KAN[0], year=BAC_KAN[3])
    second = _load(url, CAO_BANG)
    _upload(url, settings, second, CAO_BANG[3])
    collect_reports(campaign=CAO_BANG[0], year=CAO_BANG[3])
    runs = {}
    for code, _, _, year in (BAC_KAN, CAO_BANG):
        runs[code] = {**aggregate_year(campaign=code, year=year), "year": year}
    return runs


@pytest.mark.parametrize("kind", _database_backends())
def test_each_campaign_is_unchanged_by_the_other(
    kind: str, tmp_path: Path, s3_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    alone = {
        **_scenario(kind, tmp_path, s3_settings, monkeypatch, _alone(BAC_KAN)),
        **_scenario(kind, tmp_path, s3_settings, monkeypatch, _alone(CAO_BANG)),
    }
    together = _scenario(kind, tmp_path, s3_settings, monkeypatch, _together)
    for code in (BAC_KAN[0], CAO_BANG[0]):
        assert together[code]["results"] == alone[code]["results"], code
        assert together[code]["summary"] == alone[code]["summary"], code
        assert together[code]["result_sha256"] == alone[code]["result_sha256"], code
        assert together[code]["documents"] == alone[code]["documents"], code
        assert together[code]["report_sha256"] == alone[code]["report_sha256"], code
    # The comparison means something: both ran on overlapping codes, with reports and gaps.
    cao_bang = {row[0]: row for row in together[CAO_BANG[0]]["results"]}
    bac_kan = {row[0]: row for row in together[BAC_KAN[0]]["results"]}
    assert SHARED_CODES & set(cao_bang) & set(bac_kan) >= {"SO-NV", "SO-YT", "SO-TC", "SO-KHCN"}
    assert set(cao_bang) == {
        "BV-DKT",
        "BV-YHCT",
        "SO-KHCN",
        "SO-NV",
        "SO-TC",
        "SO-YT",
        "X-HOAAN",
        "X-QUANGUYEN",
    }  # the hospitals report; the central unit is not concerned
    for results in (cao_bang, bac_kan):
        statuses = {row[2] for row in results.values()}
        assert "missing" in statuses
        assert statuses & {"on_time", "late"}
    assert cao_bang["SO-YT"][1] == "Khối các sở"  # its own block, not Bắc Kạn's
    assert bac_kan["SO-YT"][1] != "Khối các sở"
    assert cao_bang["SO-YT"][9] != bac_kan["SO-YT"][9]  # each pinned its own registry version
