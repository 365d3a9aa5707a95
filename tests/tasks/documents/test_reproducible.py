"""The same records, inserted in another order into a fresh database, give the same bytes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlmodel import Session

from models.database import session_scope, upgrade
from models.tables import (
    CouncilMeeting,
    CouncilVote,
    Nomination,
    Nominee,
    PhaseCandidate,
    PhaseResult,
    UnitYearResult,
)
from tasks.documents.dossier import assemble, render_dossier
from tasks.documents.sources import load_dossier
from tasks.registry.upsert import import_registry
from tests.factories import submission_row
from tests.tasks.documents.samples import campaign as shipped

REGISTRY = Path(__file__).resolve().parents[3] / "models" / "data" / "units-bac-kan.csv"
PHASE = "tong-ket-2025"
PEOPLE = [  # (kind, name, proposing unit, rank, accepted)
    ("tap_the", "Văn phòng, UBND xã Chợ Rã", "XM-CHORA", 1, True),
    ("tap_the", "Sở Y tế", "SO-YT", 2, True),
    ("ca_nhan", "Nông Thị Hoa", "SO-YT", 1, True),
    ("ca_nhan", "Hà Văn Long", "XM-CHORA", 2, True),
    ("ca_nhan", "Lý Văn Hùng", "SO-YT", None, False),
]


def _fill(session: Session, order: list[int]) -> None:
    session.add(submission_row("SO-YT", 1, status="valid", counted=True, year=2025))
    session.flush()
    result = PhaseResult(
        campaign_code="cds-2022-2025",
        phase_code=PHASE,
        result_sha256="r" * 64,
        campaign_sha256="c" * 64,
        code_version="t",
    )
    session.add(result)
    meeting = CouncilMeeting(
        campaign_code="cds-2022-2025",
        phase_code=PHASE,
        held_on=date(2025, 12, 19),
        start_time="08:00",
        end_time="10:30",
        venue="Phòng họp Sở Khoa học và Công nghệ",
        chair_name="Hoàng Văn Thành",
        secretary_name="Lục Minh Toàn",
        attendees=[{"name": "Hoàng Văn Thành", "post": "Giám đốc Sở"}],
        members_total=9,
        recorded_by_name="x",
        recorded_by_role="secretary",
        data_sha256="m" * 64,
    )
    session.add(meeting)
    session.flush()
    for i in order:
        kind, name, unit, rank, accepted = PEOPLE[i]
        nominee = Nominee(
            kind=kind,
            full_name=name,
            post_then="Chuyên viên Văn phòng" if kind == "ca_nhan" else None,
            unit_then="UBND thị trấn Chợ Rã" if unit == "XM-CHORA" else "Sở Y tế",
        )
        session.add(nominee)
        session.flush()
        nomination = Nomination(
            campaign_code="cds-2022-2025",
            phase_code=PHASE,
            submission_id=1,
            proposing_unit_code=unit,
            nominee_id=nominee.id or 0,
            row=i + 2,
            state="proposed" if accepted else "rejected",
            achievements="Số hóa 100% hồ sơ lưu trữ",
            dossier_complete=True,
        )
        session.add(nomination)
        session.flush()
        session.add(
            PhaseCandidate(
                phase_result_id=result.id or 0,
                nomination_id=nomination.id or 0,
                kind=kind,
                eligible=rank is not None,
                rank=rank,
                score=90.0 - (rank or 9),
                selected=accepted,
                reason="",
            )
        )
        session.add(
            CouncilVote(
                meeting_id=meeting.id or 0,
                nomination_id=nomination.id or 0,
                votes_for=7 if accepted else 0,
                votes_against=0 if accepted else 7,
                accepted=accepted,
                reason="" if accepted else "Ngoài chỉ tiêu khen thưởng của đợt",
            )
        )
    for year in (2022, 2023, 2024, 2025):
        for code in ("SO-YT", "X-CHORA" if year < 2025 else "XM-CHORA"):
            session.add(
                UnitYearResult(
                    campaign_code="cds-2022-2025",
                    year=year,
                    unit_code=code,
                    report_status="on_time",
                    score=80.25 + year - 2022,
                    rank_in_block=1,
                    block="Khối văn hóa - xã hội",
                    campaign_sha256="c" * 64,
                    code_version="t",
                )
            )


def _bundle(url: str, order: list[int]) -> dict[str, bytes]:
    upgrade(url)
    campaign, _ = shipped()
    with session_scope(url) as session:
        import_registry(session, path=REGISTRY)
        _fill(session, order)
    with session_scope(url) as session:
        dossier = load_dossier(
            session, campaign=campaign, campaign_sha256="s", phase=campaign.phase(PHASE)
        )
    bundle = assemble(render_dossier(dossier, workers=1), code_version="v1")
    return {item.name: item.data for item in bundle.files}


def test_another_insertion_order_gives_byte_identical_documents(tmp_path: Path) -> None:
    first = _bundle(f"sqlite:///{tmp_path / 'a.db'}", [0, 1, 2, 3, 4])
    second = _bundle(f"sqlite:///{tmp_path / 'b.db'}", [4, 3, 2, 1, 0])
    assert sorted(first) == sorted(second)
    for name in first:
        assert first[name] == second[name], name
    assert b"nomination_id" not in first["manifest.json"]  # database ids never in the manifest


def test_names_as_of_the_date_and_no_artefact(tmp_path: Path) -> None:
    from tests.tasks.documents.artefacts import problems
    from tests.tasks.documents.reading import open_docx, texts

    files = _bundle(f"sqlite:///{tmp_path / 'a.db'}", [0, 1, 2, 3, 4])
    for name, data in files.items():
        if name.endswith(".docx"):
            assert problems(data) == [], name
    decision = open_docx(files["04-du-thao-quyet-dinh.docx"])
    persons = [t for t in decision.tables if t.rows[0].cells[0].text == "STT"][-1]
    long_row = next(r for r in persons.rows if r.cells[1].text == "Hà Văn Long")
    assert long_row.cells[2].text == "Chuyên viên Văn phòng, UBND thị trấn Chợ Rã"
    assert long_row.cells[3].text == "Chuyên viên Văn phòng, UBND xã Chợ Rã"
    minutes = texts(open_docx(files["02-bien-ban.docx"]))
    assert "- Lý Văn Hùng (Sở Y tế): Ngoài chỉ tiêu khen thưởng của đợt." in minutes
    assert any(line.startswith("Vắng mặt 8 thành viên") for line in minutes)
