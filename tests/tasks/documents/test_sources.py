"""Which nominations a dossier holds (the review's data contract), its meeting and decision."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlmodel import Session

from models.campaign import Campaign
from models.database import session_scope, upgrade
from models.tables import (
    AwardDecision,
    CouncilMeeting,
    CouncilVote,
    Nomination,
    Nominee,
    PhaseCandidate,
    PhaseResult,
    UnitYearResult,
)
from tasks.documents.sources import Dossier, attachment_key, load_dossier
from tasks.registry.upsert import import_registry
from tests.factories import submission_row
from tests.tasks.documents.samples import campaign as shipped

REGISTRY = Path(__file__).resolve().parents[3] / "models" / "data" / "units-bac-kan.csv"
PHASE = "tong-ket-2025"


@pytest.fixture
def db(database_url: str) -> str:
    upgrade(database_url)
    with session_scope(database_url) as session:
        import_registry(session, path=REGISTRY)
    return database_url


def _nominations(session: Session, states: list[str]) -> list[int]:
    session.add(submission_row("SO-YT", 1, status="valid", counted=True, year=2025))
    session.flush()
    ids = []
    for n, state in enumerate(states, start=1):
        nominee = Nominee(
            kind="tap_the" if n == 1 else "ca_nhan",
            full_name=f"Ứng viên {n}",
            post_then="Chuyên viên",
            unit_then="Sở Y tế",
            post_now="Trưởng phòng",
            unit_now="Sở Y tế",
        )
        session.add(nominee)
        session.flush()
        nomination = Nomination(
            campaign_code="cds-2022-2025",
            phase_code=PHASE,
            submission_id=1,
            proposing_unit_code="SO-YT",
            nominee_id=nominee.id or 0,
            row=n + 1,
            state=state,
            report_file=f"bao-cao-{n}.docx",
            dossier_complete=True,
        )
        session.add(nomination)
        session.flush()
        ids.append(nomination.id or 0)
    for year in (2022, 2023, 2024, 2025):
        session.add(
            UnitYearResult(
                campaign_code="cds-2022-2025",
                year=year,
                unit_code="SO-YT",
                report_status="on_time",
                score=80.0 + year - 2022,
                rank_in_block=1,
                block="Khối các sở, ngành",
                campaign_sha256="c" * 64,
                code_version="t",
            )
        )
    return ids


def _official(session: Session, selected: list[int], digest: str) -> None:
    result = PhaseResult(
        campaign_code="cds-2022-2025",
        phase_code=PHASE,
        result_sha256=digest,
        campaign_sha256="c" * 64,
        code_version="t",
    )
    session.add(result)
    session.flush()
    for rank, nomination in enumerate(selected, start=1):
        session.add(
            PhaseCandidate(
                phase_result_id=result.id or 0,
                nomination_id=nomination,
                kind="ca_nhan",
                eligible=True,
                rank=rank,
                score=90.0,
                selected=True,
                reason="trong chỉ tiêu",
            )
        )


def _load(session: Session, campaign: Campaign) -> Dossier:
    return load_dossier(
        session, campaign=campaign, campaign_sha256="s", phase=campaign.phase(PHASE)
    )


def test_review_states_choose_the_candidates_awarded_the_awardees(db: str) -> None:
    campaign, _ = shipped()
    with session_scope(db) as session:
        ids = _nominations(session, ["proposed", "awarded", "submitted", "rejected", "verified"])
        _official(session, [ids[2]], "a" * 64)
        dossier = _load(session, campaign)
    assert dossier.selection == "nominations"
    chosen = [c.nomination_id for c in dossier.candidates]
    assert chosen == [ids[0], ids[1], ids[4]]  # the collective first
    assert [c.nomination_id for c in dossier.awardees] == [ids[1]]
    assert dossier.phase_result_sha256 == "a" * 64
    assert dossier.meeting is None
    assert dossier.nominated == {"tap_the": 1, "ca_nhan": 4}
    years = dossier.candidates[0].years
    assert [(y.year, y.score, y.rank) for y in years] == [
        (2022, 80.0, 1),
        (2023, 81.0, 1),
        (2024, 82.0, 1),
        (2025, 83.0, 1),
    ]


def test_without_review_states_the_newest_official_selection(db: str) -> None:
    campaign, _ = shipped()
    with session_scope(db) as session:
        ids = _nominations(session, ["submitted", "submitted", "submitted"])
        _official(session, [ids[0]], "a" * 64)
        _official(session, [ids[2], ids[1]], "b" * 64)
        dossier = _load(session, campaign)
    assert dossier.selection == "phase_result"
    assert [c.nomination_id for c in dossier.candidates] == [ids[2], ids[1]]
    assert dossier.phase_result_sha256 == "b" * 64


def test_newest_meeting_votes_and_the_decision(db: str) -> None:
    campaign, _ = shipped()
    with session_scope(db) as session:
        ids = _nominations(session, ["proposed", "proposed"])
        for held, digest in ((date(2025, 12, 1), "o" * 64), (date(2025, 12, 5), "n" * 64)):
            meeting = CouncilMeeting(
                campaign_code="cds-2022-2025",
                phase_code=PHASE,
                held_on=held,
                start_time="08:00",
                end_time="10:15",
                venue="Phòng họp",
                chair_name="Chủ Tọa",
                secretary_name="Thư Ký",
                attendees=[{"name": "A", "post": "Giám đốc"}, {"name": "B", "post": ""}],
                members_total=3,
                recorded_by_name="x",
                recorded_by_role="secretary",
                data_sha256=digest,
            )
            session.add(meeting)
            session.flush()
            for nomination in ids:
                session.add(
                    CouncilVote(
                        meeting_id=meeting.id or 0,
                        nomination_id=nomination,
                        votes_for=2,
                        votes_against=1,
                        accepted=nomination == ids[0],
                        reason="" if nomination == ids[0] else "Chưa đủ tiêu chuẩn",
                    )
                )
        session.add(
            AwardDecision(
                campaign_code="cds-2022-2025",
                phase_code=PHASE,
                number="88/QĐ-UBND",
                signed_on=date(2025, 12, 30),
                signer_name="Nguyễn Văn A",
                signer_title="Chủ tịch",
                recorded_by_name="x",
                recorded_by_role="clerk",
                data_sha256="q" * 64,
            )
        )
        session.flush()
        dossier = _load(session, campaign)
    recorded = dossier.meeting
    assert recorded is not None
    assert recorded.data_sha256 == "n" * 64
    assert recorded.attendees == (("A", "Giám đốc"), ("B", ""))
    assert [(v.nomination_id, v.accepted, v.reason) for v in recorded.votes] == [
        (ids[0], True, ""),
        (ids[1], False, "Chưa đủ tiêu chuẩn"),
    ]
    assert dossier.decision is not None
    assert dossier.decision.number == "88/QĐ-UBND"


def test_attachment_key_beside_the_report() -> None:
    row = submission_row("SO-YT", 1, status="valid", year=2025)
    row.object_key = "cds-2022-2025/2025/so-yt/bc.xlsx"
    assert attachment_key(row, "cds-2022-2025", "a/b.docx") == (
        "cds-2022-2025/2025/so-yt/dinh-kem/b.docx"
    )
    row.object_key = "k1"
    assert (
        attachment_key(row, "cds-2022-2025", "b.docx") == "cds-2022-2025/2025/SO-YT/dinh-kem/b.docx"
    )
