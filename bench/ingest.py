"""Benchmark collect-reports beside its lean anchor: reports per second, and a rerun's seconds.

Usage: .venv/bin/python bench/ingest.py [--full] [--n N] [--batch-size 50] [--database-url URL]
                                        [--late]

N synthetic units (1,000 quick, 10,000 full) upload a workbook each, as the portal does: with a
signed receipt dated before the year's deadline, so that each report is on time and clean (no
finding; --late uploads them bare, each late by the S3 server's clock, with a warning and so a
feedback workbook each, the workload of the figures before 2026-12-07); the flow collects them, then
runs again with nothing new. The anchor (bench/ingest_anchor.py) does the same work the lean way in
the same run. Starts its own SeaweedFS and Prefect server on free ports in a temporary folder; the
database is a temporary SQLite file unless --database-url (or THIDUA_BENCH_DATABASE_URL) names
one. `run(quick=...)` returns the figures; the last line printed is them as one JSON object.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import socket
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


from bench import ingest_anchor  # noqa: E402
from bench.ingest_workbook import YEAR, personalise, template_bytes  # noqa: E402
from deploy.local_stack import LocalStack  # noqa: E402
from models.campaign import load_campaign, shipped_campaign_path  # noqa: E402
from models.settings import Settings, get_settings  # noqa: E402
from tasks.ingest.receipts import receipt_metadata  # noqa: E402
from tasks.registry.read import RegistryRow  # noqa: E402

RECEIVED_AT = datetime(YEAR, 12, 5, 9, tzinfo=UTC)  # before the year's deadline


def _free_port() -> int:
    """Return a free loopback port whose gRPC twin (+10000) is free too."""
    for _ in range(200):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = int(sock.getsockname()[1])
        if port < 55000 and _bindable(port + 10000):
            return port
    raise RuntimeError("no free port")


def _bindable(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def run(
    quick: bool = True,
    *,
    n: int | None = None,
    batch_size: int = 50,
    database_url: str | None = None,
    late: bool = False,
) -> dict[str, float]:
    """Start a private stack, time collect-reports and its anchor; return the figures."""
    n = n or (1000 if quick else 10000)
    folder = Path(tempfile.mkdtemp(prefix="thidua-bench-"))
    database_url = database_url or os.environ.get("THIDUA_BENCH_DATABASE_URL")
    os.environ.update(
        {
            "THIDUA_VAR_DIR": str(folder),
            "THIDUA_S3_ENDPOINT": f"127.0.0.1:{_free_port()}",
            "THIDUA_WEED_MASTER_PORT": str(_free_port()),
            "THIDUA_WEED_VOLUME_PORT": str(_free_port()),
            "THIDUA_WEED_FILER_PORT": str(_free_port()),
            "THIDUA_S3_SECRET_KEY": "bench-secret",
            "THIDUA_PREFECT_PORT": str(_free_port()),
            "THIDUA_RECEIPT_KEY": "bench-receipt-key",
            "PREFECT_API_AUTH_STRING": "admin:thidua-local-prefect",  # the default auth
            "THIDUA_DATABASE_URL": database_url or f"sqlite:///{folder / 'bench.db'}",
        }
    )
    os.environ["PREFECT_API_URL"] = f"http://127.0.0.1:{os.environ['THIDUA_PREFECT_PORT']}/api"
    get_settings.cache_clear()
    settings: Settings = get_settings()
    stack = LocalStack(settings)
    stack.up(only=["seaweedfs", "prefect"])  # no worker: scheduled runs would interfere
    try:
        return _measure(settings, n, batch_size, _server_pids(stack), late=late)
    finally:
        stack.down(grace_seconds=2)
        shutil.rmtree(folder, ignore_errors=True)


def _server_pids(stack: LocalStack) -> dict[str, list[int]]:
    """Return the PIDs of each of the stack's servers (SeaweedFS, Prefect) and their children."""
    try:
        import psutil  # installed with the dask extra; without it, no servers' CPU
    except ImportError:
        return {}
    pids = {}
    for service in stack.services():
        path = stack.pid_file(service.name)
        if path.exists():
            process = psutil.Process(int(path.read_text().strip()))
            children = process.children(recursive=True)
            pids[service.name] = [process.pid] + [child.pid for child in children]
    return pids


def _cpu(server_pids: dict[str, list[int]]) -> dict[str, float]:
    """Return the CPU seconds used so far by this process and by each of the stack's servers."""
    used = {"here": time.process_time()}
    for name, pids in server_pids.items():
        import psutil

        used[name] = 0.0
        for pid in pids:
            try:
                times = psutil.Process(pid).cpu_times()
            except psutil.Error:
                continue
            used[name] += times.user + times.system
    return used


def _cpu_timed(
    server_pids: dict[str, list[int]], function: Any, *args: Any
) -> tuple[float, Any, str]:
    """Return the seconds function(*args) took, its result, and the CPU seconds it cost."""
    before = _cpu(server_pids)
    seconds, result = ingest_anchor.timed(function, *args)
    after = _cpu(server_pids)
    used = " + ".join(f"{after[name] - before[name]:.1f} s {name}" for name in before)
    return seconds, result, f"CPU {used}"


