"""Benchmark yearly aggregation and the phase-end ranking on synthetic data.

Usage: .venv/bin/python bench/aggregate.py [--units 1000] [--nominations-per-unit 5]
       .venv/bin/python bench/aggregate.py --units 60000    # a whole country: 300,000 nominations

Data go straight into a temporary SQLite database (or --database-url); the timed part is the
work of aggregate-year (four years) and review-phase (the final review), without Prefect.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

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


def main() -> None:
    """Seed, then time the yearly aggregation of four years and the final review."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--nominations-per-unit", type=int, default=5)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="thidua-bench-aggregate-"))
    os.environ["THIDUA_DATABASE_URL"] = args.database_url or f"sqlite:///{folder / 'bench.db'}"
    get_settings.cache_clear()

    from models.database import session_scope, upgrade
    from tasks.aggregate.summary import summarise
    from tasks.aggregate.yearly import evaluate_units, store_results
    from tasks.review.proposal import propose

    upgrade()
    started = time.perf_counter()
    seed(args.units, args.nominations_per_unit, random.Random(2025))
    seeded = time.perf_counter() - started
    campaign, sha = load_campaign(shipped_campaign_path("cds-2022-2025"))
    timings = {}
    for year in YEARS:
        started = time.perf_counter()
        with session_scope() as session:
            units = evaluate_units(session, campaign=campaign, year=year)
            store_results(session, campaign=campaign, campaign_sha256=sha, year=year, units=units)
            summarise(units, vocabulary=campaign.unit_vocabulary)
        timings[year] = time.perf_counter() - started
    phase = campaign.phase("tong-ket-2025")
    started = time.perf_counter()
    with session_scope() as session:
        proposal = propose(session, campaign=campaign, campaign_sha256=sha, phase=phase)
        placed = len(proposal.placements)
        digest = proposal.result.result_sha256
    review = time.perf_counter() - started
    started = time.perf_counter()
    with session_scope() as session:
        again = propose(session, campaign=campaign, campaign_sha256=sha, phase=phase)
        assert again.result.result_sha256 == digest
    rerun = time.perf_counter() - started
    nominations = args.units * args.nominations_per_unit
    print(f"units: {args.units}; nominations: {nominations}; seeded in {seeded:.1f} s")
    for year, seconds in timings.items():
        print(f"aggregate {year}: {seconds:.1f} s ({args.units / seconds:,.0f} units/s)")
    print(
        f"review tong-ket-2025: {review:.1f} s for {placed} candidates "
        f"({placed / review:,.0f} candidates/s); rerun (same hash): {rerun:.1f} s"
    )


if __name__ == "__main__":
    main()
