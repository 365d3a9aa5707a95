"""A varied seeded dataset and a digest of everything aggregation and review make of it.

The digest file tests/fixtures/aggregate-golden.json was written by the code before the
aggregation was rewritten for speed (``python -m tests.tasks.aggregate.golden --write``); the
test compares the code of today with it, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import hashlib
import json
import random
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select
from sqlmodel import Session, col

from models.campaign import Campaign, load_campaign, shipped_campaign_path
from models.database import session_scope, upgrade
from models.tables import (
    AwardDecision,
    IndicatorValue,
    Nomination,
    Nominee,
    PhaseCandidate,
    PhaseResult,
    Submission,
    Unit,
    UnitYearResult,
)
from tasks.aggregate.summary import result_hash, summarise, unit_rows
from tasks.aggregate.yearly import evaluate_units, store_results
from tasks.documents.yearly import leaders, render_yearly_report, yearly_context
from tasks.documents.yearly_sections import read_facts
from tasks.registry.upsert import import_registry
from tasks.registry.version import registry_version
from tasks.review.proposal import propose

ROOT = Path(__file__).resolve().parents[3]
REGISTRY = ROOT / "models" / "data" / "units-bac-kan.csv"
GOLDEN = ROOT / "tests" / "fixtures" / "aggregate-golden.json"
YEARS = (2022, 2023, 2024, 2025)
SHA = "c" * 64
BASE = {
    "KH_PHAT_DONG": (None, 1),
    "NV_DUNG_HAN": (40, 38),
    "BC_DUNG_HAN": (12, 12),
    "HSCV_MANG": (1200, 1150),
    "VBDT": (3400, 3300),
    "CSDL_LGSP": (3, 2),
    "SANG_KIEN": (None, 3),
    "DAO_TAO": (85, 80),
}
NAMES = ("Nguyễn Thị Hoa", "Trần Văn Nam", "Lê Thị Mai", "Phạm Văn Hùng", "Hoàng Thị Lan")


def _values(rng: random.Random, *, good: bool) -> dict[str, tuple[float | None, float | None]]:
    values: dict[str, tuple[float | None, float | None]] = {}
    for code, (total, achieved) in BASE.items():
        roll = rng.random()
        if good:
            t = None if total is None else float(total * rng.choice((1, 2, 3)))
            values[code] = (t, t if t is not None else float(rng.randint(1, 4)))
            continue
        if roll < 0.05:
            continue  # not reported
        if total is None:
            values[code] = (None, float(rng.randint(0, 6)) if roll > 0.1 else achieved)
            continue
        scale = rng.choice((1, 1, 1, 2, 10, 40)) if roll > 0.15 else 0
        t = total * scale
        a = min(t, round(t * rng.uniform(0.3, 1.0))) if rng.random() > 0.3 else t
        values[code] = (float(t), float(a) if rng.random() > 0.03 else None)
    return values


def seed(session: Session, rng: random.Random) -> None:
    """Fill a database: registry with mergers, four years of reports, two phases' nominations."""
    import_registry(session, path=REGISTRY)
    now = datetime.now(UTC)
    session.execute(
        insert(Unit),
        [
            {
                "code": f"X-G{i:03d}",
                "registry_code": "bac-kan",
                "name": f"UBND xã Thử Nghiệm {i}",
                "kind": "xa",
                "level": "xa",
                "block": None if i % 11 == 0 else f"Cụm thử nghiệm {i % 3}",
                "valid_from": date(2022, 1, 1),
                "created_at": now,
                "updated_at": now,
            }
            for i in range(40)
        ],
    )
    codes = list(session.exec(select(Unit.code).order_by(col(Unit.code))).scalars())  # type: ignore[call-overload]
    n = 0
    counted: dict[tuple[str, int], int] = {}
    good = set(codes[::3])
    for year in YEARS:
        for code in codes:
            roll = 1.0 if code in good else rng.random()
            if roll < 0.08:
                continue  # missing
            n += 1
            status = "invalid" if roll < 0.14 else "valid"
            submission = Submission(
                campaign_code="cds-2022-2025",
                year=year,
                folder_unit_code=code,
                unit_code=code,
                bucket="b",
                object_key=f"{year}/{code}/bc.xlsx",
                version_key=f"v{n}",
                etag="e",
                sha256=hashlib.sha256(f"{code}{year}{n}".encode()).hexdigest(),
                size=1,
                uploaded_at=datetime(year, 12, 1, tzinfo=UTC),
                status=status,
                is_late=rng.random() < (0.03 if code in good else 0.15),
                is_counted=status == "valid",
            )
            session.add(submission)
            session.flush()
            assert submission.id is not None
            if status == "valid":
                counted[(code, year)] = submission.id
            for indicator, (total, achieved) in _values(rng, good=code in good).items():
                session.add(
                    IndicatorValue(
                        submission_id=submission.id,
                        indicator_code=indicator,
                        total=total,
                        achieved=achieved,
                    )
                )
    for phase, year in (("so-ket-2023", 2023), ("tong-ket-2025", 2025)):
        for (code, y), submission_id in sorted(counted.items()):
            if y != year:
                continue
            for row in range(rng.randint(0, 4)):
                person = row > 0 or rng.random() < 0.3
                name = rng.choice(NAMES) if person else f"Tập thể {code}"
                nominee = Nominee(
                    kind="ca_nhan" if person else "tap_the",
                    full_name=name if rng.random() > 0.1 else name.upper(),
                    unit_code=code if not person and rng.random() < 0.8 else None,
                    gender=rng.choice(("nam", "nu", None)) if person else None,
                    birth_date=date(1980, rng.randint(1, 2), 1)
                    if person and rng.random() < 0.9
                    else None,
                    women_share=None if person else rng.choice((None, 0.5, 0.8)),
                )
                session.add(nominee)
                session.flush()
                assert nominee.id is not None
                session.add(
                    Nomination(
                        campaign_code="cds-2022-2025",
                        phase_code=phase,
                        submission_id=submission_id,
                        proposing_unit_code=code,
                        nominee_id=nominee.id,
                        row=row + 2,
                        initiatives=rng.choice((None, "Một", "Một; Hai", "A\nB\nC")),
                        dossier_complete=rng.random() < 0.85,
                        state="awarded"
                        if phase == "so-ket-2023" and rng.random() < 0.4
                        else "submitted",
                    )
                )
    session.add(
        AwardDecision(
            campaign_code="cds-2022-2025",
            phase_code="so-ket-2023",
            number="123/QĐ-UBND",
            signed_on=date(2024, 1, 5),
            signer_name="Đàm Quang Huy",
            signer_title="PHÓ CHỦ TỊCH",
            recorded_by_name="t",
            recorded_by_role="t",
            data_sha256=SHA,
        )
    )


