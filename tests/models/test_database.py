"""Migrations and engines on SQLite and, when configured, PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select

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
from models.tables import InboxVersion, Unit


def test_migrates_from_empty_to_head(database_url: str) -> None:
    assert current_revision(database_url) is None
    with pytest.raises(SchemaNotReadyError, match="thidua db upgrade"):
        require_schema(database_url)
    upgrade(database_url)
    assert current_revision(database_url) == head_revision() == "0010"
    require_schema(database_url)
    tables = set(inspect(get_engine(database_url)).get_table_names())
    assert tables == {
        "account",
        "account_action",
        "account_role",
        "alembic_version",
        "award_decision",
        "award_granted",
        "campaign",
        "council_meeting",
        "council_vote",
        "finding",
        "generated_document",
        "giay_khen_candidate",
        "giay_khen_decision",
        "giay_khen_round",
        "inbox_version",
        "indicator_value",
        "nomination",
        "nominee",
        "phase_candidate",
        "phase_result",
        "registry_load",
        "submission",
        "unit",
        "unit_year_result",
        "workflow_history",
        "year_aggregate",
    }
    upgrade(database_url)  # a second run is a no-op
    assert current_revision(database_url) == "0010"


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
                registry_code="bac-kan",
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
                registry_code="bac-kan",
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
                    registry_code="bac-kan",
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


def _unit(code: str) -> Unit:
    return Unit(
        registry_code="bac-kan",
        code=code,
        name=f"Đơn vị {code}",
        kind="so_nganh",
        level="tinh",
        valid_from=date(2022, 1, 1),
    )


def _duplicate_then_crash(database_url: str) -> None:
    with session_scope(database_url) as session:
        with session.begin_nested():
            session.add(_unit("SO-A"))
        try:
            with session.begin_nested():
                session.add(_unit("SO-A"))  # the duplicate rolls back to its savepoint only
                session.flush()
        except IntegrityError:
            pass
        else:
            raise AssertionError("the duplicate was accepted")
        session.add(_unit("SO-B"))
        session.flush()
        raise RuntimeError("crash after the savepoint ended")


def test_a_savepoint_is_a_savepoint_and_ending_it_commits_nothing(database_url: str) -> None:
    upgrade(database_url)
    with pytest.raises(RuntimeError, match="crash"):
        _duplicate_then_crash(database_url)
    with session_scope(database_url) as session:
        assert session.exec(select(Unit)).all() == []  # the crash took the savepoint's row too


def _version(key: str, when: datetime) -> InboxVersion:
    return InboxVersion(
        bucket="inbox",
        object_key=key,
        version_key="v",
        campaign_code="c",
        year=2025,
        kind="report",
        stored_at=when,
    )


def _store(database_url: str, *versions: InboxVersion) -> None:
    with session_scope(database_url) as session:
        session.add_all(versions)


def test_times_are_stored_in_utc_and_compare_across_offsets(database_url: str) -> None:
    upgrade(database_url)
    hanoi = timezone(timedelta(hours=7))
    later_local = datetime(2025, 12, 15, 10, 0, tzinfo=hanoi)  # 03:00 UTC
    earlier_utc = datetime(2025, 12, 15, 2, 0, tzinfo=UTC)
    _store(database_url, _version("a", later_local), _version("b", earlier_utc))
    with session_scope(database_url) as session:
        rows = session.exec(select(InboxVersion).order_by(col(InboxVersion.stored_at))).all()
        assert [row.object_key for row in rows] == ["b", "a"]
        assert rows[1].stored_at == later_local
        assert rows[1].stored_at.utcoffset() == timedelta(0)
    naive = datetime(2025, 12, 15, 10, 0)  # noqa: DTZ001 (the point of the test)
    with pytest.raises(Exception, match="Naive datetime"):
        _store(database_url, _version("c", naive))
