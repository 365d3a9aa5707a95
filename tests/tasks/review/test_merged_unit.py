"""Scenario: a merged unit whose predecessor missed a year, under both lineage settings."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session

from models.award_rules import Eligibility, Lineage
from models.campaign import Campaign, load_campaign, shipped_campaign_path
from models.database import session_scope, upgrade
from models.tables import Nomination, Nominee, UnitYearResult
from tasks.registry.upsert import import_registry
from tasks.review.proposal import propose
from tests.factories import submission_row

REGISTRY = Path(__file__).resolve().parents[3] / "models" / "data" / "units-bac-kan.csv"
MET = {
    "criteria": [
        {"code": code, "status": "met", "achievement": 1.0}
        for code in ("NV_DUNG_HAN", "BC_DUNG_HAN", "HSCV_MANG", "VBDT")
    ]
}


@pytest.fixture
def db(database_url: str) -> str:
    upgrade(database_url)
    with session_scope(database_url) as session:
        import_registry(session, path=REGISTRY)
        _history(session)
    return database_url


def _result(session: Session, unit: str, year: int, status: str, score: float | None) -> None:
    session.add(
        UnitYearResult(
            campaign_code="cds-2022-2025",
            year=year,
            unit_code=unit,
            report_status=status,
            score=score,
            breakdown=MET if status == "on_time" else {},
            campaign_sha256="c" * 64,
            code_version="t",
        )
    )


def _history(session: Session) -> None:
    """SO-NNMT (from 01/3/2025) = SO-NNPTNT + SO-TNMT; SO-TNMT sent nothing valid in 2023."""
    for year in (2022, 2023, 2024):
        _result(session, "SO-NNPTNT", year, "on_time", 100.0)
        _result(session, "SO-TNMT", year, "missing" if year == 2023 else "on_time", 90.0)
    _result(session, "SO-NNMT", 2025, "on_time", 100.0)
    submission = submission_row("SO-NNMT", 1, year=2025, status="valid", counted=True)
    session.add(submission)
    nominee = Nominee(kind="tap_the", full_name="Sở Nông nghiệp và Môi trường", unit_code="SO-NNMT")
    session.add(nominee)
    session.flush()
    session.add(
        Nomination(
            campaign_code="cds-2022-2025",
            phase_code="tong-ket-2025",
            submission_id=submission.id,
            proposing_unit_code="SO-NNMT",
            nominee_id=nominee.id,
            row=2,
            dossier_complete=True,
        )
    )


def _with(campaign: Campaign, missing: str) -> Campaign:
    rules = Eligibility(lineage=Lineage(missing_predecessor_year=missing))
    return campaign.model_copy(update={"eligibility": rules})


@pytest.fixture
def campaign() -> Campaign:
    return load_campaign(shipped_campaign_path("cds-2022-2025"))[0]


def test_a_missing_predecessor_year_counts_as_not_met(db: str, campaign: Campaign) -> None:
    strict = _with(campaign, "not_met")
    with session_scope(db) as session:
        proposal = propose(
            session, campaign=strict, campaign_sha256="c" * 64, phase=strict.phase("tong-ket-2025")
        )
    facts, placement = proposal.placements[0]
    assert facts.yearly == {2022: 95.0, 2023: 50.0, 2024: 95.0, 2025: 100.0}
    assert facts.lineage[1] == {
        "year": 2023,
        "used": ["SO-NNPTNT"],
        "missing": ["SO-TNMT"],
        "score": 50.0,
    }
    assert not placement.candidate.eligible
    assert placement.rank is None
    assert "năm 2023: đơn vị tiền thân SO-TNMT không có báo cáo hợp lệ" in placement.reasons[0]
    note = next(n for n in facts.notes if n.startswith("Năm 2023"))
    assert "SO-NNPTNT (100.0)" in note
    assert "SO-TNMT không có báo cáo hợp lệ, tính 0 điểm và không đạt tiêu chí" in note


def test_a_missing_predecessor_year_may_be_left_out_and_said_so(
    db: str, campaign: Campaign
) -> None:
    lenient = _with(campaign, "excluded")
    with session_scope(db) as session:
        proposal = propose(
            session,
            campaign=lenient,
            campaign_sha256="c" * 64,
            phase=lenient.phase("tong-ket-2025"),
        )
    facts, placement = proposal.placements[0]
    assert facts.yearly == {2022: 95.0, 2023: 100.0, 2024: 95.0, 2025: 100.0}
    assert placement.candidate.eligible
    assert placement.selected
    assert placement.candidate.total_score == 97.5
    note = next(n for n in facts.notes if n.startswith("Năm 2023"))
    assert "không tính vào bình quân" in note
    assert "SO-TNMT" in note
