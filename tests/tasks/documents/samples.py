"""Sample dossiers built in code: the shipped campaign's phases, candidates, votes, a decision."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from models.campaign import Campaign, load_campaign, shipped_campaign_path
from tasks.documents.sources import (
    CandidateRecord,
    DecisionRecord,
    Dossier,
    MeetingRecord,
    VoteRecord,
    YearResult,
)

HOSTILE = "A & B <c> \"q\" 'x' \x07 \x1f"
HOSTILE_CLEAN = "A & B <c> \"q\" 'x'"  # the control characters dropped, spaces collapsed
NFD_NAME = "Nguye\u0302\u0303n Thi\u0323 Hoa"  # "Nguyễn Thị Hoa" decomposed
LONG_NAME = ("Trung tâm Công nghệ thông tin và Truyền thông " * 14)[:600]


def campaign() -> tuple[Campaign, str]:
    """Return the shipped campaign and its hash."""
    return load_campaign(shipped_campaign_path("cds-2022-2025"))


def years(phase_years: list[int], *, base: float = 90.0) -> tuple[YearResult, ...]:
    """Return one scored, on-time year per phase year, with two criteria."""
    return tuple(
        YearResult(
            year=year,
            status="on_time",
            score=base + i,
            rank=1 + i,
            block="Khối các cơ quan Đảng, đoàn thể",
            criteria=(
                {"code": "HSCV_MANG", "status": "met", "value": 0.95 + i / 100, "target": 1.0},
                {"code": "VBDT", "status": "not_met", "value": 0.8, "target": 1.0},
            ),
        )
        for i, year in enumerate(phase_years)
    )


def candidate(
    n: int, *, kind: str = "ca_nhan", name: str | None = None, phase_years: list[int]
) -> CandidateRecord:
    """Return candidate n: a collective or a person of Sở Y tế, with achievements."""
    person = kind == "ca_nhan"
    return CandidateRecord(
        nomination_id=n,
        kind=kind,
        full_name=name or (f"Nguyễn Văn Thử {n}" if person else f"Phòng Chuyển đổi số {n}"),
        state="proposed",
        proposing_unit_code="SO-YT",
        proposing_unit_name="Sở Y tế",
        scored_unit_name="Sở Y tế",
        block="Khối các sở, ngành",
        birth_date=date(1985, 3, 8) if person else None,
        gender="nu" if n % 2 else "nam",
        women_share=None if person else 0.75,
        post_then="Trưởng phòng" if person else None,
        unit_then="Phòng Công nghệ thông tin, Sở Y tế" if person else "Sở Y tế",
        post_now="Phó Giám đốc" if person else None,
        unit_now="Sở Y tế" if person else None,
        achievements="Triển khai bệnh án điện tử; Số hóa 100% hồ sơ",
        initiatives="Hệ thống nhắc lịch tiêm chủng",
        rank=n,
        total_score=95.5,
        years=years(phase_years),
    )


def meeting(candidates: tuple[CandidateRecord, ...]) -> MeetingRecord:
    """Return a council meeting voting on every candidate."""
    return MeetingRecord(
        held_on=date(2025, 12, 5),
        start_time="08:00",
        end_time="11:30",
        venue="Phòng họp số 1, Sở Khoa học và Công nghệ",
        chair_name="Hoàng Văn Đức",
        chair_post="Giám đốc Sở Khoa học và Công nghệ",
        secretary_name="Lê Thị Mai",
        secretary_post="Chuyên viên",
        attendees=(
            ("Hoàng Văn Đức", "Giám đốc"),
            ("Lê Thị Mai", "Chuyên viên"),
            ("Nông Văn Sơn", "Phó Giám đốc Sở Nội vụ"),
        ),
        members_total=5,
        data_sha256="m" * 64,
        votes=tuple(
            VoteRecord(
                nomination_id=c.nomination_id,
                kind=c.kind,
                name=c.full_name,
                unit_name=c.proposing_unit_name,
                post_then=c.post_then,
                unit_then=c.unit_then,
                votes_for=3,
                votes_against=0,
                votes_abstain=0,
                accepted=True,
                reason="",
            )
            for c in candidates
        ),
    )


def dossier(
    phase_code: str = "tong-ket-2025",
    *,
    collectives: int = 1,
    persons: int = 2,
    with_meeting: bool = True,
    decided: bool = False,
    names: dict[int, str] | None = None,
) -> Dossier:
    """Return a dossier of the shipped campaign's phase with that many candidates."""
    shipped, sha = campaign()
    phase = shipped.phase(phase_code)
    names = names or {}
    candidates = tuple(
        candidate(n, kind="tap_the", name=names.get(n), phase_years=phase.years)
        for n in range(1, collectives + 1)
    ) + tuple(
        candidate(n, name=names.get(n), phase_years=phase.years)
        for n in range(collectives + 1, collectives + persons + 1)
    )
    return Dossier(
        campaign=shipped,
        campaign_sha256=sha,
        phase=phase,
        candidates=candidates,
        awardees=candidates,
        selection="nominations",
        phase_result_sha256="r" * 64,
        nominated={"tap_the": collectives + 2, "ca_nhan": persons + 3},
        eligible={"tap_the": collectives + 1, "ca_nhan": persons + 1},
        meeting=meeting(candidates) if with_meeting else None,
        decision=DecisionRecord(
            "1234/QĐ-UBND", date(2025, 12, 29), "Nguyễn Văn Chủ", "Phó Chủ tịch", "d" * 64
        )
        if decided
        else None,
    )


def with_name(record: CandidateRecord, name: str) -> CandidateRecord:
    """Return the candidate renamed."""
    return replace(record, full_name=name)
