"""Ingest a batch of versions: claim them in one transaction, do the I/O, record them in one.

The database is written twice per batch, never during the I/O: the claim counts an attempt at
every new version (so a crash counts), the record stores each one's submission, values,
findings, nominations and state, idempotent on (bucket, key, version). A version already tried
before (a crash, a failure) goes the careful way, one version at a time (collect.ingest_version),
so that a file that kills the process is set aside alone, not with its batch.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from sqlalchemy import update
from sqlmodel import Session, col, select

from models.database import session_scope
from models.tables import InboxVersion, Unit, VersionKind, VersionState
from models.tables.columns import utc_now
from models.tables.inbox import DONE_STATES
from tasks.ingest.collect import ingest_version, record_vanished
from tasks.ingest.inbox import InboxObject
from tasks.ingest.outcome import FolderState, IngestContext, Outcome, is_system_failure
from tasks.ingest.prepare import Prepared, prepare
from tasks.ingest.record_many import record_many
from tasks.ingest.versions import _insert_ignoring_duplicates, set_state
from tasks.registry.lookup import context_of
from tasks.validation.report import UnitContext

log = logging.getLogger(__name__)

# Versions of a batch prepared at once: with the task runner's batches, the S3 calls in flight.
PREPARE_THREADS = 2


def claim_batch(
    session: Session, context: IngestContext, items: list[InboxObject]
) -> tuple[list[InboxObject], list[InboxObject]]:
    """Claim the batch's untried versions; return them, and those to take one at a time."""
    bucket = context.settings.inbox_bucket
    now = utc_now()
    _insert_ignoring_duplicates(
        session,
        [
            {
                "bucket": bucket,
                "object_key": item.key,
                "version_key": item.version_key,
                "version_id": item.version_id,
                "campaign_code": context.campaign.code,
                "year": context.year,
                "unit_folder": item.unit_folder[:255],
                "kind": VersionKind.REPORT.value,
                "state": VersionState.SEEN.value,
                "attempts": 0,
                "stored_at": item.uploaded_at,
                "first_seen_at": now,
                "updated_at": now,
            }
            for item in items
        ],
    )
    rows = {
        (row.object_key, row.version_key): row
        for row in session.exec(
            select(InboxVersion).where(
                InboxVersion.bucket == bucket,
                col(InboxVersion.object_key).in_({item.key for item in items}),
            )
        ).all()
    }
    claimed, careful = [], []
    for item in items:
        row = rows[(item.key, item.version_key)]
        if row.state in DONE_STATES:
            continue
        if row.attempts == 0:
            row.attempts, row.state, row.updated_at = 1, VersionState.PROCESSING.value, now
            claimed.append(item)
        else:
            careful.append(item)
    return claimed, careful


def units_of(
    session: Session, items: list[InboxObject], *, registry: str
) -> dict[str, UnitContext]:
    """Return the units of the campaign's registry that the batch's folders name."""
    folders = {item.unit_folder for item in items}
    units = session.exec(
        select(Unit).where(col(Unit.registry_code) == registry, col(Unit.code).in_(folders))
    ).all()
    return {unit.code: context_of(unit) for unit in units}


def ingest_items(
    context: IngestContext, items: list[InboxObject], folders: dict[str, FolderState]
) -> list[Outcome]:
    """Ingest a batch; return one outcome per version, in the batch's order."""
    with session_scope(context.database_url) as session:
        claimed, careful = claim_batch(session, context, items)
        units = units_of(session, claimed, registry=context.campaign.registry)
    try:
        # Prepared, None (vanished) or the file's error, by version
        done = prepare_all(context, claimed, folders, units)
        outcomes = record_batch(context, claimed, done)
    except Exception as error:
        if is_system_failure(error):
            _give_back(context, claimed)
            raise
        # A version the database refuses must not cost its batch: each goes the careful way.
        log.exception("Recording a batch failed; its versions are taken one at a time")
        outcomes, done = {}, {key: f"{type(error).__name__}: {error}" for key in done}
    for item in claimed:  # what failed goes on the careful way, its first attempt counted
        if isinstance(failure := done[(item.key, item.version_key)], str):
            outcomes[(item.key, item.version_key)] = ingest_version(
                context, item, folders[item.unit_folder], last_error=failure
            )
    for item in careful:
        outcomes[(item.key, item.version_key)] = ingest_version(
            context, item, folders[item.unit_folder]
        )
    return [
        outcomes.get((item.key, item.version_key))
        or Outcome.of(item, status="skipped", skipped=True)
        for item in items
    ]


