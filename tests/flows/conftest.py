"""Flow tests run under one session-wide Prefect test harness (a real, temporary server)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from prefect.testing.utilities import prefect_test_harness

from models.database import session_scope, upgrade
from models.settings import Settings, get_settings
from tasks.campaigns import load_campaign_file
from tasks.registry.upsert import import_registry
from tasks.storage import ObjectStore
from tests.flows.e2e import REGISTRY, campaign_file


@pytest.fixture(scope="session", autouse=True)
def prefect_server() -> Iterator[None]:
    # Each pytest-xdist worker starts its own; on a loaded 2-core machine that can take minutes.
    with prefect_test_harness(server_startup_timeout=300):
        yield


@pytest.fixture
def env(
    database_url: str, s3_settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Settings]:
    """Point the settings at private buckets and a database with the registry and campaign."""
    suffix = uuid.uuid4().hex[:8]
    values = {
        "THIDUA_DATABASE_URL": database_url,
        "THIDUA_S3_ENDPOINT": s3_settings.s3_endpoint,
        "THIDUA_S3_SECRET_KEY": s3_settings.s3_secret_key.get_secret_value(),
        "THIDUA_INBOX_BUCKET": f"inbox-{suffix}",
        "THIDUA_ARCHIVE_BUCKET": f"archive-{suffix}",
        "THIDUA_OUTPUT_BUCKET": f"output-{suffix}",
    }
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    settings = get_settings()
    ObjectStore(settings).ensure_buckets()
    upgrade(database_url)
    with session_scope(database_url) as session:
        import_registry(session, path=REGISTRY)
        load_campaign_file(session, path=campaign_file(tmp_path))
    yield settings
    get_settings.cache_clear()
