"""`thidua db upgrade|current` on a real database."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from cli.main import app
from models.settings import get_settings


def test_upgrade_then_current(database_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("THIDUA_DATABASE_URL", database_url)
    get_settings.cache_clear()
    runner = CliRunner()
    try:
        before = runner.invoke(app, ["db", "current"])
        assert before.exit_code == 0
        assert "(trống)" in before.output
        result = runner.invoke(app, ["db", "upgrade"])
        assert result.exit_code == 0, result.output
        assert "ở phiên bản 0010" in result.output
        after = runner.invoke(app, ["db", "current"])
        assert "ở phiên bản 0010" in after.output
    finally:
        get_settings.cache_clear()