def prepare_all(
    context: IngestContext,
    claimed: list[InboxObject],
    folders: dict[str, FolderState],
    units: dict[str, UnitContext],
) -> dict[tuple[str, str], Any]:
    """Prepare the claimed versions, PREPARE_THREADS at a time (their I/O overlaps).

    A file's error is kept as text for its version; a failure of the system (storage, database)
    stops the batch: the versions not started yet are left, and the failure is raised.
    """
    stop = threading.Event()

    def one(item: InboxObject) -> Any:
        if stop.is_set():
            return None
        try:
            return prepare(context, item, folders[item.unit_folder], units.get(item.unit_folder))
        except Exception as error:
            if is_system_failure(error):
                stop.set()
                return SystemFailure(error)
            log.exception("Ingest of %s (%s) failed", item.key, item.version_key)
            return f"{type(error).__name__}: {error}"

    if len(claimed) > 1 and PREPARE_THREADS > 1:
        with ThreadPoolExecutor(PREPARE_THREADS, thread_name_prefix="prepare") as pool:
            results = list(pool.map(one, claimed))
    else:
        results = [one(item) for item in claimed]
    for result in results:
        if isinstance(result, SystemFailure):
            raise result.error
    return {(item.key, item.version_key): r for item, r in zip(claimed, results, strict=True)}


@dataclass(frozen=True)
class SystemFailure:
    """The storage's or database's failure met while preparing a version."""

    error: Exception


def record_batch(
    context: IngestContext, claimed: list[InboxObject], done: dict[tuple[str, str], Any]
) -> dict[tuple[str, str], Outcome]:
    """Record every prepared version of the batch, and each failure's state, in one transaction."""
    with session_scope(context.database_url) as session:
        prepared = [done[(i.key, i.version_key)] for i in claimed]
        outcomes = record_many(session, context, [p for p in prepared if isinstance(p, Prepared)])
        for item in claimed:
            result = done[(item.key, item.version_key)]
            if isinstance(result, Prepared):
                continue
            if result is None:
                outcomes[(item.key, item.version_key)] = record_vanished(session, context, item)
            else:
                set_state(
                    session,
                    bucket=context.settings.inbox_bucket,
                    item=item,
                    state=VersionState.FAILED,
                    error=result,
                )
    return outcomes


def _give_back(context: IngestContext, claimed: list[InboxObject]) -> None:
    """Give back the attempts at a batch the system (storage, database) failed, not its files."""
    try:
        with session_scope(context.database_url) as session:
            for item in claimed:
                session.execute(
                    update(InboxVersion)
                    .where(
                        col(InboxVersion.bucket) == context.settings.inbox_bucket,
                        col(InboxVersion.object_key) == item.key,
                        col(InboxVersion.version_key) == item.version_key,
                        col(InboxVersion.state).not_in(DONE_STATES),
                        col(InboxVersion.attempts) > 0,
                    )
                    .values(
                        attempts=col(InboxVersion.attempts) - 1,
                        state=VersionState.SEEN.value,
                        updated_at=utc_now(),
                    )
                )
    except Exception:  # the database may be what failed; the attempts then stay counted
        log.warning("Could not give back the attempts at a batch", exc_info=True)
