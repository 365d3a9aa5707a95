"""Phase proposals: lineage across mergers, eligibility, quotas, what-ifs and reproducibility."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlmodel import Session, select

from models.campaign import Campaign, load_campaign, shipped_campaign_path
from models.database import session_scope, upgrade
from models.tables import Nomination, Nominee, PhaseResult, UnitYearResult
from tasks.registry.upsert import import_registry
from tasks.review.candidates import unit_years
from tasks.review.proposal import propose
from tasks.review.standing import standing_line, unit_standing
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


def _criteria(met: bool, codes: tuple[str, ...] = ("NV_DUNG_HAN", "HSCV_MANG", "VBDT")) -> dict:
    status = "met" if met else "not_met"
    return {
        "criteria": [
            {"code": code, "status": status, "achievement": 1.0 if met else 0.5} for code in codes
        ]
    }


def _year(
    session: Session,
    unit: str,
    year: int,
    score: float | None,
    status: str = "on_time",
    *,
    met: bool = True,
) -> None:
    session.add(
        UnitYearResult(
            campaign_code="cds-2022-2025",
            year=year,
            unit_code=unit,
            report_status=status,
            score=score,
            breakdown=_criteria(met),
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
    gender: str | None = "nam",
    born: date | None = date(1980, 5, 1),
    initiatives: str | None = "Sáng kiến A",
    complete: bool = True,
    phase: str = "so-ket-2023",
    year: int = 2023,
) -> None:
    submission = submission_row(unit, n, year=year, status="valid", counted=True)
    session.add(submission)
    person = kind == "ca_nhan"
    nominee = Nominee(
        kind=kind,
        full_name=name,
        unit_code=collective_unit,
        gender=gender if person else None,
        birth_date=born if person else None,
    )
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
            initiatives=initiatives if person else None,
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
        # Met none of its criteria, yet scores high on initiatives: never proposed.
        _year(session, "BAO-BK", 2022, 100, met=False)
        _year(session, "BAO-BK", 2023, 100, "late", met=False)
        _nominate(session, 1, "SO-YT", "Sở Y tế", kind="tap_the", collective_unit="SO-YT")
        _nominate(
            session,
            2,
            "SO-GDDT",
            "Sở Giáo dục và Đào tạo",
            kind="tap_the",
            collective_unit="SO-GDDT",
        )
        _nominate(session, 6, "BAO-BK", "Báo Bắc Kạn", kind="tap_the", collective_unit="BAO-BK")
        _nominate(session, 3, "SO-TP", "Trần Thị Mai", gender="nu", initiatives="Một")
        _nominate(session, 4, "SO-XD", "Lê Văn Nam", initiatives="Một; Hai")
        _nominate(session, 5, "SO-CT", "Phạm Văn Hùng", complete=False)
        _nominate(session, 7, "SO-CT", "Hoàng Văn Ba", initiatives=None)
        _nominate(session, 8, "SO-YT", "Nông Thị Lan", gender="nu", initiatives="Một; Hai")
    with session_scope(db) as session:
        official = propose(session, campaign=campaign, campaign_sha256="c" * 64, phase=phase)
        whatif = propose(
            session, campaign=campaign, campaign_sha256="c" * 64, phase=phase, individual_quota=1
        )
    placed = {f.nominee.full_name: p for f, p in official.placements}
    assert (placed["Sở Y tế"].rank, placed["Sở Y tế"].selected) == (1, True)
    assert placed["Sở Y tế"].candidate.total_score == 95
    assert placed["Sở Giáo dục và Đào tạo"].rank is None
    assert "năm 2023: không có báo cáo hợp lệ" in placed["Sở Giáo dục và Đào tạo"].reasons[0]
    assert placed["Báo Bắc Kạn"].rank is None
    assert not placed["Báo Bắc Kạn"].selected
    assert "đạt 0/3 tiêu chí" in placed["Báo Bắc Kạn"].reasons[0]
    # Individuals rank on their own initiatives, never on their unit's score.
    assert placed["Lê Văn Nam"].candidate.total_score is None
    assert [placed[n].rank for n in ("Lê Văn Nam", "Nông Thị Lan", "Trần Thị Mai")] == [1, 1, 3]
    assert "hồ sơ đề nghị chưa đủ" in placed["Phạm Văn Hùng"].reasons[0]
    assert "chưa nêu sáng kiến" in placed["Hoàng Văn Ba"].reasons[0]
    assert official.result.is_official
    assert official.result.registry_sha256
    assert len(official.result.registry_sha256) == 64
    # With one seat, the two tied on initiatives go to the council as a tie; nobody is cut by code.
    assert not whatif.result.is_official
    tied = {f.nominee.full_name for f, p in whatif.placements if p.tied_at_cut}
    assert tied == {"Lê Văn Nam", "Nông Thị Lan"}
    assert not any(p.selected for f, p in whatif.placements if f.nominee.kind == "ca_nhan")
    assert set(whatif.leaving) == {"Trần Thị Mai", "Lê Văn Nam", "Nông Thị Lan"}
    assert whatif.entering == []
    with session_scope(db) as session:
        again = propose(session, campaign=campaign, campaign_sha256="c" * 64, phase=phase)
        assert again.result.result_sha256 == official.result.result_sha256
        assert len(session.exec(select(PhaseResult)).all()) == 2  # the rerun stored nothing new


def test_one_person_nominated_by_two_units_is_reported_not_ranked(
    db: str, campaign: Campaign
) -> None:
    phase = campaign.phase("so-ket-2023")
    with session_scope(db) as session:
        for unit in ("SO-TP", "SO-XD"):
            _year(session, unit, 2022, 90)
            _year(session, unit, 2023, 90)
        _nominate(session, 1, "SO-TP", "Trần Thị Mai", gender="nu", born=date(1985, 3, 2))
        _nominate(session, 2, "SO-XD", "TRẦN THỊ  MAI", gender="nu", born=date(1985, 3, 2))
        _nominate(session, 3, "SO-XD", "Trần Thị Mai", gender="nu", born=date(1990, 1, 1))
    with session_scope(db) as session:
        proposal = propose(
            session, campaign=campaign, campaign_sha256="c" * 64, phase=phase, individual_quota=5
        )
    doubled = [(f, p) for f, p in proposal.placements if f.nominee.birth_date == date(1985, 3, 2)]
    assert [p.rank for _, p in doubled] == [None, None]
    for facts, placement in doubled:
        text = " ".join(placement.reasons + facts.notes)
        assert "SO-TP" in text
        assert "SO-XD" in text
    other = next(p for f, p in proposal.placements if f.nominee.birth_date == date(1990, 1, 1))
    assert (other.rank, other.selected) == (1, True)


def test_merged_unit_counts_its_predecessors_years(db: str, campaign: Campaign) -> None:
    final = campaign.phase("tong-ket-2025")
    with session_scope(db) as session:
        for year in (2022, 2023, 2024):
            _year(session, "SO-NNPTNT", year, 80)
            _year(session, "SO-TNMT", year, 60, status="late")
        _year(session, "SO-NNMT", 2025, 90)
    with session_scope(db) as session:
        years = unit_years(session, campaign=campaign, phase=final, code="SO-NNMT")
    assert {y.year: y.score for y in years} == {2022: 70.0, 2023: 70.0, 2024: 70.0, 2025: 90}
    assert sum(y.on_time for y in years) == 1  # a predecessor reported late in 2022-2024
    assert [s.unit_code for s in years[0].used] == ["SO-NNPTNT", "SO-TNMT"]
    assert "SO-NNPTNT (80" in years[0].note
    assert "SO-TNMT (60" in years[0].note


def test_dissolved_district_is_shown_for_the_council(db: str, campaign: Campaign) -> None:
    final = campaign.phase("tong-ket-2025")
    with session_scope(db) as session:
        for year in (2022, 2023, 2024):
            _year(session, "H-BABE", year, 85)
        _nominate(
            session,
            1,
            "H-BABE",
            "UBND huyện Ba Bể",
            kind="tap_the",
            collective_unit="H-BABE",
            phase="tong-ket-2025",
            year=2025,
        )
    with session_scope(db) as session:
        years = unit_years(session, campaign=campaign, phase=final, code="H-BABE")
        proposal = propose(session, campaign=campaign, campaign_sha256="c" * 64, phase=final)
    assert years[-1].score is None
    facts, placement = proposal.placements[0]
    assert any("đã chấm dứt hoạt động từ 30/06/2025" in note for note in facts.notes)
    assert "năm 2025: không có báo cáo hợp lệ" in placement.reasons[0]


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


def test_a_units_standing_says_what_its_nominations_amount_to(db: str, campaign: Campaign) -> None:
    phase = campaign.phase("so-ket-2023")
    with session_scope(db) as session:
        _year(session, "SO-CT", 2022, 90)
        _year(session, "SO-CT", 2023, 90)
        _nominate(session, 1, "SO-CT", "Phạm Văn Hùng", complete=False)
        _nominate(session, 2, "SO-CT", "Hoàng Văn Ba", initiatives=None)
        _nominate(session, 3, "SO-CT", "Lò Thị Lan", gender="nu")
        _nominate(session, 4, "SO-TP", "Trần Thị Mai", gender="nu")
    with session_scope(db) as session:
        standings = unit_standing(session, campaign=campaign, phase=phase, unit_code="SO-CT")
    assert [(s.name, s.complete, s.eligible) for s in standings] == [
        ("Phạm Văn Hùng", False, False),
        ("Hoàng Văn Ba", True, False),
        ("Lò Thị Lan", True, True),
    ]
    line = standing_line(standings)
    assert line.startswith("Đề nghị khen thưởng: 1/3 đủ điều kiện; hồ sơ đề nghị chưa đủ")
    assert "Phạm Văn Hùng" in line
    assert "Hoàng Văn Ba (chưa nêu sáng kiến" in line