def _digest(value: object) -> str:
    return result_hash(value)


def _year(session: Session, campaign: Campaign, year: int) -> dict[str, Any]:
    units = evaluate_units(session, campaign=campaign, year=year)
    store_results(session, campaign=campaign, campaign_sha256=SHA, year=year, units=units)
    registry_sha = registry_version(
        session, registry=campaign.registry, on=campaign.deadline_for(year).date()
    )
    summary = summarise(units)
    payload = {
        "campaign": campaign.code,
        "year": year,
        "campaign_sha256": SHA,
        "registry_sha256": registry_sha,
        "summary": summary,
        "units": unit_rows(units),
    }
    session.flush()
    report = render_yearly_report(
        yearly_context(
            campaign=campaign,
            year=year,
            summary=json.loads(json.dumps(summary, default=str)),
            leading=leaders(session, campaign=campaign.code, year=year),
            facts=read_facts(session, campaign=campaign.code, year=year),
        ),
        campaign=campaign,
        year=year,
    )
    return {
        "result_sha256": result_hash(payload),
        "summary": _digest(summary),
        "report_docx": _docx_digest(report),
        "report_docx_bytes": hashlib.sha256(report).hexdigest(),
    }


def _docx_digest(data: bytes) -> str:
    """Return the digest of the report's parts (the zip's own timestamps aside)."""
    import zipfile
    from io import BytesIO

    with zipfile.ZipFile(BytesIO(data)) as archive:
        parts = {
            name: hashlib.sha256(archive.read(name)).hexdigest() for name in archive.namelist()
        }
    return _digest(parts)


