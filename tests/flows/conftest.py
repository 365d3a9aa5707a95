"""Flow tests run under one session-wide Prefect test harness (a real, temporary server)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from prefect.testing.utilities import prefect_test_harness

from models.database import session_scope
from models.settings import Settings, get_settings
from tasks.campaigns import load_campaign_file
from tasks.registry.upsert import import_registry
from tests.flows.e2e import REGISTRY, campaign_file
from tests.flows.private_env import private_settings


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
    settings = private_settings(monkeypatch, database_url, s3_settings)
    with session_scope(database_url) as session:
        import_registry(session, path=REGISTRY)
        load_campaign_file(session, path=campaign_file(tmp_path))
    yield settings
    get_settings.cache_clear()
