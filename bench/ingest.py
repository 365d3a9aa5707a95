"""Benchmark collect + validate: N synthetic units upload a workbook each; reports per second.

Usage: .venv/bin/python bench/ingest.py [--n 1000] [--batch-size 100] [--database-url URL]

Starts its own SeaweedFS and Prefect server (the local stack) in a temporary folder, so it needs
nothing running; the database defaults to a temporary SQLite file.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import openpyxl  # noqa: E402

from deploy.local_stack import LocalStack  # noqa: E402
from models.campaign import load_campaign, shipped_campaign_path  # noqa: E402
from models.settings import Settings, get_settings  # noqa: E402
from tasks.registry.read import RegistryRow  # noqa: E402

YEAR = 2024
PLACEHOLDER_CODE = "UNITCODE0000000"
PLACEHOLDER_NAME = "UNITNAME0000000"


def template_bytes() -> bytes:
    """Return one commune report whose code and name are placeholders to substitute."""
    workbook = openpyxl.Workbook()
    info = workbook.active
    assert info is not None
    info.title = "ThongTin"
    for row in (
        ["truong", "gia_tri"],
        ["phien_ban_mau", "BCTD-1"],
        ["ma_don_vi", PLACEHOLDER_CODE],
        ["ten_don_vi", PLACEHOLDER_NAME],
        ["nam", YEAR],
        ["nguoi_lap", "Lê Thị Lan"],
        ["thu_truong", "Hoàng Văn Đức"],
        ["chuc_vu_thu_truong", "Chủ tịch"],
        ["ngay_bao_cao", date(YEAR, 12, 5)],
    ):
        info.append(row)
    indicators = workbook.create_sheet("ChiTieu")
    indicators.append(["ma_chi_tieu", "noi_dung", "tong_so", "dat", "ghi_chu"])
    for code, total, achieved in (
        ("HSCV_MANG", 420, 390),
        ("VBDT", "1.250", "1.250"),
        ("CSDL_LGSP", 0, 0),
        ("SANG_KIEN", None, 2),
        ("DAO_TAO", 35, 30),
        ("TUYEN_TRUYEN", None, 12),
    ):
        indicators.append([code, f"Nội dung {code}", total, achieved, None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def personalise(template: bytes, code: str, name: str) -> bytes:
    """Return the template with the unit's code and name in place of the placeholders."""
    source = zipfile.ZipFile(io.BytesIO(template))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            content = source.read(entry.filename)
            if entry.filename.startswith("xl/") and PLACEHOLDER_CODE.encode() in content:
                text = content.decode().replace(PLACEHOLDER_CODE, code)
                content = text.replace(PLACEHOLDER_NAME, name).encode()
            target.writestr(entry, content)
    return output.getvalue()


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--batch-size", type=int, default=100)
    parser.add_argument("--database-url", default=None)
    parser.add_argument(
        "--processes",
        type=int,
        default=0,
        help="run the batches in a pool of this many processes (0: threads)",
    )
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="thidua-bench-"))
    os.environ.update(
        {
            "THIDUA_VAR_DIR": str(folder),
            "THIDUA_S3_ENDPOINT": "127.0.0.1:18733",
            "THIDUA_WEED_MASTER_PORT": "19733",
            "THIDUA_WEED_VOLUME_PORT": "18781",
            "THIDUA_WEED_FILER_PORT": "18788",
            "THIDUA_S3_SECRET_KEY": "bench-secret",
            "THIDUA_PREFECT_PORT": "14733",
            "PREFECT_API_URL": "http://127.0.0.1:14733/api",
            "PREFECT_API_AUTH_STRING": "admin:thidua-local-prefect",  # the default auth
            "THIDUA_DATABASE_URL": args.database_url or f"sqlite:///{folder / 'bench.db'}",
        }
    )
    get_settings.cache_clear()
    settings: Settings = get_settings()
    stack = LocalStack(settings)
    stack.up(only=["seaweedfs", "prefect"])  # no worker: scheduled runs would interfere
    try:
        run(settings, args.n, args.batch_size, args.processes)
    finally:
        stack.down(grace_seconds=2)


def run(settings: Settings, n: int, batch_size: int, processes: int) -> None:
    """Prepare N units and uploads, then time two collect runs."""
    from prefect.task_runners import ProcessPoolTaskRunner

    from flows.collect_reports import collect_reports
    from models.database import session_scope, upgrade
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
        import_rows(session, rows=rows, path=Path("bench-registry.csv"))
        load_campaign_file(session, path=shipped_campaign_path("cds-2022-2025"))
    campaign, _ = load_campaign(shipped_campaign_path("cds-2022-2025"))
    template = template_bytes()
    store = ObjectStore(settings.as_admin())  # uploads stand in for the portal
    started = time.perf_counter()
    with ThreadPoolExecutor(16) as pool:
        list(
            pool.map(
                lambda row: store.put_bytes(
                    settings.inbox_bucket,
                    f"{campaign.code}/{YEAR}/{row.code}/bao-cao.xlsx",
                    personalise(template, row.code, row.name),
                ),
                rows,
            )
        )
    upload_seconds = time.perf_counter() - started
    flow = collect_reports
    if processes:
        flow = collect_reports.with_options(
            task_runner=ProcessPoolTaskRunner(max_workers=processes)  # type: ignore[arg-type]
        )
    started = time.perf_counter()
    summary = flow(campaign=campaign.code, year=YEAR, batch_size=batch_size)
    first = time.perf_counter() - started
    started = time.perf_counter()
    again = flow(campaign=campaign.code, year=YEAR, batch_size=batch_size)
    second = time.perf_counter() - started
    assert summary["processed"] == n, summary
    assert again["processed"] == 0, again
    runner = f"{processes} processes" if processes else "4 threads"
    print(
        f"units: {n}; batch size: {batch_size}; {runner}; "
        f"database: {settings.resolved_database_url}; Prefect: {os.environ['PREFECT_API_URL']}"
    )
    print(f"upload: {upload_seconds:.1f} s ({n / upload_seconds:.0f} uploads/s, 16 threads)")
    print(
        f"collect + validate: {first:.1f} s = {n / first:.1f} reports/s "
        f"(valid: {summary['on_time'] + summary['late']}, missing: {summary['missing']})"
    )
    print(f"rerun with nothing new: {second:.1f} s")


if __name__ == "__main__":
    main()
