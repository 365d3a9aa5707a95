"""collect-reports end to end: real SeaweedFS, real database, real Prefect (test harness)."""

from __future__ import annotations

import json

from sqlmodel import select

from flows.collect_reports import collect_reports
from models.database import session_scope
from models.settings import Settings
from models.tables import Finding, Nomination, Submission
from tasks.ingest.feedback import feedback_prefix, subject_of
from tasks.storage import ObjectStore
from tests.factories import NOMINATIONS
from tests.flows.e2e import CODE, YEAR, artifacts, good, upload


def test_collect_validates_archives_answers_and_reruns_idempotently(env: Settings) -> None:
    store = ObjectStore(env)
    upload(store, env, "SO-YT", "bao-cao.xlsx", good("SO-YT"))
    upload(
        store,
        env,
        "SO-YT",
        "bao-cao.xlsx",
        good(
            "SO-YT",
            values={
                "NV_DUNG_HAN": (40, 40),
                "BC_DUNG_HAN": (12, 12),
                "HSCV_MANG": (1200, 1200),
                "VBDT": (3400, 3400),
            },
        ),
    )  # a corrected re-upload: the newest counts
    upload(
        store,
        env,
        "SO-TP",
        "bc.xlsx",
        good(
            "SO-TP",
            values={
                "NV_DUNG_HAN": (10, 12),
                "BC_DUNG_HAN": (4, 4),
                "HSCV_MANG": (100, 90),
                "VBDT": (50, 50),
            },
        ),
    )
    upload(store, env, "SO-CT", "bao-cao.xlsx", b"%PDF-1.4 a scanned report")
    upload(store, env, "SO-TC", "bao-cao.xlsx", good("SO-XD"))  # under another unit's folder
    upload(
        store,
        env,
        "X-DUCXUAN",
        "a.xlsx",
        good("X-DUCXUAN", values={"HSCV_MANG": (300, 250), "VBDT": (500, 500)}),
    )
    upload(
        store,
        env,
        "X-DUCXUAN",
        "b.xlsx",
        good("X-DUCXUAN", values={"HSCV_MANG": (300, 260), "VBDT": (500, 500)}),
    )
    upload(store, env, "SO-NV", "bao-cao.xlsx", good("SO-NV", nominations=NOMINATIONS))
    for name in (
        "to-trinh.pdf",
        "bao-cao-thanh-tich-phong-cntt.docx",
        "bao-cao-thanh-tich-nguyen-thi-hoa.docx",
    ):
        upload(store, env, "SO-NV", f"dinh-kem/{name}", b"%PDF attachment")
    upload(store, env, "SO-YT", "bao-cao.xlsx", good("SO-YT", year=YEAR - 1), year=YEAR - 1)
    store.put_bytes(env.inbox_bucket, f"{CODE}/{YEAR}/readme.txt", b"not a unit folder")
    inbox_before = sorted(
        (v.key, v.version_id, v.etag) for v in store.list_versions(env.inbox_bucket, "")
    )

    summary = collect_reports(campaign=CODE, year=YEAR, batch_size=3)
    assert summary["processed"] == 8
    with session_scope() as session:
        rows = session.exec(
            select(Submission).where(Submission.year == YEAR).order_by(Submission.id)
        ).all()
        by_unit: dict[str, list[Submission]] = {}
        for row in rows:
            by_unit.setdefault(row.folder_unit_code, []).append(row)
        assert [r.status for r in by_unit["SO-YT"]] == ["valid", "valid"]
        assert [r.is_counted for r in by_unit["SO-YT"]] == [False, True]
        assert [r.status for r in by_unit["SO-TP"]] == ["invalid"]
        assert not by_unit["SO-TP"][0].is_counted
        assert [r.status for r in by_unit["SO-CT"]] == ["unreadable"]
        assert [r.status for r in by_unit["SO-TC"]] == ["invalid"]
        assert all(not r.is_late for r in rows)
        codes = {(f.unit_code, f.code) for f in session.exec(select(Finding)).all()}
        assert ("SO-TP", "RATIO_ABOVE_TOTAL") in codes
        assert ("SO-CT", "NOT_SPREADSHEET") in codes
        assert ("SO-TC", "UNIT_MISMATCH") in codes
        assert ("X-DUCXUAN", "SEVERAL_WORKBOOKS") in codes
        assert ("SO-NV", "DOSSIER_INCOMPLETE") in codes  # no Biên bản yet
        assert [r.is_counted for r in by_unit["X-DUCXUAN"]] == [False, True]
        nominations = session.exec(select(Nomination)).all()
        assert len(nominations) == 2
        assert not any(n.dossier_complete for n in nominations)
        for row in rows:  # every version archived under its SHA-256
            assert row.archive_key == f"sha256/{row.sha256[:2]}/{row.sha256}"
            assert store.sha256(env.archive_bucket, row.archive_key)[0] == row.sha256
            prefix = feedback_prefix(subject_of(row))
            assert prefix.startswith(f"phan-hoi/{CODE}/{YEAR}/{row.folder_unit_code}/")
            feedback = json.loads(store.get_bytes(env.output_bucket, f"{prefix}.json"))
            # A workbook is stored where there are findings; a clean report's is drawn on demand.
            assert store.exists(env.output_bucket, f"{prefix}.xlsx") == bool(feedback["findings"])
            assert feedback["sha256"] == row.sha256
            assert feedback["status"] == row.status
    late = _late_year_rows()
    assert [(r.is_late, r.status, r.is_counted) for r in late] == []  # not collected yet
    assert (
        sorted((v.key, v.version_id, v.etag) for v in store.list_versions(env.inbox_bucket, ""))
        == inbox_before
    )
    completeness = artifacts(f"collect-{CODE}-{YEAR}-completeness")
    assert completeness, "the completeness artifact was not published"
    assert artifacts(f"collect-{CODE}-{YEAR}-submissions")

    outputs_before = sorted(o.key for o in store.list(env.output_bucket))
    again = collect_reports(campaign=CODE, year=YEAR)
    assert again["processed"] == 0
    assert again["counted_changes"] == 0
    assert sorted(o.key for o in store.list(env.output_bucket)) == outputs_before
    with session_scope() as session:
        assert len(session.exec(select(Submission).where(Submission.year == YEAR)).all()) == 8

    upload(store, env, "SO-NV", "dinh-kem/Biên bản họp xét.docx", b"minutes")
    third = collect_reports(campaign=CODE, year=YEAR)
    assert third["rechecked"] == 1
    with session_scope() as session:
        assert all(n.dossier_complete for n in session.exec(select(Nomination)).all())
        so_nv = session.exec(select(Finding).where(Finding.unit_code == "SO-NV")).all()
        assert "DOSSIER_INCOMPLETE" not in {f.code for f in so_nv}

    collect_reports(campaign=CODE, year=YEAR - 1)
    assert [(r.is_late, r.status, r.is_counted) for r in _late_year_rows()] == [
        (True, "valid", True)
    ]


def _late_year_rows() -> list[Submission]:
    with session_scope() as session:
        return list(session.exec(select(Submission).where(Submission.year == YEAR - 1)).all())
