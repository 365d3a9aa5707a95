"""`thidua validate` as a unit runs it before uploading: output, JSON and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.main import app
from models.settings import get_settings
from tests.factories import DEPARTMENT_VALUES, NOMINATIONS, build_workbook

runner = CliRunner()


@pytest.fixture(autouse=True)
def no_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A unit's machine has no database: the shipped registry and campaign are used."""
    monkeypatch.setenv("THIDUA_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.delenv("THIDUA_DATABASE_URL", raising=False)
    get_settings.cache_clear()


def test_valid_workbook_exits_0(tmp_path: Path) -> None:
    path = tmp_path / "bao-cao.xlsx"
    path.write_bytes(build_workbook(year=2024))
    result = runner.invoke(
        app,
        ["validate", str(path), "--campaign", "cds-2022-2025", "--unit", "SO-YT", "--year", "2024"],
    )
    assert result.exit_code == 0, result.output
    assert "bao-cao.xlsx: hợp lệ (0 cảnh báo)." in result.output
    assert not (tmp_path / "var").exists()  # no database was created on the unit's machine


def test_errors_exit_1_with_one_line_each(tmp_path: Path) -> None:
    path = tmp_path / "bao-cao.xlsx"
    path.write_bytes(
        build_workbook(year=2024, values=dict(DEPARTMENT_VALUES, HSCV_MANG=(1200, 1300)))
    )
    result = runner.invoke(
        app,
        ["validate", str(path), "--campaign", "cds-2022-2025", "--unit", "SO-YT", "--year", "2024"],
    )
    assert result.exit_code == 1
    assert (
        "[LỖI RATIO_ABOVE_TOTAL] bao-cao.xlsx, trang ChiTieu, dòng 4, cột dat: Số đạt (1300) "
        "lớn hơn tổng số (1200)."
    ) in result.output


def test_unreadable_file_exits_2_and_json(tmp_path: Path) -> None:
    path = tmp_path / "bao-cao.xlsx"
    path.write_bytes(b"%PDF-1.5 scanned")
    result = runner.invoke(
        app,
        [
            "validate",
            str(path),
            "--campaign",
            "cds-2022-2025",
            "--unit",
            "SO-YT",
            "--year",
            "2024",
            "--json",
        ],
    )
    assert result.exit_code == 2
    data = json.loads(result.output)
    assert data["ok"] is False
    assert data["findings"][0]["code"] == "NOT_SPREADSHEET"


def test_json_and_dossier_beside_the_workbook(tmp_path: Path) -> None:
    path = tmp_path / "bao-cao.xlsx"
    path.write_bytes(build_workbook(nominations=NOMINATIONS))
    (tmp_path / "dinh-kem").mkdir()
    for name in ("to-trinh.pdf", "bien-ban-hop-xet.pdf", "bao-cao-thanh-tich-phong-cntt.docx"):
        (tmp_path / "dinh-kem" / name).write_bytes(b"x")
    result = runner.invoke(
        app,
        [
            "validate",
            str(path),
            "--campaign",
            "cds-2022-2025",
            "--unit",
            "SO-YT",
            "--year",
            "2023",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["unit"] == "SO-YT"
    assert data["template"] == "BCTD-1"
    assert data["values"]["HSCV_MANG"] == {"tong_so": 1200, "dat": 1150}
    assert [n["dossier_complete"] for n in data["nominations"]] == [True, False]
    assert [f["code"] for f in data["findings"]] == ["DOSSIER_INCOMPLETE"]
