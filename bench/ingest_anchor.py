"""The ingest bench's lean anchor: the same work per report with nothing but the essentials.

GET the upload, hash it, PUT it in the archive, read it with calamine, check its rows, PUT a JSON
answer, and record each batch in one SQLAlchemy Core transaction, on 8 threads. A rerun with
nothing new lists the versions and finds them all in the database. It writes to tables of its
own (bench_anchor_*) in the bench's database and to the bench's buckets under anchor/ keys.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from minio import Minio
from python_calamine import CalamineWorkbook
from sqlalchemy import Column, Integer, MetaData, String, Table, UniqueConstraint, select
from sqlalchemy.engine import Engine

THREADS = 8
CODE = re.compile(r"[A-Z][A-Z0-9_]*")
METADATA = MetaData()
SUBMISSIONS = Table(
    "bench_anchor_submission",
    METADATA,
    Column("id", Integer, primary_key=True),
    Column("object_key", String(1024)),
    Column("version_key", String(400)),
    Column("sha256", String(64)),
    Column("status", String(16)),
    UniqueConstraint("object_key", "version_key"),
)
VALUES = Table(
    "bench_anchor_value",
    METADATA,
    Column("id", Integer, primary_key=True),
    Column("object_key", String(1024)),
    Column("code", String(64)),
    Column("total", String(32)),
    Column("achieved", String(32)),
)


def _number(value: Any) -> float | None:
    if value in (None, ""):
        return None
    if isinstance(value, int | float):
        return float(value)
    return float(str(value).replace(".", "").replace(",", "."))


def _check(data: bytes) -> tuple[list[dict[str, Any]], list[str]]:
    """Read the ChiTieu rows with calamine and check them; return values and problems."""
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    book.get_sheet_by_name("ThongTin").to_python()
    rows = book.get_sheet_by_name("ChiTieu").to_python()
    values, problems = [], []
    for row in rows[1:]:
        code, total, achieved = str(row[0]).strip(), _number(row[2]), _number(row[3])
        if not CODE.fullmatch(code):
            problems.append(f"INVALID_CODE {code}")
        for value in (total, achieved):
            if value is not None and (value < 0 or value % 1):
                problems.append(f"BAD_VALUE {code}")
        if total is not None and achieved is not None and 0 < total < achieved:
            problems.append(f"RATIO_ABOVE_TOTAL {code}")
        values.append({"code": code, "total": str(total), "achieved": str(achieved)})
    return values, problems


def _one(client: Minio, inbox: str, archive: str, output: str, item: Any) -> dict[str, Any]:
    response = client.get_object(inbox, item.object_name, version_id=item.version_id)
    try:
        data = response.read()
    finally:
        response.close()
        response.release_conn()
    digest = hashlib.sha256(data).hexdigest()
    client.put_object(archive, f"anchor/{digest}", io.BytesIO(data), len(data))
    values, problems = _check(data)
    answer = json.dumps({"ok": not problems, "findings": problems}, ensure_ascii=False).encode()
    client.put_object(output, f"anchor/{item.object_name}.json", io.BytesIO(answer), len(answer))
    return {
        "object_key": item.object_name,
        "version_key": item.version_id,
        "sha256": digest,
        "status": "invalid" if problems else "valid",
        "values": values,
    }


def _record(engine: Engine, done: list[dict[str, Any]]) -> None:
    with engine.begin() as connection:
        connection.execute(
            SUBMISSIONS.insert(), [{k: v for k, v in d.items() if k != "values"} for d in done]
        )
        rows = [{"object_key": d["object_key"], **v} for d in done for v in d["values"]]
        connection.execute(VALUES.insert(), rows)


def ingest(client: Minio, engine: Engine, buckets: tuple[str, str, str], prefix: str) -> int:
    """Ingest every version under prefix the lean way; return how many."""
    inbox, archive, output = buckets
    METADATA.create_all(engine)
    items = [
        item
        for item in client.list_objects(inbox, prefix=prefix, recursive=True, include_version=True)
        if not item.is_delete_marker
    ]
    batches = [items[i : i + 50] for i in range(0, len(items), 50)]

    def batch(chunk: list[Any]) -> None:
        _record(engine, [_one(client, inbox, archive, output, item) for item in chunk])

    with ThreadPoolExecutor(THREADS) as pool:
        list(pool.map(batch, batches))
    return len(items)


def rerun(client: Minio, engine: Engine, inbox: str, prefix: str) -> int:
    """List the versions and find which are not recorded yet; return how many are new."""
    listed = {
        (item.object_name, item.version_id)
        for item in client.list_objects(inbox, prefix=prefix, recursive=True, include_version=True)
    }
    with engine.connect() as connection:
        known = set(
            connection.execute(select(SUBMISSIONS.c.object_key, SUBMISSIONS.c.version_key)).all()
        )
    return len(listed - known)


def timed(function: Any, *args: Any) -> tuple[float, Any]:
    """Return the seconds function(*args) took and its result."""
    started = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - started, result
