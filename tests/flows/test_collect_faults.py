"""collect-reports under faults: killed, storage gone, poison files; the rerun equals a clean run.

Each test collects one hostile inbox twice into separate databases and output buckets: once
cleanly, once with the fault and then a rerun. Both must hold the same rows, the same result hash
and byte-identical feedback files.
"""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from prefect.settings import PREFECT_API_URL
from sqlmodel import func, select

from deploy.local_stack import LocalStack
from flows.collect_reports import collect_reports
from models.database import session_scope
from models.settings import Settings
from models.tables import Finding, InboxVersion, Submission
from tasks.ingest import prepare
from tasks.storage import ObjectStore
from tests.conftest import stack_settings
from tests.flows.e2e import CODE, YEAR, artifacts, good, upload
from tests.flows.faults import (
    child_environment,
    hostile_inbox,
    second_database,
    snapshot,
    switch_outputs,
)

ROOT = Path(__file__).resolve().parents[2]


def _free_ports(start: int, count: int) -> list[int]:
    """Return count ports from start whose gRPC twins (+10000) are free too."""
    found: list[int] = []
    for port in range(start, start + 1000, 3):
        if len(found) == count:
            break
        if all(_bindable(p) for p in (port, port + 10000)):
            found.append(port)
    return found


def _bindable(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _listening(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _wait_free(ports: list[int], seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while any(_listening(p) or _listening(p + 10000) for p in ports):
        assert time.monotonic() < deadline, f"ports {ports} still taken after the server stopped"
        time.sleep(0.2)


def _submissions() -> int:
    with session_scope() as session:
        return session.exec(select(func.count()).select_from(Submission)).one()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("point", "number"), [("after-archive", 3), ("during-feedback", 4), ("after-record", 3)]
)
def test_a_killed_collection_reruns_to_the_clean_result(
    env: Settings,
    database_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    point: str,
    number: int,
) -> None:
    hostile_inbox(ObjectStore(env), env)
    collect_reports(campaign=CODE, year=YEAR)
    clean = snapshot(env)
    with second_database(database_url, tmp_path) as other:
        faulted = switch_outputs(monkeypatch, other, tmp_path)
        child = subprocess.run(
            [sys.executable, "-m", "tests.flows.fault_runner", point, str(number)],
            env=child_environment(faulted, str(PREFECT_API_URL.value())),
            cwd=ROOT,
            timeout=300,
            check=False,
            capture_output=True,
            text=True,
        )
        assert child.returncode == -signal.SIGKILL, child.stdout[-3000:] + child.stderr[-3000:]
        assert _submissions() < len(clean["submissions"])  # the kill left work undone
        collect_reports(campaign=CODE, year=YEAR)
        assert snapshot(faulted) == clean


@pytest.mark.slow
def test_storage_stopped_mid_batch_loses_nothing(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, env: Settings
) -> None:
    # Ports outside the range other test servers draw from: the restart must get them back.
    ports = _free_ports(31000, 8)
    private = stack_settings(
        tmp_path / "s3",
        s3_endpoint=f"127.0.0.1:{ports[0]}",
        weed_master_port=ports[1],
        weed_volume_port=ports[2],
        weed_filer_port=ports[3],
        s3_max_attempts=2,
        s3_backoff_seconds=0.1,
    )
    stack = LocalStack(private)
    stack.up(only=["seaweedfs"])
    try:
        monkeypatch.setenv("THIDUA_S3_ENDPOINT", private.s3_endpoint)
        monkeypatch.setenv("THIDUA_S3_SECRET_KEY", private.s3_secret_key.get_secret_value())
        clean_settings = switch_outputs(
            monkeypatch, database_url, tmp_path
        )  # buckets on this server
        hostile_inbox(ObjectStore(clean_settings), clean_settings)
        collect_reports(campaign=CODE, year=YEAR)
        clean = snapshot(clean_settings)
        with second_database(database_url, tmp_path) as other:
            faulted = switch_outputs(monkeypatch, other, tmp_path)
            real_archive = prepare.archive_upload
            calls = 0

            def archive_then_lose_storage(*args: object, **kwargs: object) -> object:
                nonlocal calls
                calls += 1
                if calls == 3:
                    stack.down(grace_seconds=1)
                return real_archive(*args, **kwargs)  # type: ignore[arg-type]

            monkeypatch.setattr(prepare, "archive_upload", archive_then_lose_storage)
            with pytest.raises(Exception):  # noqa: B017, PT011 (whatever fails when storage is gone)
                collect_reports(campaign=CODE, year=YEAR)
            monkeypatch.setattr(prepare, "archive_upload", real_archive)
            with session_scope() as session:
                attempts = session.exec(select(InboxVersion.attempts)).all()
            assert max(attempts) <= 1  # the storage's failure did not count against any file
            _wait_free(ports[:4])
            stack.up(only=["seaweedfs"])
            collect_reports(campaign=CODE, year=YEAR)
            assert snapshot(faulted) == clean
    finally:
        stack.down(grace_seconds=1)


def test_hostile_uploads_get_findings_and_never_block_later_ones(env: Settings) -> None:
    store = ObjectStore(env)
    hostile_inbox(store, env)
    first = collect_reports(campaign=CODE, year=YEAR, batch_size=3)
    assert first["processed"] == 10
    upload(store, env, "SO-YT", "bao-cao.xlsx", good("SO-YT"))  # a later, ordinary re-upload
    assert collect_reports(campaign=CODE, year=YEAR)["processed"] == 1
    with session_scope() as session:
        states = session.exec(select(InboxVersion.kind, InboxVersion.state)).all()
        found = {(f.unit_code, f.code) for f in session.exec(select(Finding)).all()}
        counted = {
            row.folder_unit_code for row in session.exec(select(Submission)) if row.is_counted
        }
    assert sorted(set(states)) == [("misplaced", "set_aside"), ("report", "recorded")]
    assert {
        ("SO-NV", "CONTROL_CHARACTERS"),
        ("SO-TC", "STRAY_SUBFOLDER"),
        ("SO-CT", "MALFORMED_UNIT_FOLDER"),
        ("SO-KHCN", "EXTRA_SHEET"),
        ("SO-NNPTNT", "INVALID_CODE"),
    } <= found
    assert {"SO-YT", "SO-TP", "SO-XD", "SO-NV", "SO-VHTTDL", "SO-KHCN"} <= counted
    assert not counted & {"SO-TC", "SO-CT", "SO-NNPTNT"}
    summary = artifacts(f"collect-{CODE}-{YEAR}-summary")
    assert "readme.txt" in str(summary)  # the administrator is told of the misplaced file


def test_a_year_outside_the_campaign_does_nothing(env: Settings) -> None:
    store = ObjectStore(env)
    upload(store, env, "SO-YT", "bao-cao.xlsx", good("SO-YT", year=YEAR + 1), year=YEAR + 1)
    assert collect_reports(campaign=CODE, year=YEAR + 1) == {
        "processed": 0,
        "outside_campaign": 1,
    }
    with session_scope() as session:
        assert session.exec(select(InboxVersion)).all() == []
    assert list(store.list(env.output_bucket)) == []
