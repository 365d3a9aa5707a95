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
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from models.campaign import Campaign, load_campaign, shipped_campaign_path
from models.database import session_scope, upgrade
from models.tables import (
    PhaseCandidate,
    PhaseResult,
    UnitYearResult,
)
from tasks.aggregate.summary import result_hash, summarise, unit_rows
from tasks.aggregate.yearly import evaluate_units, store_results
from tasks.documents.yearly import leaders, render_yearly_report, yearly_context
from tasks.documents.yearly_sections import read_facts
from tasks.registry.version import registry_version
from tasks.review.proposal import propose
from tests.tasks.aggregate.golden_data import SHA, seed

ROOT = Path(__file__).resolve().parents[3]
GOLDEN = ROOT / "tests" / "fixtures" / "aggregate-golden.json"
YEARS = (2022, 2023, 2024, 2025)


def _digest(value: object) -> str:
    return result_hash(value)


def _year(session: Session, campaign: Campaign, year: int) -> dict[str, Any]:
    units = evaluate_units(session, campaign=campaign, year=year)
    store_results(session, campaign=campaign, campaign_sha256=SHA, year=year, units=units)
    registry_sha = registry_version(
        session, registry=campaign.registry, on=campaign.deadline_for(year).date()
    )
    summary = summarise(units, vocabulary=campaign.unit_vocabulary)
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
            leading=leaders(session, campaign=campaign.code, registry=campaign.registry, year=year),
            facts=read_facts(
                session, campaign=campaign.code, registry=campaign.registry, year=year
            ),
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
