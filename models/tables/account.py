"""People who act through the portal: accounts, the roles an administrator granted, their acts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKeyConstraint, UniqueConstraint
from sqlmodel import Field, SQLModel

from models.tables.columns import timestamp_field

ADMIN_ROLE = "admin"


class Account(SQLModel, table=True):
    """A person's account: a local password (argon2 hash) or an OIDC subject; a unit if any."""

    __tablename__ = "account"
    __table_args__ = (
        ForeignKeyConstraint(
            ["registry_code", "unit_code"],
            ["unit.registry_code", "unit.code"],
            name="fk_account_unit",
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=64, unique=True, index=True)
    full_name: str = Field(max_length=255)
    password_hash: str | None = Field(default=None, max_length=255)
    oidc_subject: str | None = Field(default=None, max_length=255, unique=True)
    registry_code: str | None = Field(
        default=None, max_length=64, description="The registry of the unit, when there is one."
    )
    unit_code: str | None = Field(default=None, max_length=64)
    email: str | None = Field(default=None, max_length=255, description="Where notices go.")
    active: bool = True
    created_at: datetime = timestamp_field()


class AccountRole(SQLModel, table=True):
    """A role granted to an account by an administrator (never declared by the person acting)."""

    __tablename__ = "account_role"
    __table_args__ = (UniqueConstraint("account_id", "role"),)

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    role: str = Field(max_length=64)
    granted_by: str = Field(max_length=64)
    granted_at: datetime = timestamp_field()


class AccountAction(SQLModel, table=True):
    """What an authenticated account did: an upload (object key) or a decision (flow run)."""

    __tablename__ = "account_action"

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    action: str = Field(max_length=32)
    subject: str = Field(max_length=1024)
    detail: str = Field(default="", max_length=4000)
    at: datetime = timestamp_field(index=True)
