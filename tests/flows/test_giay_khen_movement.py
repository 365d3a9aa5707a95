"""The movement's Bằng khen review excludes whoever got a unit's Giấy khen for the same phase."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from models.database import session_scope
from models.settings import Settings
from models.tables import Nomination, Nominee, Submission
from tasks.campaigns import current_campaign
from tasks.giay_khen.round import decide_round, load_round_file, propose_round
from tasks.review.candidates import gather
from tests.flows.e2e import CODE, YEAR
from tests.flows.test_giay_khen import DECISION, PHASE, round_file


def test_the_movements_review_excludes_a_giay_khen_awardee(env: Settings, tmp_path: Path) -> None:
    """A person given the unit's Giấy khen is not proposed for the Bằng khen of the same phase."""
    with session_scope() as session:
        load_round_file(session, path=round_file(tmp_path))
        propose_round(session, campaign_code=CODE, unit_code="SO-YT", round_code="tong-ket-2025")
        decide_round(
            session,
            campaign_code=CODE,
            unit_code="SO-YT",
            round_code="tong-ket-2025",
            decision=DECISION,
        )
        report = Submission(
            campaign_code=CODE,
            year=YEAR,
            folder_unit_code="SO-YT",
            unit_code="SO-YT",
            bucket=env.inbox_bucket,
            object_key=f"{CODE}/{YEAR}/SO-YT/bao-cao.xlsx",
            version_key="v1",
            etag="e",
            sha256="0" * 64,
            size=1,
            uploaded_at=datetime.now(UTC),
            status="valid",
            is_counted=True,
        )
        session.add(report)
        session.flush()
        nominee = Nominee(
            kind="ca_nhan",
            full_name="Nguyễn  Thị Hoa",  # typed with two spaces: still the same person
            birth_date=date(1985, 3, 8),
            gender="nu",
            unit_then="Sở Y tế",
        )
        session.add(nominee)
        session.flush()
        session.add(
            Nomination(
                campaign_code=CODE,
                phase_code=PHASE,
                submission_id=report.id,
                proposing_unit_code="SO-YT",
                nominee_id=nominee.id or 0,
                row=1,
                initiatives="Bệnh án điện tử liên thông",
                dossier_complete=True,
            )
        )
        session.flush()
        campaign, _ = current_campaign(session, code=CODE)
        (facts,) = gather(session, campaign=campaign, phase=campaign.phase(PHASE))
    assert facts.candidate is not None
    assert not facts.candidate.eligible
    assert any(
        "không khen hai lần cho một thành tích: đã được tặng Giấy khen của Giám đốc Sở Y tế"
        in reason
        for reason in facts.candidate.ineligible_reasons
    )
