"""Benchmark the final review's dossier: 45 awardees (20 collectives, 25 persons); documents/s.

Usage: .venv/bin/python bench/documents.py [--collectives 20] [--persons 25] [--pdf]

Starts its own SeaweedFS and Prefect server (the local stack) in a temporary folder and seeds a
temporary SQLite database (or --database-url) with the registry, four years of results, the
nominations, the council's meeting and its votes. Times the rendering alone (one process, then a
process pool), the whole dossier without Prefect (render, merge, manifest, ZIP, store, record),
and the build-dossier flow; with --pdf also LibreOffice's conversion of every document.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from docx import Document  # noqa: E402

from deploy.local_stack import LocalStack  # noqa: E402
from models.settings import Settings, get_settings  # noqa: E402

CAMPAIGN = "cds-2022-2025"
PHASE = "tong-ket-2025"
YEARS = (2022, 2023, 2024, 2025)
REGISTRY = Path(__file__).resolve().parents[1] / "models" / "data" / "units-bac-kan.csv"


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

    store = ObjectStore(settings)
    with session_scope() as session:
        import_registry(session, path=REGISTRY)
        units = [u for u in session.exec(select(Unit).order_by(Unit.code)).all() if not u.valid_to]
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


def main() -> None:
    """Start the stack, seed, then time rendering, the whole dossier and the flow."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--collectives", type=int, default=20)
    parser.add_argument("--persons", type=int, default=25)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--pdf", action="store_true", help="also time LibreOffice's conversion")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="thidua-bench-documents-"))
    os.environ.update(
        {
            "THIDUA_VAR_DIR": str(folder),
            "THIDUA_S3_ENDPOINT": "127.0.0.1:18833",
            "THIDUA_WEED_MASTER_PORT": "19833",
            "THIDUA_WEED_VOLUME_PORT": "18881",
            "THIDUA_WEED_FILER_PORT": "18888",
            "THIDUA_S3_SECRET_KEY": "bench-secret",
            "THIDUA_PREFECT_PORT": "14833",
            "PREFECT_API_URL": "http://127.0.0.1:14833/api",
            "PREFECT_API_AUTH_STRING": "admin:thidua-local-prefect",  # the default auth
            "THIDUA_DATABASE_URL": args.database_url or f"sqlite:///{folder / 'bench.db'}",
        }
    )
    get_settings.cache_clear()
    settings = get_settings()
    stack = LocalStack(settings)
    stack.up(only=["seaweedfs", "prefect"])  # no worker: scheduled runs would interfere
    try:
        run(settings, args.collectives, args.persons, folder, pdf=args.pdf)
    finally:
        stack.down(grace_seconds=2)


def run(settings: Settings, collectives: int, persons: int, folder: Path, *, pdf: bool) -> None:
    """Seed, then time each stage and print documents per second."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from flows.build_dossier import build_dossier
    from models.database import session_scope, upgrade
    from models.version import code_version
    from tasks.campaigns import current_campaign
    from tasks.documents.dossier import render_dossier
    from tasks.documents.publish import build_phase_dossier, dossier_of
    from tasks.storage import ObjectStore

    upgrade()
    store = ObjectStore(settings)
    ObjectStore(settings.as_admin()).ensure_buckets()
    seed(settings, collectives, persons)
    with session_scope() as session:
        campaign, sha = current_campaign(session, code=CAMPAIGN)
        dossier = dossier_of(
            session, campaign=campaign, campaign_sha256=sha, phase_code=PHASE, store=store
        )
    timings = {}
    for workers in (1, 2):
        started = time.perf_counter()
        rendered = render_dossier(dossier, store=store, workers=workers)
        timings[workers] = time.perf_counter() - started
    generated = sum(f.source == "generated" for f in rendered.files)
    documents = len(rendered.files)
    started = time.perf_counter()
    with session_scope() as session:
        result = build_phase_dossier(
            session,
            campaign_code=CAMPAIGN,
            phase_code=PHASE,
            store=store,
            output_bucket=settings.output_bucket,
            code_version=code_version(),
        )
    whole = time.perf_counter() - started
    started = time.perf_counter()
    # Prefect read its settings when deploy/ imported it: point it at the stack's server now.
    with temporary_settings(updates={PREFECT_API_URL: settings.prefect_api_url}):
        flowed = build_dossier(campaign=CAMPAIGN, phase=PHASE)
    flow_seconds = time.perf_counter() - started
    assert flowed["manifest_sha256"] == result["manifest_sha256"]  # same inputs, same manifest
    print(
        f"awardees: {collectives} collectives + {persons} persons; documents: {documents} "
        f"({generated} rendered from templates, {documents - generated} units' own DOCX); "
        f"stored files with merged DOCX, manifest and ZIP: {len(result['files'])}"
    )
    for workers, seconds in timings.items():
        print(
            f"render, {workers} process{'es' if workers > 1 else ''}: {seconds:.2f} s "
            f"({generated / seconds:.1f} documents/s)"
        )
    print(
        f"whole dossier without Prefect (render, merge, manifest, ZIP, store, record): "
        f"{whole:.2f} s ({documents / whole:.1f} documents/s)"
    )
    print(
        f"flow build-dossier (same manifest, nothing rewritten): {flow_seconds:.2f} s "
        f"({documents / flow_seconds:.1f} documents/s)"
    )
    if pdf:
        soffice = shutil.which("soffice")
        if soffice is None:
            print("LibreOffice (soffice) not installed: no PDF timing")
            return
        out = folder / "docx"
        out.mkdir()
        for item in rendered.files:
            (out / item.name.replace("/", "-")).write_bytes(item.data)
        started = time.perf_counter()
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{folder / 'lo-profile'}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(folder / "pdf"),
                *sorted(str(p) for p in out.iterdir()),
            ],
            check=True,
            capture_output=True,
        )
        seconds = time.perf_counter() - started
        print(
            f"LibreOffice to PDF, one call: {seconds:.1f} s ({documents / seconds:.1f} documents/s)"
        )


if __name__ == "__main__":
    main()
