"""Migrations and engines on SQLite and, when configured, PostgreSQL."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from models.database import (
    SchemaNotReadyError,
    alembic_config,
    current_revision,
    get_engine,
    head_revision,
    require_schema,
    session_scope,
    upgrade,
)
from models.tables import Unit


def test_migrates_from_empty_to_head(database_url: str) -> None:
    assert current_revision(database_url) is None
    with pytest.raises(SchemaNotReadyError, match="thidua db upgrade"):
        require_schema(database_url)
    upgrade(database_url)
    assert current_revision(database_url) == head_revision() == "0005_i16"
    require_schema(database_url)
    tables = set(inspect(get_engine(database_url)).get_table_names())
    assert tables == {
        "account",
        "account_action",
        "account_role",
        "alembic_version",
        "award_decision",
        "campaign",
        "council_meeting",
        "council_vote",
        "finding",
        "generated_document",
        "indicator_value",
        "nomination",
        "nominee",
        "phase_candidate",
        "phase_result",
        "submission",
        "unit",
        "unit_year_result",
        "workflow_history",
    }
    upgrade(database_url)  # a second run is a no-op
    assert current_revision(database_url) == "0005_i16"


def test_migrations_match_the_models(database_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    upgrade(database_url)
    with get_engine(database_url).connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
    assert diff == []


def test_downgrade_to_base_and_up_again(database_url: str) -> None:
    upgrade(database_url)
    command.downgrade(alembic_config(database_url), "base")
    assert "unit" not in inspect(get_engine(database_url)).get_table_names()
    upgrade(database_url)
    assert "unit" in inspect(get_engine(database_url)).get_table_names()


def test_foreign_keys_are_enforced(database_url: str) -> None:
    upgrade(database_url)
    with pytest.raises(IntegrityError), session_scope(database_url) as session:
        session.add(
            Unit(
                code="X-A",
                name="UBND xã A",
                kind="xa",
                level="xa",
                parent_code="H-NONE",
                valid_from=date(2022, 1, 1),
            )
        )


def test_session_commits_and_rolls_back(database_url: str) -> None:
    upgrade(database_url)
    with session_scope(database_url) as session:
        session.add(
            Unit(
                code="SO-YT",
                name="Sở Y tế",
                kind="so_nganh",
                level="tinh",
                valid_from=date(2022, 1, 1),
            )
        )

    def add_then_fail() -> None:
        with session_scope(database_url) as session:
            session.add(
                Unit(
                    code="SO-CT",
                    name="Sở Công Thương",
                    kind="so_nganh",
                    level="tinh",
                    valid_from=date(2022, 1, 1),
                )
            )
            raise RuntimeError("abandon")

    with pytest.raises(RuntimeError):
        add_then_fail()
    with session_scope(database_url) as session:
        codes = session.exec(text("SELECT code FROM unit")).all()  # type: ignore[call-overload]
    assert [row[0] for row in codes] == ["SO-YT"]


def test_sqlite_uses_wal(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/wal.db"
    with get_engine(url).connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
