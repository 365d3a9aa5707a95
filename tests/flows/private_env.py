"""Point a test's settings at fresh buckets on the session's S3 server and a migrated database."""

from __future__ import annotations

import uuid

import pytest

from models.database import upgrade
from models.settings import Settings, get_settings
from tasks.storage import ObjectStore


def private_settings(
    monkeypatch: pytest.MonkeyPatch,
    database_url: str,
    s3: Settings,
    **extra: str,
) -> Settings:
    """Set the environment (extra: more THIDUA_* variables), make the buckets, migrate."""
    suffix = uuid.uuid4().hex[:8]
    values = {
        "THIDUA_DATABASE_URL": database_url,
        "THIDUA_S3_ENDPOINT": s3.s3_endpoint,
        "THIDUA_S3_SECRET_KEY": s3.s3_secret_key.get_secret_value(),
        "THIDUA_INBOX_BUCKET": f"inbox-{suffix}",
        "THIDUA_ARCHIVE_BUCKET": f"archive-{suffix}",
        "THIDUA_OUTPUT_BUCKET": f"output-{suffix}",
        **extra,
    }
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    settings = get_settings()
    ObjectStore(settings).ensure_buckets()
    upgrade(database_url)
    return settings
