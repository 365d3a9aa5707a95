"""The state of each inbox version: synced from the listing, claimed, recorded or set aside."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import bindparam, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from models.database import session_scope
from models.tables import InboxVersion, VersionKind, VersionState
from models.tables.columns import utc_now
from models.tables.inbox import DONE_STATES
from tasks.ingest.inbox import InboxListing, InboxObject
from tasks.storage import ObjectInfo


class Claim(StrEnum):
    """What a worker may do with a version it is about to process."""

    GO = "go"
    DONE = "done"
    EXHAUSTED = "exhausted"


@dataclass(frozen=True)
class Misplaced:
    """An object outside the layout, for the administrator."""

    key: str
    stored_at: datetime
    reason: str


def version_key_of(info: ObjectInfo) -> str:
    """Return what identifies a listed version: its id, else its ETag."""
    if info.version_id and info.version_id != "null":
        return info.version_id
    return f"etag:{info.etag}"


def _insert_ignoring_duplicates(session: Session, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    dialect = session.get_bind().dialect.name
    module: Any = postgresql if dialect == "postgresql" else sqlite if dialect == "sqlite" else None
    if module is None:
        raise RuntimeError(f"Unsupported database {dialect}")
    statement = module.insert(InboxVersion).on_conflict_do_nothing(
        index_elements=["bucket", "object_key", "version_key"]
    )
    for start in range(0, len(rows), 500):
        session.execute(statement, rows[start : start + 500])


def sync_versions(
    session: Session, *, bucket: str, campaign: str, year: int, listing: InboxListing
) -> list[Misplaced]:
    """Record every listed version not known yet, and when known ones stopped being listed."""
    now = utc_now()
    base = {"bucket": bucket, "campaign_code": campaign, "year": year, "attempts": 0}
    rows = [
        {
            **base,
            "object_key": item.key,
            "version_key": item.version_key,
            "version_id": item.version_id,
            "unit_folder": item.unit_folder[:255],
            "kind": VersionKind.REPORT.value,
            "state": VersionState.SEEN.value,
            "stored_at": item.uploaded_at,
            "first_seen_at": now,
            "updated_at": now,
        }
        for item in listing.objects
        if not item.is_attachment
    ]
    rows += [
        {
            **base,
            "object_key": info.key,
            "version_key": version_key_of(info),
            "version_id": info.version_id,
            "kind": VersionKind.DELETION.value,
            "state": VersionState.RECORDED.value,
            "stored_at": info.last_modified or now,
            "first_seen_at": now,
            "updated_at": now,
        }
        for info in listing.deletions
    ]
    misplaced = [
        Misplaced(
            info.key,
            info.last_modified or now,
            "Tệp không nằm trong thư mục của đơn vị nào ({phong-trao}/{nam}/{ma-don-vi}/…): "
            "không xác định được đơn vị gửi.",
        )
        for info in listing.misplaced
    ]
    rows += [
        {
            **base,
            "object_key": item.key,
            "version_key": version_key_of(info),
            "version_id": info.version_id,
            "kind": VersionKind.MISPLACED.value,
            "state": VersionState.SET_ASIDE.value,
            "last_error": item.reason,
            "stored_at": item.stored_at,
            "first_seen_at": now,
            "updated_at": now,
        }
        for item, info in zip(misplaced, listing.misplaced, strict=True)
    ]
    known = session.exec(
        select(InboxVersion.id, InboxVersion.object_key, InboxVersion.version_key).where(
            InboxVersion.bucket == bucket,
            InboxVersion.campaign_code == campaign,
            InboxVersion.year == year,
            col(InboxVersion.vanished_at).is_(None),
        )
    ).all()
    seen = {(key, version) for _, key, version in known}
    # Only versions not known yet are written: a rerun with nothing new writes nothing.
    _insert_ignoring_duplicates(
        session, [row for row in rows if (row["object_key"], row["version_key"]) not in seen]
    )
    _mark_vanished(session, listing=listing, known=known)
    return misplaced


def _mark_vanished(session: Session, *, listing: InboxListing, known: Sequence[Any]) -> None:
    listed = {(item.key, item.version_key) for item in listing.objects}
    listed |= {(info.key, version_key_of(info)) for info in listing.deletions + listing.misplaced}
    gone = [row_id for row_id, key, version in known if (key, version) not in listed]
    if gone:
        session.execute(
            update(InboxVersion)
            .where(col(InboxVersion.id).in_(gone))
            .values(vanished_at=utc_now(), updated_at=utc_now())
        )


def pending_versions(
    session: Session, *, bucket: str, campaign: str, year: int
) -> set[tuple[str, str]]:
    """Return the (key, version) of the year's reports not recorded nor set aside yet."""
    rows = session.exec(
        select(InboxVersion.object_key, InboxVersion.version_key).where(
            InboxVersion.bucket == bucket,
            InboxVersion.campaign_code == campaign,
            InboxVersion.year == year,
            InboxVersion.kind == VersionKind.REPORT.value,
            col(InboxVersion.state).not_in(DONE_STATES),
        )
    ).all()
    return {(key, version) for key, version in rows}


