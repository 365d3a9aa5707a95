"""The production compose file parses and agrees with the settings (no Docker engine here)."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from models.settings import Settings

COMPOSE = Path(__file__).resolve().parents[2] / "deploy" / "compose.yaml"


def _compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))


def test_services_and_healthchecks() -> None:
    services = _compose()["services"]
    assert set(services) == {
        "minio",
        "postgres",
        "prefect-server",
        "prefect-worker",
        "storage-setup",
        "events",
        "portal",
    }
    for name, service in services.items():
        assert "healthcheck" in service, name
        assert service["healthcheck"]["test"], name


def test_worker_variables_are_settings() -> None:
    worker_env = _compose()["services"]["prefect-worker"]["environment"]
    fields = set(Settings.model_fields)
    thidua = {k for k in worker_env if k.startswith("THIDUA_")}
    assert thidua, "the worker gets no THIDUA_ settings"
    unknown = {k for k in thidua if k.removeprefix("THIDUA_").lower() not in fields}
    assert unknown == set()
    for required in (
        "THIDUA_DATABASE_URL",
        "THIDUA_S3_ENDPOINT",
        "THIDUA_S3_ACCESS_KEY",
        "THIDUA_S3_SECRET_KEY",
        "THIDUA_INBOX_BUCKET",
        "THIDUA_OUTPUT_BUCKET",
    ):
        assert required in worker_env
    assert worker_env["THIDUA_S3_ENDPOINT"].split(":")[0] in _compose()["services"]
    assert "@postgres:5432/" in worker_env["THIDUA_DATABASE_URL"]


def test_secrets_are_required() -> None:
    text = COMPOSE.read_text(encoding="utf-8")
    for secret in (
        "MINIO_ROOT_USER",
        "MINIO_ROOT_PASSWORD",
        "POSTGRES_PASSWORD",
        "THIDUA_RECEIPT_KEY",
        "THIDUA_S3_SECRET_KEY",
        "THIDUA_EVENTS_TOKEN",
        "THIDUA_PORTAL_KEY",
        "PREFECT_AUTH",
        "THIDUA_PORTAL_S3_SECRET_KEY",
    ):
        assert re.search(r"\$\{" + secret + r":\?", text), secret
        assert not re.search(r"\$\{" + secret + r":-", text), secret
    services = _compose()["services"]
    for name in ("prefect-worker", "events"):  # the service account, never the root key
        env = services[name]["environment"]
        assert "${THIDUA_S3_SECRET_KEY:?" in env["THIDUA_S3_SECRET_KEY"]
        assert not any("MINIO_ROOT" in str(value) for value in env.values()), name
    setup = services["storage-setup"]["environment"]
    assert "${MINIO_ROOT_PASSWORD:?" in setup["THIDUA_S3_ADMIN_SECRET_KEY"]
    assert "minio-setup" in services["storage-setup"]["command"]


def test_the_prefect_api_requires_authentication() -> None:
    services = _compose()["services"]
    server = services["prefect-server"]["environment"]["PREFECT_SERVER_API_AUTH_STRING"]
    assert server == "${PREFECT_AUTH:?set PREFECT_AUTH}"
    for client in ("prefect-worker", "portal"):
        assert services[client]["environment"]["PREFECT_API_AUTH_STRING"] == server


def test_worker_waits_for_healthy_dependencies() -> None:
    depends = _compose()["services"]["prefect-worker"]["depends_on"]
    assert {name: cond["condition"] for name, cond in depends.items()} == {
        "minio": "service_healthy",
        "postgres": "service_healthy",
        "prefect-server": "service_healthy",
        "storage-setup": "service_completed_successfully",
    }
