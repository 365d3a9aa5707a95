"""Phase proposals: lineage across mergers, eligibility, quotas, what-ifs and reproducibility."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session, select

from models.campaign import Campaign, load_campaign, shipped_campaign_path
from models.database import session_scope, upgrade
from models.tables import Nomination, Nominee, PhaseResult, UnitYearResult
from tasks.registry.upsert import import_registry
from tasks.review.candidates import unit_years
from tasks.review.proposal import propose
from tests.factories import submission_row

REGISTRY = Path(__file__).resolve().parents[3] / "models" / "data" / "units-bac-kan.csv"


@pytest.fixture
def campaign() -> Campaign:
    return load_campaign(shipped_campaign_path("cds-2022-2025"))[0]


@pytest.fixture
def db(database_url: str) -> str:
    upgrade(database_url)
    with session_scope(database_url) as session:
        import_registry(session, path=REGISTRY)
    return database_url


def _year(
    session: Session, unit: str, year: int, score: float | None, status: str = "on_time"
) -> None:
    session.add(
        UnitYearResult(
            campaign_code="cds-2022-2025",
            year=year,
            unit_code=unit,
            report_status=status,
            score=score,
            campaign_sha256="c" * 64,
            code_version="t",
        )
    )


def _nominate(
    session: Session,
    n: int,
    unit: str,
    name: str,
    *,
    kind: str = "ca_nhan",
    collective_unit: str | None = None,
    gender: str | None = None,
    initiatives: str | None = None,
    complete: bool = True,
    phase: str = "so-ket-2023",
    year: int = 2023,
) -> None:
    submission = submission_row(unit, n, year=year, status="valid", counted=True)
    session.add(submission)
    nominee = Nominee(kind=kind, full_name=name, unit_code=collective_unit, gender=gender)
    session.add(nominee)
    session.flush()
    session.add(
        Nomination(
            campaign_code="cds-2022-2025",
            phase_code=phase,
            submission_id=submission.id,
            proposing_unit_code=unit,
            nominee_id=nominee.id,
            row=2,
            initiatives=initiatives,
            dossier_complete=complete,
        )
    )


def test_preliminary_proposal_with_eligibility_and_tie_breaks(db: str, campaign: Campaign) -> None:
    phase = campaign.phase("so-ket-2023")
    with session_scope(db) as session:
        for unit, s22, s23 in (
            ("SO-YT", 90, 100),
            ("SO-TP", 80, 80),
            ("SO-XD", 80, 80),
            ("SO-CT", 70, 70),
        ):
            _year(session, unit, 2022, s22)
            _year(session, unit, 2023, s23)
        _year(session, "SO-GDDT", 2022, 99)
        _nominate(session, 1, "SO-YT", "Sở Y tế", kind="tap_the", collective_unit="SO-YT")
        _nominate(
            session,
            2,
            "SO-GDDT",
            "Sở Giáo dục và Đào tạo",
            kind="tap_the",
            collective_unit="SO-GDDT",
        )
        _nominate(session, 3, "SO-TP", "Trần Thị Mai", gender="nu", initiatives="Một")
        _nominate(session, 4, "SO-XD", "Lê Văn Nam", gender="nam", initiatives="Một; Hai")
        _nominate(session, 5, "SO-CT", "Phạm Văn Hùng", gender="nam", complete=False)
    with session_scope(db) as session:
        official = propose(session, campaign=campaign, campaign_sha256="c" * 64, phase=phase)
        whatif = propose(
            session, campaign=campaign, campaign_sha256="c" * 64, phase=phase, individual_quota=1
        )
    placed = {f.nominee.full_name: p for f, p in official.placements}
    assert (placed["Sở Y tế"].rank, placed["Sở Y tế"].selected) == (1, True)
    assert placed["Sở Y tế"].candidate.total_score == 95
    assert placed["Sở Giáo dục và Đào tạo"].rank is None
    assert "không có báo cáo hợp lệ năm 2023" in placed["Sở Giáo dục và Đào tạo"].reasons[0]
    assert [placed[n].rank for n in ("Lê Văn Nam", "Trần Thị Mai")] == [1, 2]
    assert "số sáng kiến" in (placed["Trần Thị Mai"].tie_break or "")
    assert "hồ sơ đề nghị chưa đủ" in placed["Phạm Văn Hùng"].reasons[0]
    assert official.result.is_official
    assert not whatif.result.is_official
    assert whatif.leaving == ["Trần Thị Mai"]
    assert whatif.entering == []
    with session_scope(db) as session:
        again = propose(session, campaign=campaign, campaign_sha256="c" * 64, phase=phase)
        assert again.result.result_sha256 == official.result.result_sha256
        assert len(session.exec(select(PhaseResult)).all()) == 2  # the rerun stored nothing new


def test_merged_unit_counts_its_predecessors_years(db: str, campaign: Campaign) -> None:
    final = campaign.phase("tong-ket-2025")
    with session_scope(db) as session:
        for year in (2022, 2023, 2024):
            _year(session, "SO-NNPTNT", year, 80)
            _year(session, "SO-TNMT", year, 60, status="late")
        _year(session, "SO-NNMT", 2025, 90)
    with session_scope(db) as session:
        yearly, on_time, notes = unit_years(session, campaign=campaign, phase=final, code="SO-NNMT")
    assert yearly == {2022: 70.0, 2023: 70.0, 2024: 70.0, 2025: 90}
    assert on_time == 1  # a predecessor reported late in 2022-2024
    assert "SO-NNPTNT, SO-TNMT" in notes[0]


def test_dissolved_district_is_shown_for_the_council(db: str, campaign: Campaign) -> None:
    final = campaign.phase("tong-ket-2025")
    with session_scope(db) as session:
        for year in (2022, 2023, 2024):
            _year(session, "H-BABE", year, 85)
    with session_scope(db) as session:
        yearly, _, notes = unit_years(session, campaign=campaign, phase=final, code="H-BABE")
    assert yearly[2025] is None
    assert any("đã chấm dứt hoạt động từ 30/06/2025" in note for note in notes)


def test_weights_what_if_is_not_official_and_checks_codes(db: str, campaign: Campaign) -> None:
    phase = campaign.phase("so-ket-2023")
    with session_scope(db) as session:
        _year(session, "SO-YT", 2022, 90)
        _year(session, "SO-YT", 2023, 100)
        _nominate(session, 1, "SO-YT", "Sở Y tế", kind="tap_the", collective_unit="SO-YT")
    with session_scope(db) as session:
        official = propose(session, campaign=campaign, campaign_sha256="c" * 64, phase=phase)
        with pytest.raises(ValueError, match="Không có chỉ tiêu KHONG_CO"):
            propose(
                session,
                campaign=campaign,
                campaign_sha256="c" * 64,
                phase=phase,
                weights={"KHONG_CO": 2},
            )
        # Scored again from the reports themselves, of which there are none here: nobody is
        # eligible, and the official proposal stays as it was.
        whatif = propose(
            session,
            campaign=campaign,
            campaign_sha256="c" * 64,
            phase=phase,
            weights={"HSCV_MANG": 3},
        )
    assert not whatif.result.is_official
    assert whatif.result.parameters["weights"] == {"HSCV_MANG": 3}
    assert whatif.leaving == ["Sở Y tế"]
    assert official.result.is_official
    assert [p.selected for _, p in official.placements] == [True]