def _row(session: Session, bucket: str, item: InboxObject) -> InboxVersion | None:
    return session.exec(
        select(InboxVersion).where(
            InboxVersion.bucket == bucket,
            InboxVersion.object_key == item.key,
            InboxVersion.version_key == item.version_key,
        )
    ).one_or_none()


def claim_version(
    *, bucket: str, campaign: str, year: int, item: InboxObject, max_attempts: int, url: str | None
) -> Claim:
    """Count one more attempt at a version before touching it, so a crash counts too."""
    with session_scope(url) as session:
        row = _row(session, bucket, item)
        if row is None:
            _insert_ignoring_duplicates(
                session,
                [
                    {
                        "bucket": bucket,
                        "object_key": item.key,
                        "version_key": item.version_key,
                        "version_id": item.version_id,
                        "campaign_code": campaign,
                        "year": year,
                        "unit_folder": item.unit_folder[:255],
                        "kind": VersionKind.REPORT.value,
                        "state": VersionState.SEEN.value,
                        "attempts": 0,
                        "stored_at": item.uploaded_at,
                        "first_seen_at": utc_now(),
                        "updated_at": utc_now(),
                    }
                ],
            )
            row = _row(session, bucket, item)
            assert row is not None
        if row.state in DONE_STATES:
            return Claim.DONE
        if row.attempts >= max_attempts:
            return Claim.EXHAUSTED
        row.attempts += 1
        row.state = VersionState.PROCESSING.value
        row.updated_at = utc_now()
        return Claim.GO


def set_state(
    session: Session, *, bucket: str, item: InboxObject, state: VersionState, error: str | None
) -> None:
    """Set a version's state (and the error that put it there) in the caller's transaction."""
    values: dict[str, Any] = {"state": state.value, "updated_at": utc_now()}
    if error is not None:
        values["last_error"] = error[:2000]
    session.execute(
        update(InboxVersion)
        .where(
            col(InboxVersion.bucket) == bucket,
            col(InboxVersion.object_key) == item.key,
            col(InboxVersion.version_key) == item.version_key,
        )
        .values(**values)
    )


def release_version(*, bucket: str, item: InboxObject, url: str | None) -> None:
    """Give back an attempt that the system, not the file, failed (storage or database down)."""
    with session_scope(url) as session:
        session.execute(
            update(InboxVersion)
            .where(
                col(InboxVersion.bucket) == bucket,
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


def failed_versions(
    session: Session, *, bucket: str, campaign: str, year: int
) -> Iterable[InboxVersion]:
    """Return the year's versions set aside or failing, for the administrator, by key."""
    return session.exec(
        select(InboxVersion)
        .where(
            InboxVersion.bucket == bucket,
            InboxVersion.campaign_code == campaign,
            InboxVersion.year == year,
            col(InboxVersion.state).in_([VersionState.SET_ASIDE.value, VersionState.FAILED.value]),
        )
        .order_by(col(InboxVersion.object_key), col(InboxVersion.version_key))
    ).all()


def update_versions(
    session: Session, bucket: str, items: Iterable[InboxObject], **values: Any
) -> None:
    """Set values on the versions of items in bucket, in one executemany."""
    table = InboxVersion.__table__  # type: ignore[attr-defined]
    session.connection().execute(
        update(table)
        .where(
            table.c.bucket == bindparam("b_bucket"),
            table.c.object_key == bindparam("b_key"),
            table.c.version_key == bindparam("b_version"),
        )
        .values(**values),
        [{"b_bucket": bucket, "b_key": i.key, "b_version": i.version_key} for i in items],
    )
