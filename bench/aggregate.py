"""Benchmark yearly aggregation and the phase-end ranking on synthetic data, beside an anchor.

Usage: .venv/bin/python bench/aggregate.py            # quick: 1,000 units, 5,000 nominations
       .venv/bin/python bench/aggregate.py --full     # a country: 60,000 units, 300,000
       .venv/bin/python bench/aggregate.py --units 5000   # any other scale

Data go straight into a temporary SQLite database (or --database-url); the timed part is the
work of aggregate-year (four years) and review-phase (the final review), without Prefect, run in
a child process whose peak RSS (getrusage(RUSAGE_CHILDREN).ru_maxrss) is the peak memory. The
rerun (nothing changed) runs in a second child. The anchor, in the same run, is a lean version
of the same work in pandas (bench/aggregate_anchor.py). The last line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert, select  # noqa: E402

from models.campaign import load_campaign, shipped_campaign_path  # noqa: E402
from models.settings import get_settings  # noqa: E402

YEARS = (2022, 2023, 2024, 2025)
VALUES = ("HSCV_MANG", "VBDT", "CSDL_LGSP", "SANG_KIEN")


def seed(units: int, per_unit: int, rng: random.Random) -> None:
    """Insert units, four years of counted reports with values, and the final nominations."""
    from models.database import get_engine
    from models.tables import IndicatorValue, Nomination, Nominee, Submission, Unit

    engine = get_engine()
    now = datetime.now(UTC)
    with engine.begin() as connection:
        connection.execute(
            insert(Unit),
            [
                {
                    "registry_code": "bac-kan",  # the registry cds-2022-2025 reads
                    "code": f"X-{i:06d}",
                    "name": f"UBND xã Thử Nghiệm {i}",
                    "kind": "xa",
                    "level": "xa",
                    "block": f"Cụm {i % 200}",
                    "valid_from": date(2022, 1, 1),
                    "created_at": now,
                    "updated_at": now,
                }
                for i in range(units)
            ],
        )
        for year in YEARS:
            connection.execute(
                insert(Submission),
                [
                    {
                        "campaign_code": "cds-2022-2025",
                        "year": year,
                        "folder_unit_code": code,
                        "unit_code": code,
                        "bucket": "b",
                        "object_key": f"{year}/{code}/bc.xlsx",
                        "version_key": "v1",
                        "etag": "e",
                        "sha256": f"{i:064d}",
                        "size": 1,
                        "uploaded_at": datetime(year, 12, 1, tzinfo=UTC),
                        "first_seen_at": now,
                        "status": "valid",
                        "is_late": rng.random() < 0.05,
                        "is_counted": True,
                        "error_count": 0,
                        "warning_count": 0,
                        "file_name": "bc.xlsx",
                    }
                    for i, code in ((i, f"X-{i:06d}") for i in range(units))
                ],
            )
            ids = (
                connection.execute(select(Submission.id).where(Submission.year == year))
                .scalars()
                .all()
            )  # type: ignore[arg-type]
            rows = []
            for submission_id in ids:
                total = rng.randint(50, 900)
                rows += [
                    {
                        "submission_id": submission_id,
                        "indicator_code": "HSCV_MANG",
                        "total": total,
                        "achieved": rng.randint(total // 2, total),
                    },
                    {
                        "submission_id": submission_id,
                        "indicator_code": "VBDT",
                        "total": total,
                        "achieved": rng.randint(total // 2, total),
                    },
                    {
                        "submission_id": submission_id,
                        "indicator_code": "CSDL_LGSP",
                        "total": 0,
                        "achieved": 0,
                    },
                    {
                        "submission_id": submission_id,
                        "indicator_code": "SANG_KIEN",
                        "total": None,
                        "achieved": rng.randint(0, 4),
                    },
                ]
            connection.execute(insert(IndicatorValue), rows)
        final = dict(
            zip(
                [f"X-{i:06d}" for i in range(units)],
                connection.execute(
                    select(Submission.id).where(Submission.year == 2025).order_by(Submission.id)
                )
                .scalars()
                .all(),
                strict=True,
            )
        )
        nominees = [
            {
                "kind": "ca_nhan" if n else "tap_the",
                "full_name": f"Ứng viên {code}-{n}",
                "gender": rng.choice(["nam", "nu"]),
            }
            for code in final
            for n in range(per_unit)
        ]
        connection.execute(insert(Nominee), nominees)
        nominee_ids = connection.execute(select(Nominee.id).order_by(Nominee.id)).scalars().all()
        pairs = [(code, n) for code in final for n in range(per_unit)]
        connection.execute(
            insert(Nomination),
            [
                {
                    "campaign_code": "cds-2022-2025",
                    "phase_code": "tong-ket-2025",
                    "submission_id": final[code],
                    "proposing_unit_code": code,
                    "nominee_id": nominee_id,
                    "row": n + 2,
                    "initiatives": "Sáng kiến" if rng.random() < 0.3 else None,
                    "dossier_complete": rng.random() < 0.9,
                    "state": "submitted",
                    "version": 1,
                    "created_at": now,
                    "updated_at": now,
                }
                for (code, n), nominee_id in zip(pairs, nominee_ids, strict=True)
            ],
        )


def _before(session: Any, *, campaign: Any, campaign_sha256: str, year: int) -> None:
    """Aggregate a year with the code before the rewrite (no run module, no skipping)."""
    from tasks.aggregate.summary import summarise, unit_rows
    from tasks.aggregate.yearly import evaluate_units, store_results

    units = evaluate_units(session, campaign=campaign, year=year)
    store_results(
        session, campaign=campaign, campaign_sha256=campaign_sha256, year=year, units=units
    )
    summarise(units, vocabulary=campaign.unit_vocabulary)
    unit_rows(units)


def work() -> dict[str, float]:
    """In a child process: aggregate four years and review the final phase; return timings."""
    from models.database import session_scope
    from tasks.review.proposal import propose

    try:
        from tasks.aggregate.run import aggregate_year_results
    except ImportError:  # the code before the rewrite: measured the same way for the "before"
        aggregate_year_results = _before

    campaign, sha = load_campaign(shipped_campaign_path("cds-2022-2025"))
    phase = campaign.phase("tong-ket-2025")
    timings: dict[str, float] = {}
    started, cpu = time.perf_counter(), time.process_time()
    for year in YEARS:
        begun = time.perf_counter()
        with session_scope() as session:
            aggregate_year_results(session, campaign=campaign, campaign_sha256=sha, year=year)
        timings[f"year_{year}"] = time.perf_counter() - begun
    begun = time.perf_counter()
    with session_scope() as session:
        proposal = propose(session, campaign=campaign, campaign_sha256=sha, phase=phase)
        timings["result_sha256"] = int(proposal.result.result_sha256[:12], 16)
        timings["reused"] = float(getattr(proposal, "reused", False))
    timings["review"] = time.perf_counter() - begun
    timings["total"] = time.perf_counter() - started
    timings["cpu"] = time.process_time() - cpu
    return timings


def _child(mode: str, units: int, database_url: str) -> dict[str, float]:
    """Run one mode in a child; return its timings (wall and CPU seconds of the work)."""
    completed = subprocess.run(  # noqa: S603 (this script, fixed arguments)
        [sys.executable, __file__, "--child", mode, "--units", str(units)],
        env={**os.environ, "THIDUA_DATABASE_URL": database_url},
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode:
        raise RuntimeError(completed.stderr[-4000:])
    return json.loads(completed.stdout.strip().splitlines()[-1])


def run(
    quick: bool = True, *, units: int | None = None, database_url: str | None = None
) -> dict[str, float]:
    """Seed, then time the work, its peak memory, a rerun, and the anchor; return the figures."""
    from bench.aggregate_anchor import anchor

    units = units or (1000 if quick else 60000)
    folder = Path(tempfile.mkdtemp(prefix="thidua-bench-aggregate-"))
    url = database_url or f"sqlite:///{folder / 'bench.db'}"
    os.environ["THIDUA_DATABASE_URL"] = url
    get_settings.cache_clear()
    from models.database import upgrade

    upgrade()
    started = time.perf_counter()
    seed(units, 5, random.Random(2025))
    seeded = time.perf_counter() - started
    first = _child("work", units, url)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # KiB on Linux
    rerun = _child("work", units, url)
    assert rerun["result_sha256"] == first["result_sha256"], "a rerun changed the result"
    lean = anchor(url, years=YEARS)
    print(f"units: {units:,}; nominations: {units * 5:,}; seeded in {seeded:.1f} s")
    for year in YEARS:
        print(f"aggregate {year}: {first[f'year_{year}']:.2f} s")
    print(f"review tong-ket-2025: {first['review']:.2f} s")
    print(
        f"work: {first['total']:.2f} s wall, {first['cpu']:.2f} s CPU, peak RSS {peak_mb:,.0f} MB; "
        f"anchor (pandas, same run): {lean['total']:.2f} s wall, {lean['cpu']:.2f} s CPU "
        f"(years {lean['years']:.2f} s, review {lean['review']:.2f} s); "
        f"ratio {first['total'] / lean['total']:.1f}x wall, {first['cpu'] / lean['cpu']:.1f}x CPU"
    )
    print(
        f"rerun with nothing new: {rerun['total']:.2f} s wall, {rerun['cpu']:.2f} s CPU "
        f"(review reused: {bool(rerun['reused'])})"
    )
    return {
        ("aggregate_s" if quick else "aggregate_country_s"): round(first["total"], 3),
        "aggregate_anchor_s": round(lean["total"], 3),
        "aggregate_peak_mb": round(peak_mb, 1),
        "aggregate_rerun_s": round(rerun["total"], 3),
    }


def main() -> None:
    """Parse the command line; run the benchmark, or one child's work."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--full", action="store_true", help="a country: 60,000 units")
    parser.add_argument("--units", type=int, default=None)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--child", choices=["work"], default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        get_settings.cache_clear()
        print(json.dumps(work()))
        return
    figures = run(quick=not args.full, units=args.units, database_url=args.database_url)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