def _rows(session: Session) -> dict[str, Any]:
    # Ids, times and the code version vary by run; inputs_sha256 is the rerun digest added later.
    skip = {"id", "computed_at", "code_version", "created_at", "inputs_sha256"}
    years: dict[str, Any] = {}
    for row in session.exec(
        select(UnitYearResult).order_by(col(UnitYearResult.year), col(UnitYearResult.unit_code))
    ).scalars():  # type: ignore[call-overload]
        data = {k: v for k, v in row.model_dump().items() if k not in skip}
        years.setdefault(str(row.year), []).append(data)
    results = []
    for result in session.exec(select(PhaseResult).order_by(col(PhaseResult.id))).scalars():  # type: ignore[call-overload]
        candidates = session.exec(
            select(PhaseCandidate)
            .where(PhaseCandidate.phase_result_id == result.id)
            .order_by(col(PhaseCandidate.nomination_id))
        ).scalars()  # type: ignore[call-overload]
        results.append(
            {
                "result": {k: v for k, v in result.model_dump().items() if k not in skip},
                "candidates": _digest(
                    [
                        {
                            k: v
                            for k, v in c.model_dump().items()
                            if k not in skip | {"phase_result_id"}
                        }
                        for c in candidates
                    ]
                ),
            }
        )
    return {
        "unit_year_result": {year: _digest(rows) for year, rows in years.items()},
        "counts": {year: len(rows) for year, rows in years.items()},
        "phase_results": results,
    }


def capture(database_url: str) -> dict[str, Any]:
    """Seed a fresh database, aggregate four years, review both phases; return the digests."""
    upgrade(database_url)
    campaign = load_campaign(shipped_campaign_path("cds-2022-2025"))[0]
    with session_scope(database_url) as session:
        seed(session, random.Random(20251216))
    yearly = {}
    for year in YEARS:
        with session_scope(database_url) as session:
            yearly[str(year)] = _year(session, campaign, year)
    proposals = []
    for phase_code, options in (
        ("so-ket-2023", {}),
        ("tong-ket-2025", {}),
        ("tong-ket-2025", {"individual_quota": 3, "collective_quota": 2}),
        ("tong-ket-2025", {"weights": {"HSCV_MANG": 3.0}}),
        ("tong-ket-2025", {}),  # a rerun: the same result
    ):
        with session_scope(database_url) as session:
            phase = campaign.phase(phase_code)
            proposal = propose(
                session, campaign=campaign, campaign_sha256=SHA, phase=phase, **options
            )  # type: ignore[arg-type]
            proposals.append(
                {
                    "phase": phase_code,
                    "result_sha256": proposal.result.result_sha256,
                    "entering": proposal.entering,
                    "leaving": proposal.leaving,
                    "selected": sorted(
                        f.nomination.id or 0 for f, p in proposal.placements if p.selected
                    ),
                }
            )
    with session_scope(database_url) as session:
        stored = _rows(session)
    return {"years": yearly, "proposals": proposals, "stored": stored}


def backend(database_url: str) -> str:
    """Return the golden's section for a database URL (the two backends differ in the report)."""
    return "postgresql" if database_url.startswith("postgresql") else "sqlite"


if __name__ == "__main__":
    import os
    import tempfile

    from tests.conftest import empty_database

    kinds = ["sqlite"] + (["postgresql"] if os.environ.get("THIDUA_TEST_DATABASE_URL") else [])
    written = json.loads(GOLDEN.read_text(encoding="utf-8")) if GOLDEN.exists() else {}
    for kind in kinds:
        with empty_database(kind, Path(tempfile.mkdtemp(prefix="thidua-golden-"))) as url:
            written[kind] = json.loads(json.dumps(capture(url), default=str))
    text = json.dumps(written, ensure_ascii=False, indent=1, sort_keys=True)
    if "--write" in sys.argv:
        GOLDEN.write_text(text + "\n", encoding="utf-8")
    sys.stdout.write(text + "\n")
