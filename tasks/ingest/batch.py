"""Ingest a batch of versions: claim them in one transaction, do the I/O, record them in one.

The database is written twice per batch, never during the I/O: the claim counts an attempt at
every new version (so a crash counts), the record stores each one's submission, values,
findings, nominations and state, idempotent on (bucket, key, version). A version already tried
before (a crash, a failure) goes the careful way, one version at a time (collect.ingest_version),
so that a file that kills the process is set aside alone, not with its batch.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import select as sql_select
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
from tasks.ingest.versions import _insert_ignoring_duplicates, set_state, update_versions
from tasks.validation.report import UnitContext

log = logging.getLogger(__name__)


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
        (key, version): (state, attempts)
        for key, version, state, attempts in session.exec(
            select(
                InboxVersion.object_key,
                InboxVersion.version_key,
                InboxVersion.state,
                InboxVersion.attempts,
            ).where(
                InboxVersion.bucket == bucket,
                col(InboxVersion.object_key).in_({item.key for item in items}),
            )
        ).all()
    }
    claimed, careful = [], []
    for item in items:
        state, attempts = rows[(item.key, item.version_key)]
        if state in DONE_STATES:
            continue
        if attempts == 0:
            claimed.append(item)
        else:
            careful.append(item)
    if claimed:  # the first attempt at each, counted before any I/O
        update_versions(
            session,
            bucket,
            claimed,
            attempts=1,
            state=VersionState.PROCESSING.value,
            updated_at=now,
        )
    return claimed, careful


def units_of(
    session: Session, items: list[InboxObject], *, registry: str
) -> dict[str, UnitContext]:
    """Return the units of the campaign's registry that the batch's folders name."""
    folders = {item.unit_folder for item in items}
    table = Unit.__table__  # type: ignore[attr-defined]
    rows = session.connection().execute(
        sql_select(
            table.c.code,
            table.c.name,
            table.c.kind,
            table.c.level,
            table.c.valid_from,
            table.c.valid_to,
        ).where(table.c.registry_code == registry, table.c.code.in_(folders))
    )
    return {
        code: UnitContext(code, name, kind, level, valid_from, valid_to)
        for code, name, kind, level, valid_from, valid_to in rows
    }


def ingest_items(
    context: IngestContext, items: list[InboxObject], folders: dict[str, FolderState]
) -> list[Outcome]:
    """Ingest a batch; return one outcome per version, in the batch's order."""
    with session_scope(context.database_url) as session:
        claimed, careful = claim_batch(session, context, items)
        units = units_of(session, claimed, registry=context.campaign.registry)
    done: dict[tuple[str, str], Any] = {}  # Prepared, None (vanished) or the file's error
    try:
        for item in claimed:
            try:
                done[(item.key, item.version_key)] = prepare(
                    context, item, folders[item.unit_folder], units.get(item.unit_folder)
                )
            except Exception as error:
                if is_system_failure(error):
                    raise
                log.exception("Ingest of %s (%s) failed", item.key, item.version_key)
                done[(item.key, item.version_key)] = f"{type(error).__name__}: {error}"
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
