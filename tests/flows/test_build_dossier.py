"""build-dossier end to end: collected nominations, a proposal, the council's votes, the dossier."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date
from pathlib import Path

from docx import Document
from sqlmodel import col, select
from typer.testing import CliRunner

from cli.main import app
from flows.aggregate_year import aggregate_year
from flows.build_dossier import build_dossier
from flows.collect_reports import collect_reports
from flows.review_phase import review_phase
from models.database import session_scope
from models.settings import Settings
from models.tables import CouncilMeeting, CouncilVote, GeneratedDocument, Nomination
from tasks.documents.yearly import report_key
from tasks.storage import ObjectStore
from tests.flows.e2e import CODE, YEAR, artifacts, good, upload
from tests.flows.review_cycle import own_nominations
from tests.tasks.documents.reading import open_docx, texts
from tests.tasks.documents.unit_reports import in_form, with_active_content

FULL = {"NV_DUNG_HAN": (10, 10), "BC_DUNG_HAN": (4, 4), "HSCV_MANG": (100, 100), "VBDT": (50, 50)}
OWN_REPORT = "bao-cao-thanh-tich-phong-cntt.docx"


def unit_docx(text: str) -> bytes:
    document = Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def stored_manifest(store: ObjectStore, env: Settings, result: dict[str, object]) -> dict:
    return json.loads(store.get_bytes(env.output_bucket, str(result["manifest_key"])))


def check_manifest_matches_storage(store: ObjectStore, env: Settings, result: dict) -> dict:
    manifest = stored_manifest(store, env, result)
    for entry in manifest["files"]:
        assert store.sha256(env.output_bucket, entry["key"]) == (entry["sha256"], entry["size"])
    archive = zipfile.ZipFile(io.BytesIO(store.get_bytes(env.output_bucket, result["zip_key"])))
    assert json.loads(archive.read("manifest.json")) == manifest
    for entry in manifest["files"]:
        assert archive.read(entry["name"]) == store.get_bytes(env.output_bucket, entry["key"])
    listed = {info.key for info in store.list(env.output_bucket, result["prefix"])}
    assert listed == {e["key"] for e in manifest["files"]} | {
        result["manifest_key"],
        result["zip_key"],
    }
    with session_scope() as session:
        rows = session.exec(
            select(GeneratedDocument).where(GeneratedDocument.phase_code == result["phase"])
        ).all()
    recorded = {(row.object_key, row.sha256) for row in rows}
    assert {(f["key"], f["sha256"]) for f in result["files"]} <= recorded
    return manifest


def test_build_dossier_from_the_review_records(env: Settings, tmp_path: Path) -> None:
    store = ObjectStore(env)
    own = in_form("Sở Y tế")
    for unit in ("SO-YT", "SO-TP"):
        upload(store, env, unit, "bc.xlsx", good(unit, year=YEAR - 1, values=FULL), year=YEAR - 1)
        nominations = own_nominations(unit)  # one person, one nomination a phase
        upload(store, env, unit, "bc.xlsx", good(unit, values=FULL, nominations=nominations))
        upload(store, env, unit, "dinh-kem/to-trinh.pdf", b"%PDF")
        upload(store, env, unit, "dinh-kem/bien-ban.pdf", b"%PDF")
        upload(store, env, unit, f"dinh-kem/{OWN_REPORT}", own if unit == "SO-YT" else b"PK?")
        upload(store, env, unit, "dinh-kem/bao-cao-thanh-tich-nguyen-thi-hoa.docx", b"%PDF")
    for year in (YEAR - 1, YEAR):
        collect_reports(campaign=CODE, year=year)
        aggregate_year(campaign=CODE, year=year)
    yearly = store.get_bytes(env.output_bucket, report_key(CODE, YEAR))
    assert "Kết quả Phong trào thi đua" in "\n".join(texts(open_docx(yearly)))
    phase = f"tong-ket-{YEAR}"
    review_phase(campaign=CODE, phase=phase)

    # No nomination moved in the review yet: the official selection; no meeting, no minutes.
    first = build_dossier(campaign=CODE, phase=phase)
    assert first["selection"] == "phase_result"
    assert [o["document"] for o in first["omitted"]] == ["02-bien-ban.docx"]
    assert first["decision"] == "draft"
    manifest = check_manifest_matches_storage(store, env, first)
    reports = list(first["candidates"])  # the manifest names them by business keys only
    assert all("nomination_id" not in c for c in manifest["candidates"])
    assert len(reports) == 4
    assert sorted(c["achievement_report"] for c in reports) == [
        "generated",
        "generated",
        "generated",
        "unit_file",
    ]
    mine = next(c for c in reports if c["achievement_report"] == "unit_file")
    assert store.get_bytes(env.output_bucket, f"{first['prefix']}{mine['file']}") == own
    # The unit's file is kept in the write-once archive, and the manifest says where.
    (entry,) = [e for e in manifest["files"] if e["source"] == "unit_file"]
    assert entry["archive_key"] == f"sha256/{entry['sha256'][:2]}/{entry['sha256']}"
    assert store.get_bytes(env.archive_bucket, entry["archive_key"]) == own
    merged = texts(open_docx(store.get_bytes(env.output_bucket, first["merged_key"])))
    assert "Báo cáo thành tích do Sở Y tế tự lập" in merged
    assert merged.count("TỜ TRÌNH") == 1
    assert artifacts(f"dossier-{CODE}-{phase}")

    # The unit replaces its file with one carrying active content: the pinned copy stays.
    upload(store, env, "SO-YT", f"dinh-kem/{OWN_REPORT}", with_active_content(own))
    again = build_dossier(campaign=CODE, phase=phase)
    assert again["manifest_sha256"] == first["manifest_sha256"]
    assert again["files"] == first["files"]
    versions: dict[str, int] = {}
    for info in store.list_versions(env.output_bucket, first["prefix"]):
        if not info.is_delete_marker:
            versions[info.key] = versions.get(info.key, 0) + 1
    assert versions == {f["key"]: 1 for f in first["files"]}  # nothing written again
    with session_scope() as session:
        rows = session.exec(select(GeneratedDocument)).all()
    assert len(rows) == len({(r.object_key, r.sha256) for r in rows})  # no duplicates

    # The council met and voted; three nominations go on.
    with session_scope() as session:
        nominations = session.exec(
            select(Nomination)
            .where(
                Nomination.phase_code == phase,
                col(Nomination.id).in_([c["nomination_id"] for c in reports]),
            )
            .order_by(col(Nomination.id))
        ).all()
        meeting = CouncilMeeting(
            campaign_code=CODE,
            phase_code=phase,
            held_on=date(YEAR, 12, 5),
            start_time="08:00",
            end_time="11:30",
            venue="Phòng họp Sở Khoa học và Công nghệ",
            chair_name="Hoàng Văn Đức",
            secretary_name="Lê Thị Mai",
            attendees=[{"name": "Hoàng Văn Đức", "post": "Giám đốc"}],
            members_total=5,
            recorded_by_name="Lê Thị Mai",
            recorded_by_role="secretary",
            data_sha256="9" * 64,
        )
        session.add(meeting)
        session.flush()
        for i, nomination in enumerate(nominations):
            session.add(
                CouncilVote(
                    meeting_id=meeting.id or 0,
                    nomination_id=nomination.id or 0,
                    votes_for=4 if i else 1,
                    votes_against=0 if i else 3,
                    accepted=bool(i),
                )
            )
            nomination.state = "proposed" if i else "rejected"
            session.add(nomination)
    third = build_dossier(campaign=CODE, phase=phase)
    assert third["selection"] == "nominations"
    assert not third["omitted"]
    assert len(third["candidates"]) == 3
    assert third["removed"]  # the fourth report of the first build is gone
    manifest = check_manifest_matches_storage(store, env, third)
    assert manifest["sources"]["council_meeting_sha256"] == "9" * 64
    minutes = store.get_bytes(env.output_bucket, f"{third['prefix']}02-bien-ban.docx")
    assert f"Cuộc họp kết thúc vào hồi 11 giờ 30, ngày 05 tháng 12 năm {YEAR}./." in texts(
        open_docx(minutes)
    )

    # The operator's command builds the same dossier and copies it out.
    out = tmp_path / "ho-so"
    command = CliRunner().invoke(
        app, ["dossier", "build", "--campaign", CODE, "--phase", phase, "--out", str(out)]
    )
    assert command.exit_code == 0, command.output
    assert f"Đã lập hồ sơ {phase}: {len(third['files'])} tệp" in command.output
    copied = {path.name for path in out.iterdir()}
    assert {"01-to-trinh.docx", "02-bien-ban.docx", "manifest.json"} <= copied
    assert (out / "manifest.json").read_bytes() == store.get_bytes(
        env.output_bucket, third["manifest_key"]
    )
