"""Shared fixtures: a real SeaweedFS S3 server and real databases (SQLite, PostgreSQL if set)."""

from __future__ import annotations

import os
import random
import socket
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from deploy.local_stack import LocalStack
from models.database import dispose_engines
from models.settings import Settings
from tasks.storage import ObjectStore

POSTGRES_URL_VARIABLE = "THIDUA_TEST_DATABASE_URL"


def free_port(*, with_grpc: bool = False) -> int:
    """Return a free loopback port (and, with_grpc, one whose +10000 twin is free too)."""
    # A random start: test runs in parallel on one machine then rarely pick the same ports.
    start = random.randrange(20000, 30000)
    for offset in range(0, 10000, 7):
        candidate = 20000 + (start - 20000 + offset) % 10000
        ports = [candidate, candidate + 10000] if with_grpc else [candidate]
        if all(_bindable(port) for port in ports):
            return candidate
    raise RuntimeError("no free port")


_taken: set[int] = set()


def _bindable(port: int) -> bool:
    if port in _taken:
        return False
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    _taken.add(port)
    return True


def stack_settings(var_dir: Path, **overrides: object) -> Settings:
    """Return settings for a private stack under var_dir on free ports.

    The flows' key is the root key here, so that tests may make buckets of their own; the
    least-privilege identities are tested in tests/tasks/access with keys of their own.
    """
    secret = "test-secret-" + uuid.uuid4().hex[:8]
    values: dict[str, object] = {
        "var_dir": var_dir,
        "s3_endpoint": f"127.0.0.1:{free_port(with_grpc=True)}",
        "weed_master_port": free_port(with_grpc=True),
        "weed_volume_port": free_port(with_grpc=True),
        "weed_filer_port": free_port(with_grpc=True),
        "prefect_port": free_port(),
        "s3_secret_key": secret,
        "s3_admin_access_key": "thidua",
        "s3_admin_secret_key": secret,
        "events_port": free_port(),
        "portal_port": free_port(),
        "s3_backoff_seconds": 0.25,
        "s3_max_attempts": 5,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def s3_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    """Start one SeaweedFS S3 server for the session and stop it afterwards."""
    settings = stack_settings(tmp_path_factory.mktemp("s3-stack"))
    stack = LocalStack(settings)
    stack.up(only=["seaweedfs"])
    try:
        yield settings
    finally:
        stack.down(grace_seconds=2)


@pytest.fixture
def store(s3_settings: Settings) -> ObjectStore:
    """Return an object store client on the session's S3 server."""
    return ObjectStore(s3_settings)


@pytest.fixture
def bucket(store: ObjectStore) -> str:
    """Return a new, empty, versioned bucket for one test."""
    name = f"test-{uuid.uuid4().hex[:12]}"
    store.ensure_bucket(name)
    return name


def _database_backends() -> list[str]:
    return ["sqlite", "postgresql"] if os.environ.get(POSTGRES_URL_VARIABLE) else ["sqlite"]


@contextmanager
def empty_database(kind: str, folder: Path) -> Iterator[str]:
    """Yield the URL of an empty database of kind: an SQLite file, or a new PostgreSQL one."""
    if kind == "sqlite":
        yield f"sqlite:///{folder / f'thidua-{uuid.uuid4().hex[:8]}.db'}"
        return
    server_url = make_url(os.environ[POSTGRES_URL_VARIABLE])
    name = f"thidua_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield server_url.set(database=name).render_as_string(hide_password=False)
    finally:
        dispose_engines()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=_database_backends())
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Yield the URL of an empty database: an SQLite file, or a new PostgreSQL database."""
    with empty_database(request.param, tmp_path) as url:
        yield url


# The files that wait longest (real Prefect runs, browsers, faults) start first, so that the
# workers of `pytest -n` finish together instead of one of them ending the run alone.
WAITING_FILES = (  # the longest first (pytest --durations)
    "tests/portal/test_council_page.py",
    "tests/deploy/test_paused_deployment.py",
    "tests/cli/test_demo.py",
    "tests/deploy/test_crashed_runs.py",
    "tests/deploy/test_campaign_schedules_registered.py",
    "tests/deploy/test_local_stack.py",
    "tests/deploy/test_direct_upload.py",
    "tests/flows/test_collect_faults.py",
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Run the longest-waiting files first (stable otherwise)."""
    root = Path(str(config.rootpath))

    def rank(item: pytest.Item) -> int:
        relative = Path(str(item.path)).relative_to(root).as_posix()
        return WAITING_FILES.index(relative) if relative in WAITING_FILES else len(WAITING_FILES)

    items.sort(key=rank)
