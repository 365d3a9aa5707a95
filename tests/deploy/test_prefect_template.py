"""The Prefect server's empty database: kept once per Prefect version, copied into new stacks."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from deploy import prefect_template


def _server_database(home: Path, *, run: bool = False) -> None:
    """Write what a new server's database holds (and, if run, a flow run besides)."""
    home.mkdir(parents=True)
    connection = sqlite3.connect(home / "prefect.db")
    connection.execute("CREATE TABLE alembic_version (version_num TEXT)")
    connection.execute("INSERT INTO alembic_version VALUES ('head')")
    connection.execute("CREATE TABLE block_type (name TEXT)")
    connection.execute("INSERT INTO block_type VALUES ('secret')")
    connection.execute("CREATE TABLE flow_run (name TEXT)")
    if run:
        connection.execute("INSERT INTO flow_run VALUES ('collect-2022')")
    connection.commit()
    connection.close()
    (home / "memo_store.toml").write_text('block_auto_registration = "x"\n')


def test_a_new_servers_database_is_kept_and_copied_into_a_new_home(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _server_database(tmp_path / "first")
    assert prefect_template.save(cache, tmp_path / "first", {})
    assert not prefect_template.save(cache, tmp_path / "first", {})  # kept once
    home = tmp_path / "second"
    assert prefect_template.seed(cache, home, {})
    connection = sqlite3.connect(home / "prefect.db")
    assert connection.execute("SELECT version_num FROM alembic_version").fetchall() == [("head",)]
    assert connection.execute("SELECT name FROM block_type").fetchall() == [("secret",)]
    connection.close()
    assert (home / "memo_store.toml").read_text() == 'block_auto_registration = "x"\n'
    assert not prefect_template.seed(cache, home, {})  # a home with a database keeps it


def test_a_database_with_runs_or_elsewhere_is_not_kept(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _server_database(tmp_path / "used", run=True)
    assert not prefect_template.save(cache, tmp_path / "used", {})
    assert not prefect_template.template_dir(cache).exists()
    _server_database(tmp_path / "new")
    postgres = {"PREFECT_API_DATABASE_CONNECTION_URL": "postgresql+asyncpg://db/prefect"}
    assert not prefect_template.save(cache, tmp_path / "new", postgres)
    assert prefect_template.save(cache, tmp_path / "new", {})
    assert not prefect_template.seed(cache, tmp_path / "other", postgres)
