"""Fault tests' helpers: a hostile inbox, a second output set, and a snapshot to compare runs."""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import make_url
from sqlmodel import select

from models.database import session_scope, upgrade
from models.settings import Settings, get_settings
from models.tables import Finding, IndicatorValue, Nomination, Nominee, Submission
from tasks.aggregate.steps import evaluate_and_store
from tasks.campaigns import load_campaign_file
from tasks.registry.upsert import import_registry
from tasks.review.steps import propose_phase
from tasks.storage import ObjectStore
from tests.conftest import empty_database
from tests.factories import NOMINATIONS
from tests.flows.e2e import CODE, REGISTRY, YEAR, campaign_file, good, upload

POISON_NAME = "Phòng Công_x0007_ nghệ thông tin"


def hostile_inbox(store: ObjectStore, settings: Settings) -> None:
    """Upload good reports and the worst a person sends: control characters, stray folders…"""
    for unit in ("SO-YT", "SO-TP", "SO-XD", "SO-GTVT"):
        upload(store, settings, unit, "bao-cao.xlsx", good(unit))
    poisoned = [list(row) for row in NOMINATIONS]
    poisoned[0][2] = POISON_NAME
    upload(store, settings, "SO-NV", "bao-cao.xlsx", good("SO-NV", nominations=poisoned))
    upload(store, settings, "SO-NV", "dinh-kem/to-trinh.pdf", b"%PDF minutes")
    upload(store, settings, "SO-TC", "ban-cuoi/bao-cao.xlsx", good("SO-TC"))
    upload(store, settings, "so-ct ", "bao-cao.xlsx", good("SO-CT"))
    upload(store, settings, "SO-VHTTDL", "=1+CMD|' -C CALC'!A0.xlsx", good("SO-VHTTDL"))
    upload(
        store,
        settings,
        "SO-KHCN",
        "bao-cao.xlsx",
        good("SO-KHCN", edit=lambda workbook: workbook.create_sheet("=HYPERLINK(1)")),
    )
    upload(
        store,
        settings,
        "SO-NNPTNT",
        "bao-cao.xlsx",
        good("SO-NNPTNT", values={"KHAC ung dung": (3, 2)}),
    )
    store.put_bytes(settings.inbox_bucket, f"{CODE}/{YEAR}/readme.txt", b"not a unit folder")


def switch_outputs(monkeypatch: pytest.MonkeyPatch, database_url: str, folder: Path) -> Settings:
    """Point the settings at a new database, archive and output bucket; keep the inbox."""
    suffix = uuid.uuid4().hex[:8]
    monkeypatch.setenv("THIDUA_DATABASE_URL", database_url)
    monkeypatch.setenv("THIDUA_ARCHIVE_BUCKET", f"archive-{suffix}")
    monkeypatch.setenv("THIDUA_OUTPUT_BUCKET", f"output-{suffix}")
    get_settings.cache_clear()
    settings = get_settings()
    ObjectStore(settings).ensure_buckets()
    upgrade(database_url)
    with session_scope(database_url) as session:
        import_registry(session, path=REGISTRY)
        load_campaign_file(session, path=campaign_file(folder))
    return settings


@contextmanager
def second_database(database_url: str, folder: Path) -> Iterator[str]:
    """Yield an empty database of the same kind as database_url, dropped afterwards."""
    kind = "sqlite" if make_url(database_url).get_backend_name() == "sqlite" else "postgresql"
    with empty_database(kind, folder) as url:
        yield url


def snapshot(settings: Settings) -> dict[str, Any]:
    """Return what a collection leaves behind, by business keys: rows, objects, result hash."""
    store = ObjectStore(settings)
    with session_scope() as session:
        submissions = session.exec(select(Submission)).all()
        by_id = {row.id: (row.object_key, row.version_key) for row in submissions}
        findings = session.exec(select(Finding)).all()
        values = session.exec(select(IndicatorValue)).all()
        nominations = session.exec(select(Nomination, Nominee).join(Nominee)).all()
        state = {
            "submissions": sorted(
                (
                    row.object_key,
                    row.version_key,
                    row.status,
                    row.is_late,
                    row.is_counted,
                    row.error_count,
                    row.warning_count,
                    row.sha256,
                    row.unit_code or "",
                    row.uploaded_at.isoformat(),
                )
                for row in submissions
            ),
            "findings": sorted(
                (f.object_key, f.code, f.sheet or "", f.row or 0, f.column or "", f.message)
                for f in findings
            ),
            "values": sorted(
                (*by_id[v.submission_id], v.indicator_code, v.total or 0, v.achieved or 0)
                for v in values
            ),
            "nominations": sorted(
                (*by_id[n.submission_id], n.row, p.full_name, n.dossier_complete, n.state)
                for n, p in nominations
            ),
        }
    state["outputs"] = {
        item.key: hashlib.sha256(store.get_bytes(settings.output_bucket, item.key)).hexdigest()
        for item in store.list(settings.output_bucket)
        if item.key.startswith("phan-hoi/")
    }
    state["archive"] = sorted(item.key for item in store.list(settings.archive_bucket))
    evaluate_and_store.fn(CODE, YEAR - 1)
    state["result_sha256"] = evaluate_and_store.fn(CODE, YEAR)["result_sha256"]
    phase = propose_phase.fn(CODE, f"tong-ket-{YEAR}", None, None)
    state["phase_sha256"] = phase["result_sha256"]
    return state


def child_environment(settings: Settings, prefect_api_url: str) -> dict[str, str]:
    """Return the environment of a child process that runs on these settings and server."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("THIDUA_")}
    environment.update(
        {
            "THIDUA_DATABASE_URL": settings.resolved_database_url,
            "THIDUA_S3_ENDPOINT": settings.s3_endpoint,
            "THIDUA_S3_SECRET_KEY": settings.s3_secret_key.get_secret_value(),
            "THIDUA_INBOX_BUCKET": settings.inbox_bucket,
            "THIDUA_ARCHIVE_BUCKET": settings.archive_bucket,
            "THIDUA_OUTPUT_BUCKET": settings.output_bucket,
            "THIDUA_VAR_DIR": str(settings.var_dir),
            "PREFECT_API_URL": prefect_api_url,
            "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        }
    )
    return environment
