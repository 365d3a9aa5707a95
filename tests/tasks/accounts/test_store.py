"""Accounts: argon2 passwords, roles granted by an administrator, a unit account's binding."""

from __future__ import annotations

import pytest
from sqlmodel import select

from models.database import session_scope, upgrade
from models.tables import AccountAction, AccountRole
from tasks.accounts.store import (
    AccountError,
    add_account,
    authenticate,
    find_person,
    grant,
    record_action,
)
from tasks.registry.upsert import import_registry
from tests.flows.e2e import REGISTRY


@pytest.fixture
def db(database_url: str) -> str:
    upgrade(database_url)
    with session_scope(database_url) as session:
        import_registry(session, path=REGISTRY)
    return database_url


def test_a_unit_account_is_bound_to_its_unit_and_checks_its_password(db: str) -> None:
    with session_scope(db) as session:
        add_account(
            session,
            username="don-vi-yt",
            full_name="Văn thư",
            password="mat-khau-123",
            unit_code="SO-YT",
        )
    with session_scope(db) as session:
        stored = session.exec(select(AccountRole)).one()
        assert stored.role == "unit"
        assert authenticate(session, username="don-vi-yt", password="sai-mat-khau") is None
        assert authenticate(session, username="khong-co", password="mat-khau-123") is None
        person = authenticate(session, username="don-vi-yt", password="mat-khau-123")
        assert person is not None
        assert (person.unit_code, person.roles) == ("SO-YT", ("unit",))
        from models.tables import Account

        account = session.exec(select(Account)).one()
        assert account.password_hash is not None
        assert account.password_hash.startswith("$argon2")


def test_roles_are_granted_never_declared(db: str) -> None:
    with session_scope(db) as session:
        add_account(session, username="thu-ky", full_name="Lê Thị Mai", password="mat-khau-123")
        assert find_person(session, "thu-ky").roles == ()  # type: ignore[union-attr]
        grant(session, username="thu-ky", role="council", granted_by="admin")
        grant(session, username="thu-ky", role="council", granted_by="admin")  # once
        assert find_person(session, "thu-ky").roles == ("council",)  # type: ignore[union-attr]
        with pytest.raises(AccountError, match="Không có vai trò"):
            grant(session, username="thu-ky", role="system", granted_by="admin")
        with pytest.raises(AccountError, match="gắn với một đơn vị"):
            grant(session, username="thu-ky", role="unit", granted_by="admin")
        with pytest.raises(AccountError, match="đã có"):
            add_account(session, username="thu-ky", full_name="Khác", password="mat-khau-456")
        with pytest.raises(AccountError, match="Không có đơn vị"):
            add_account(
                session, username="x", full_name="X", password="mat-khau-456", unit_code="KHONG-CO"
            )
        record_action(session, username="thu-ky", action="decision:council", subject="run-1")
    with session_scope(db) as session:
        act = session.exec(select(AccountAction)).one()
        assert (act.action, act.subject) == ("decision:council", "run-1")
