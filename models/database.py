"""Database engines, sessions and migrations, from settings."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlmodel import Session, create_engine

from models.settings import get_settings

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def _enable_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # SQLAlchemy's pysqlite recipe: the driver must not manage transactions itself, or a
    # SAVEPOINT is no savepoint and ending it commits (a crash then leaves half a record).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _begin_sqlite(connection: Any) -> None:
    # IMMEDIATE takes the write lock at the start, so a transaction that reads then writes
    # waits for the busy timeout instead of failing on a stale snapshot under concurrency.
    connection.exec_driver_sql("BEGIN IMMEDIATE")


_engines: dict[str, Engine] = {}


def get_engine(url: str | None = None) -> Engine:
    """Return a shared engine for url (default: the settings' database)."""
    url = url or get_settings().resolved_database_url
    if url not in _engines:
        _engines[url] = _create_engine(url)
    return _engines[url]


def _create_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _enable_sqlite_pragmas)
        event.listen(engine, "begin", _begin_sqlite)
        return engine
    return create_engine(url, pool_pre_ping=True)


def dispose_engines() -> None:
    """Close every pooled connection and forget the engines."""
    while _engines:
        _engines.popitem()[1].dispose()


@contextmanager
def session_scope(url: str | None = None) -> Iterator[Session]:
    """Yield a session that commits on success and rolls back on error."""
    with Session(get_engine(url), expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def alembic_config(url: str | None = None) -> Config:
    """Return an Alembic configuration for the migrations shipped in models/migrations."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("path_separator", "os")
    config.attributes["database_url"] = url or get_settings().resolved_database_url
    return config


def upgrade(url: str | None = None, revision: str = "head") -> None:
    """Migrate the database at url to revision."""
    config = alembic_config(url)
    with get_engine(config.attributes["database_url"]).begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


class SchemaNotReadyError(RuntimeError):
    """The database is not migrated to the schema this code needs."""


def head_revision() -> str | None:
    """Return the newest migration shipped with the code."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def require_schema(url: str | None = None) -> None:
    """Raise SchemaNotReadyError unless the database is at the newest migration."""
    current, head = current_revision(url), head_revision()
    if current != head:
        raise SchemaNotReadyError(
            f"Cơ sở dữ liệu đang ở phiên bản {current or '(trống)'}, mã nguồn cần {head}: "
            "chạy `thidua db upgrade`."
        )


def current_revision(url: str | None = None) -> str | None:
    """Return the Alembic revision the database is at, or None when it is empty."""
    from alembic.runtime.migration import MigrationContext

    with get_engine(url).connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()
