"""`thidua units …` and `thidua campaign …` as a user runs them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.main import app
from models.campaign import shipped_campaign_path
from models.settings import get_settings

REGISTRY = Path(__file__).resolve().parents[2] / "models" / "data" / "units-bac-kan.csv"
runner = CliRunner()


@pytest.fixture
def configured(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("THIDUA_DATABASE_URL", database_url)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_units_need_a_migrated_database(configured: None) -> None:
    result = runner.invoke(app, ["units", "import", str(REGISTRY)])
    assert result.exit_code == 2
    assert "chạy `thidua db upgrade`" in result.output


def test_import_then_query(configured: None) -> None:
    assert runner.invoke(app, ["db", "upgrade"]).exit_code == 0
    first = runner.invoke(app, ["units", "import", str(REGISTRY)])
    assert first.exit_code == 0, first.output
    assert "72 đơn vị mới" in first.output
    again = runner.invoke(app, ["units", "import", str(REGISTRY)])
    assert "0 đơn vị mới, 0 cập nhật, 72 không đổi" in again.output
    expected = runner.invoke(app, ["units", "expected", "--year", "2025"])
    assert "Tổng: 34 đơn vị (hạn 15/12/2025)" in expected.output
    line = runner.invoke(app, ["units", "lineage", "SO-KHCN"])
    assert "SO-TTTT" in line.output
    assert "28/02/2025" in line.output
    ceased = runner.invoke(app, ["units", "lineage", "H-NARI"])
    assert "đã chấm dứt hoạt động" in ceased.output
    assert runner.invoke(app, ["units", "lineage", "KHONG-CO"]).exit_code == 1


def test_bad_registry_is_refused_whole(configured: None, tmp_path: Path) -> None:
    assert runner.invoke(app, ["db", "upgrade"]).exit_code == 0
    bad = tmp_path / "units.csv"
    lines = REGISTRY.read_text(encoding="utf-8").splitlines()
    lines[5] = lines[5].replace("so_nganh", "so-nganh")
    bad.write_text("\n".join(lines), encoding="utf-8")
    result = runner.invoke(app, ["units", "import", str(bad)])
    assert result.exit_code == 1
    assert "units.csv, dòng 6, cột loai: loại 'so-nganh' không hợp lệ" in result.output
    assert "Không nạp dòng nào." in result.output
    expected = runner.invoke(app, ["units", "expected", "--year", "2023"])
    assert "Tổng: 0 đơn vị" in expected.output


def test_campaign_check_and_load(configured: None, tmp_path: Path) -> None:
    ok = runner.invoke(app, ["campaign", "check", str(shipped_campaign_path("cds-2022-2025"))])
    assert ok.exit_code == 0
    assert "tối đa 20 tập thể và 25 cá nhân" in ok.output
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        shipped_campaign_path("cds-2022-2025")
        .read_text(encoding="utf-8")
        .replace("quotas: {collective: 15, individual: 15}", "quotas: {collective: 15}"),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["campaign", "check", str(bad)])
    assert result.exit_code == 1
    assert "phases[0].quotas.individual: Field required" in result.output
    assert runner.invoke(app, ["db", "upgrade"]).exit_code == 0
    loaded = runner.invoke(app, ["campaign", "load", str(shipped_campaign_path("cds-2022-2025"))])
    assert loaded.exit_code == 0
    assert "Đã nạp phong trào cds-2022-2025" in loaded.output
