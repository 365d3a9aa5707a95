"""Settings: defaults that run with nothing configured, environment over defaults."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from models import settings as settings_module
from models.settings import Settings


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in list(__import__("os").environ):
        if name.startswith("THIDUA_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)  # no stray .env file


def test_defaults_run_with_nothing_configured(tmp_path: Path) -> None:
    settings = Settings()
    assert settings.resolved_database_url == f"sqlite:///{tmp_path / 'var' / 'thidua.db'}"
    assert settings.s3_endpoint == "127.0.0.1:8333"
    assert settings.inbox_bucket == "thidua-inbox"
    assert settings.output_bucket == "thidua-output"
    assert settings.timezone == "Asia/Ho_Chi_Minh"
    assert settings.prefect_api_url == "http://127.0.0.1:4200/api"


def test_environment_overrides_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("THIDUA_DATABASE_URL", "postgresql+psycopg://u:p@db:5432/thidua")
    monkeypatch.setenv("THIDUA_S3_ENDPOINT", "minio:9000")
    monkeypatch.setenv("THIDUA_S3_SECRET_KEY", "from-env")
    monkeypatch.setenv("THIDUA_PREFECT_PORT", "4300")
    settings = Settings()
    assert settings.resolved_database_url == "postgresql+psycopg://u:p@db:5432/thidua"
    assert (settings.s3_host, settings.s3_port) == ("minio", 9000)
    assert settings.s3_secret_key.get_secret_value() == "from-env"
    assert settings.prefect_ui_url == "http://127.0.0.1:4300"


def test_environment_beats_dotenv_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("THIDUA_INBOX_BUCKET=from-file\nTHIDUA_OUTPUT_BUCKET=out-file\n")
    monkeypatch.setenv("THIDUA_INBOX_BUCKET", "from-env")
    settings = Settings()
    assert settings.inbox_bucket == "from-env"
    assert settings.output_bucket == "out-file"


def test_secrets_are_not_printed() -> None:
    settings = Settings(s3_secret_key="very-secret")  # type: ignore[arg-type]
    assert "very-secret" not in repr(settings)
    assert "very-secret" not in str(settings.model_dump())


def test_invalid_value_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("THIDUA_PREFECT_PORT", "not-a-port")
    with pytest.raises(ValueError, match="prefect_port"):
        Settings()


def test_nothing_is_read_at_import(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("THIDUA_PREFECT_PORT", "not-a-port")
    importlib.reload(settings_module)  # importing must not read the broken variable
    settings_module.get_settings.cache_clear()
    with pytest.raises(ValueError, match="prefect_port"):
        settings_module.get_settings()
    settings_module.get_settings.cache_clear()
