"""The dossier benchmark's setting: a private local stack on free ports and its seeded data.

45 awardees by default (20 collectives, 25 persons) over the Bắc Kạn registry, four years of
results, a council meeting with a vote on each; every fifth nominee's unit sends its own DOCX.
"""

from __future__ import annotations

import io
import os
import socket
from datetime import UTC, date, datetime
from pathlib import Path

from docx import Document

from models.settings import Settings

CAMPAIGN = "cds-2022-2025"
PHASE = "tong-ket-2025"
YEARS = (2022, 2023, 2024, 2025)
REGISTRY = Path(__file__).resolve().parents[1] / "models" / "data" / "units-bac-kan.csv"


def _free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_ports(count: int) -> list[int]:
    """Return count free loopback ports whose +10000 twins (SeaweedFS' gRPC) are free too."""
    found: list[int] = []
    candidate = 21000 + os.getpid() % 7000
    while len(found) < count:
        candidate += 7
        if candidate >= 30000:
            candidate = 20000
        if _free(candidate) and _free(candidate + 10000) and candidate not in found:
            found.append(candidate)
    return found


def stack_env(folder: Path, database_url: str | None) -> dict[str, str]:
    """Return the THIDUA_* and PREFECT_* variables of a private stack under folder."""
    s3, master, volume, filer, prefect = free_ports(5)
    return {
        "THIDUA_VAR_DIR": str(folder),
        "THIDUA_S3_ENDPOINT": f"127.0.0.1:{s3}",
        "THIDUA_WEED_MASTER_PORT": str(master),
        "THIDUA_WEED_VOLUME_PORT": str(volume),
        "THIDUA_WEED_FILER_PORT": str(filer),
        "THIDUA_S3_SECRET_KEY": "bench-secret",
        "THIDUA_PREFECT_PORT": str(prefect),
        "PREFECT_API_URL": f"http://127.0.0.1:{prefect}/api",
        "PREFECT_API_AUTH_STRING": "admin:thidua-local-prefect",  # the default auth
        "THIDUA_DATABASE_URL": database_url or f"sqlite:///{folder / 'bench.db'}",
    }


def seed(settings: Settings, collectives: int, persons: int) -> None:
    """Insert results, nominations in review, a council meeting with a vote on each."""
    from sqlmodel import select

    from models.database import session_scope
    from models.tables import (
        CouncilMeeting,
        CouncilVote,
        Nomination,
        Nominee,
        Submission,
        Unit,
        UnitYearResult,
    )
    from tasks.registry.upsert import import_registry
    from tasks.storage import ObjectStore

    store = ObjectStore(settings.as_admin())  # the units write the inbox, not the service
    with session_scope() as session:
        import_registry(session, path=REGISTRY)
        units = [
            u
            for u in session.exec(
                select(Unit).where(Unit.registry_code == "bac-kan").order_by(Unit.code)
            ).all()
            if not u.valid_to
        ]
        submissions = {}
        for unit in units:
            row = Submission(
                campaign_code=CAMPAIGN,
                year=2025,
                folder_unit_code=unit.code,
                unit_code=unit.code,
                bucket=settings.inbox_bucket,
                object_key=f"{CAMPAIGN}/2025/{unit.code}/bc.xlsx",
                version_key="v1",
                etag="e",
                sha256="0" * 64,
                size=1,
                uploaded_at=datetime(2025, 12, 1, tzinfo=UTC),
                status="valid",
                is_counted=True,
            )
            session.add(row)
            session.flush()
            submissions[unit.code] = row.id
            for i, year in enumerate(YEARS):
                session.add(
                    UnitYearResult(
                        campaign_code=CAMPAIGN,
                        year=year,
                        unit_code=unit.code,
                        block=unit.block,
                        report_status="on_time",
                        score=85.0 + i + len(unit.code) % 7,
                        rank_in_block=1 + len(unit.code) % 5,
                        breakdown={
                            "criteria": [
                                {"code": "HSCV_MANG", "status": "met", "value": 1.0, "target": 1.0},
                                {"code": "VBDT", "status": "met", "value": 0.98, "target": 1.0},
                                {
                                    "code": "CSDL_LGSP",
                                    "status": "not_met",
                                    "value": 0.5,
                                    "target": 1.0,
                                },
                            ]
                        },
                        campaign_sha256="c" * 64,
                        code_version="bench",
                    )
                )
        nominations = []
        for n in range(collectives + persons):
            unit = units[n % len(units)]
            person = n >= collectives
            nominee = Nominee(
                kind="ca_nhan" if person else "tap_the",
                full_name=f"Nguyễn Thị Thử Nghiệm {n}" if person else f"Phòng Chuyển đổi số {n}",
                birth_date=date(1980 + n % 20, 1 + n % 12, 1 + n % 28) if person else None,
                gender="nu" if n % 2 else "nam",
                post_then="Chuyên viên" if person else None,
                unit_then=unit.name,
                post_now="Trưởng phòng" if person else None,
                unit_now=unit.name if person else None,
            )
            session.add(nominee)
            session.flush()
            report = f"bao-cao-thanh-tich-{n}.docx"
            nomination = Nomination(
                campaign_code=CAMPAIGN,
                phase_code=PHASE,
                submission_id=submissions[unit.code],
                proposing_unit_code=unit.code,
                nominee_id=nominee.id or 0,
                row=n + 2,
                achievements="Số hóa 100% hồ sơ công việc; Kết nối dữ liệu qua LGSP",
                initiatives="Ứng dụng nhắc việc trên điện thoại",
                report_file=report,
                dossier_complete=True,
                state="proposed",
            )
            session.add(nomination)
            session.flush()
            nominations.append(nomination.id or 0)
            if n % 5 == 0:  # every fifth unit sent its own DOCX
                document = Document()
                document.add_paragraph(f"Báo cáo thành tích của đơn vị số {n}")
                buffer = io.BytesIO()
                document.save(buffer)
                store.put_bytes(
                    settings.inbox_bucket,
                    f"{CAMPAIGN}/2025/{unit.code}/dinh-kem/{report}",
                    buffer.getvalue(),
                )
        meeting = CouncilMeeting(
            campaign_code=CAMPAIGN,
            phase_code=PHASE,
            held_on=date(2025, 12, 5),
            start_time="08:00",
            end_time="11:30",
            venue="Phòng họp Sở Khoa học và Công nghệ",
            chair_name="Hoàng Văn Đức",
            secretary_name="Lê Thị Mai",
            attendees=[{"name": f"Thành viên {i}", "post": "Ủy viên"} for i in range(9)],
            members_total=11,
            recorded_by_name="Lê Thị Mai",
            recorded_by_role="secretary",
            data_sha256="b" * 64,
        )
        session.add(meeting)
        session.flush()
        for nomination_id in nominations:
            session.add(
                CouncilVote(
                    meeting_id=meeting.id or 0,
                    nomination_id=nomination_id,
                    votes_for=8,
                    votes_against=1,
                    accepted=True,
                )
            )