def _measure(
    settings: Settings,
    n: int,
    batch_size: int,
    server_pids: dict[str, list[int]],
    *,
    late: bool,
) -> dict[str, float]:
    """Prepare N units and uploads, then time the flow twice and the anchor twice."""
    from flows.collect_reports import collect_reports
    from models.database import get_engine, session_scope, upgrade
    from tasks.campaigns import load_campaign_file
    from tasks.registry.upsert import import_rows
    from tasks.storage import ObjectStore

    upgrade()
    rows = [
        RegistryRow(
            line=i + 2,
            code=f"X-{i:06d}",
            name=f"UBND xã Thử Nghiệm {i}",
            kind="xa",
            level="xa",
            block=f"Cụm {i % 50}",
            parent_code=None,
            valid_from=date(2022, 1, 1),
            valid_to=None,
            successor_code=None,
        )
        for i in range(n)
    ]
    with session_scope() as session:
        campaign, _ = load_campaign(shipped_campaign_path("cds-2022-2025"))
        import_rows(session, rows=rows, path=Path("bench-registry.csv"), registry=campaign.registry)
        load_campaign_file(session, path=shipped_campaign_path("cds-2022-2025"))
    template = template_bytes()
    admin = ObjectStore(settings.as_admin())  # the uploads stand in for the portal
    prefix = f"{campaign.code}/{YEAR}/"
    started = time.perf_counter()

    def put(row: RegistryRow) -> None:
        """Upload a unit's report: as the portal does (a signed receipt, on time), or late."""
        key, data = f"{prefix}{row.code}/bao-cao.xlsx", personalise(template, row.code, row.name)
        metadata = None
        if not late and settings.receipt_key is not None:
            metadata = receipt_metadata(
                settings.receipt_key,
                object_key=key,
                received_at=RECEIVED_AT,
                sha256=hashlib.sha256(data).hexdigest(),
            )
        admin.put_bytes(settings.inbox_bucket, key, data, metadata=metadata)

    with ThreadPoolExecutor(16) as pool:
        list(pool.map(put, rows))
    upload_seconds = time.perf_counter() - started
    first, summary, first_cpu = _cpu_timed(
        server_pids,
        lambda: collect_reports(campaign=campaign.code, year=YEAR, batch_size=batch_size),
    )
    second, again, second_cpu = _cpu_timed(
        server_pids,
        lambda: collect_reports(campaign=campaign.code, year=YEAR, batch_size=batch_size),
    )
    assert summary["processed"] == n, summary
    assert again["processed"] == 0, again
    buckets = (settings.inbox_bucket, settings.archive_bucket, settings.output_bucket)
    engine = get_engine()
    anchor_first, anchored, anchor_first_cpu = _cpu_timed(
        server_pids, ingest_anchor.ingest, admin.client, engine, buckets, prefix
    )
    anchor_second, new, anchor_second_cpu = _cpu_timed(
        server_pids, ingest_anchor.rerun, admin.client, engine, settings.inbox_bucket, prefix
    )
    assert anchored == n, anchored
    assert new == 0, new
    figures = {
        "ingest_reports_per_s": round(n / first, 1),
        "ingest_anchor_per_s": round(n / anchor_first, 1),
        "rerun_s": round(second, 2),
        "rerun_anchor_s": round(anchor_second, 2),
    }
    print(
        f"units: {n}; batch size: {batch_size}; database: {settings.resolved_database_url}; "
        f"upload: {upload_seconds:.1f} s ({n / upload_seconds:.0f}/s, 16 threads)"
    )
    print(
        f"collect + validate: {first:.1f} s = {figures['ingest_reports_per_s']} reports/s "
        f"(valid: {summary['on_time'] + summary['late']}, late: {summary['late']}, "
        f"missing: {summary['missing']}); "
        f"anchor {figures['ingest_anchor_per_s']}/s; ratio "
        f"{figures['ingest_reports_per_s'] / figures['ingest_anchor_per_s']:.2f}"
    )
    print(f"  flow {first_cpu}; anchor {anchor_first_cpu}")
    print(
        f"rerun with nothing new: {second:.2f} s; anchor {anchor_second:.2f} s; ratio "
        f"{second / max(anchor_second, 1e-9):.1f}"
    )
    print(f"  flow {second_cpu}; anchor {anchor_second_cpu}")
    return figures


def main() -> None:
    """Run the benchmark and print its figures, the last line as JSON."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--full", action="store_true", help="10,000 units instead of 1,000")
    parser.add_argument("--n", type=int, default=None)
    parser.add_argument("--batch-size", type=int, default=50)
    parser.add_argument(
        "--late", action="store_true", help="uploads without receipts: every report is late"
    )
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    figures = run(
        not args.full,
        n=args.n,
        batch_size=args.batch_size,
        database_url=args.database_url,
        late=args.late,
    )
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
