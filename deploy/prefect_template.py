"""The local Prefect server's empty database, migrated once per Prefect version and then copied.

A new Prefect server builds its SQLite database by running every Alembic migration of its
version (over a hundred: most of its first start). The database a server has just built, before
anything is written to it, is the same for every new stack of that version: the first such
server's is kept (a consistent SQLite backup, only when it holds nothing but the migrations'
version and the block types the server registers itself) in the cache folder (THIDUA_CACHE_DIR,
default ~/.cache/thidua), keyed on the Prefect version, and a new stack starts from a copy of it.
The server still runs its migrations on start: on its own version's head they have nothing to do.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import tempfile
from importlib.metadata import version
from pathlib import Path

DATABASE = "prefect.db"
MEMO = "memo_store.toml"  # the server's note that its block types are registered
# What a server writes into a new database before it answers: nothing else is kept.
SERVER_TABLES = {"alembic_version", "block_type", "block_schema", "block_schema_reference"}
DATABASE_URL_VARIABLES = (
    "PREFECT_API_DATABASE_CONNECTION_URL",
    "PREFECT_SERVER_DATABASE_CONNECTION_URL",
)


def template_dir(cache_dir: Path) -> Path:
    """Return the folder of this Prefect version's empty database under cache_dir."""
    return cache_dir / f"prefect-{version('prefect')}-sqlite"


def _own_sqlite(env: dict[str, str]) -> bool:
    """Return whether the server keeps its database in PREFECT_HOME (no other URL is set)."""
    return not any(env.get(name) or os.environ.get(name) for name in DATABASE_URL_VARIABLES)


def seed(cache_dir: Path, home: Path, env: dict[str, str]) -> bool:
    """Copy the empty database into a new server's home; return whether it was copied."""
    template = template_dir(cache_dir)
    if not _own_sqlite(env) or (home / DATABASE).exists() or not (template / DATABASE).exists():
        return False
    home.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        if (template / MEMO).exists() and not (home / MEMO).exists():
            shutil.copyfile(template / MEMO, home / MEMO)
        shutil.copyfile(template / DATABASE, home / f"{DATABASE}.part")
        os.replace(home / f"{DATABASE}.part", home / DATABASE)
        return True
    return False


def _only_server_rows(database: Path) -> bool:
    connection = sqlite3.connect(database)
    try:
        listed = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        tables = [row[0] for row in listed]
        if "alembic_version" not in tables:
            return False
        return not any(
            connection.execute(f'SELECT 1 FROM "{table}" LIMIT 1').fetchone()  # noqa: S608
            for table in tables
            if table not in SERVER_TABLES and not table.startswith("sqlite_")
        )
    finally:
        connection.close()


def save(cache_dir: Path, home: Path, env: dict[str, str]) -> bool:
    """Keep a new server's database as this version's empty one, unless one is kept already or
    it holds anything but what the server writes itself; return whether it was kept."""
    template = template_dir(cache_dir)
    if not _own_sqlite(env) or template.exists() or not (home / DATABASE).exists():
        return False
    try:
        template.parent.mkdir(parents=True, exist_ok=True)
        building = Path(tempfile.mkdtemp(prefix=".building-", dir=template.parent))
    except OSError:
        return False
    try:
        source = sqlite3.connect(home / DATABASE)
        target = sqlite3.connect(building / DATABASE)
        try:
            source.backup(target)  # consistent while the server runs
            target.execute("VACUUM")
        finally:
            target.close()
            source.close()
        if not _only_server_rows(building / DATABASE):
            return False
        if (home / MEMO).exists():
            shutil.copyfile(home / MEMO, building / MEMO)
        os.replace(building, template)  # another stack may have kept one meanwhile: it stays
        return True
    except (OSError, sqlite3.Error):
        return False
    finally:
        shutil.rmtree(building, ignore_errors=True)
