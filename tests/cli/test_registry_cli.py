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
SECOND = Path(__file__).resolve().parents[1] / "fixtures" / "campaign-cao-bang-vbdt.yaml"
SECOND_REGISTRY = SECOND.with_name("units-cao-bang.csv")
CDS = "cds-2022-2025"
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
    expected = runner.invoke(app, ["units", "expected", "--campaign", CDS, "--year", "2025"])
    assert "Tổng: 34 đơn vị của danh mục bac-kan (hạn 15/12/2025)" in expected.output
    assert "Sở, ban, ngành" in expected.output  # the declared label, not the code
    line = runner.invoke(app, ["units", "lineage", "SO-KHCN", "--registry", "bac-kan"])
    assert "SO-TTTT" in line.output
    assert "28/02/2025" in line.output
    ceased = runner.invoke(app, ["units", "lineage", "H-NARI", "--campaign", CDS])
    assert "đã chấm dứt hoạt động" in ceased.output
    assert runner.invoke(app, ["units", "lineage", "KHONG-CO", "--campaign", CDS]).exit_code == 1
    assert runner.invoke(app, ["units", "lineage", "SO-KHCN"]).exit_code == 2  # which registry?
    versions = runner.invoke(app, ["units", "versions", "--registry", "bac-kan"])
    assert "Danh mục bac-kan: 2 lần nạp." in versions.output


def test_a_second_registry_with_the_same_codes(configured: None) -> None:
    assert runner.invoke(app, ["db", "upgrade"]).exit_code == 0
    assert runner.invoke(app, ["units", "import", str(REGISTRY)]).exit_code == 0
    # Its words are unknown until its campaign is loaded: the file is refused, nothing changes.
    early = runner.invoke(app, ["units", "import", str(SECOND_REGISTRY), "--registry", "cao-bang"])
    assert early.exit_code == 1
    assert "chưa có phong trào nào dùng danh mục 'cao-bang'" in early.output
    assert runner.invoke(app, ["campaign", "load", str(SECOND)]).exit_code == 0
    loaded = runner.invoke(
        app, ["units", "import", str(SECOND_REGISTRY), "--campaign", "vbdt-cb-2024-2026"]
    )
    assert loaded.exit_code == 0, loaded.output
    assert "12 đơn vị mới" in loaded.output
    second = runner.invoke(
        app, ["units", "expected", "--campaign", "vbdt-cb-2024-2026", "--year", "2025"]
    )
    assert "Tổng: 8 đơn vị của danh mục cao-bang" in second.output
    assert "Bệnh viện" in second.output
    assert "Sở Y tế tỉnh Cao Bằng" in second.output
    first = runner.invoke(app, ["units", "expected", "--campaign", CDS, "--year", "2025"])
    assert "Tổng: 34 đơn vị của danh mục bac-kan" in first.output
    assert "Cao Bằng" not in first.output
    block = runner.invoke(app, ["units", "block", "Khối y tế", "--registry", "cao-bang"])
    assert "BV-DKT" in block.output
    # A hospital row is not Bắc Kạn's word: refused with its line and column.
    hospitals = runner.invoke(app, ["units", "import", str(SECOND_REGISTRY), "--campaign", CDS])
    assert hospitals.exit_code == 1
    assert "dòng 7, cột loai: loại đơn vị 'benh_vien' chưa được khai báo" in hospitals.output


def test_bad_registry_is_refused_whole(configured: None, tmp_path: Path) -> None:
    assert runner.invoke(app, ["db", "upgrade"]).exit_code == 0
    bad = tmp_path / "units.csv"
    lines = REGISTRY.read_text(encoding="utf-8").splitlines()
    lines[5] = lines[5].replace("so_nganh", "so-nganh")
    bad.write_text("\n".join(lines), encoding="utf-8")
    result = runner.invoke(app, ["units", "import", str(bad), "--registry", "bac-kan"])
    assert result.exit_code == 1
    assert "units.csv, dòng 6, cột loai: loại đơn vị 'so-nganh' chưa được khai báo" in result.output
    assert "Không nạp dòng nào." in result.output
    expected = runner.invoke(app, ["units", "expected", "--campaign", CDS, "--year", "2023"])
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
