"""Create accounts, grant roles, check passwords, record what an account did."""

from __future__ import annotations

from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlmodel import Session, col, select

from models.tables import Account, AccountAction, AccountRole, Unit
from models.tables.account import ADMIN_ROLE
from models.workflow import nomination_workflow

_HASHER = PasswordHasher()


class AccountError(ValueError):
    """An account operation that cannot be done; the message is Vietnamese."""


@dataclass(frozen=True)
class Person:
    """An authenticated account as the portal and the flows see it."""

    id: int
    username: str
    full_name: str
    unit_code: str | None
    roles: tuple[str, ...]
    registry_code: str | None = None


def grantable_roles() -> dict[str, str]:
    """Return the roles an administrator may grant, with their Vietnamese titles."""
    roles = {k: v for k, v in nomination_workflow().roles.items() if k != "system"}
    return {**roles, ADMIN_ROLE: "Quản trị hệ thống"}


def add_account(
    session: Session,
    *,
    username: str,
    full_name: str,
    password: str | None,
    unit_code: str | None = None,
    oidc_subject: str | None = None,
    email: str | None = None,
    registry: str | None = None,
) -> Account:
    """Create an account (bound to a unit of a registry when given); refuse a taken name or an
    unknown unit. Without registry, the code must name a unit of exactly one registry."""
    if session.exec(select(Account).where(Account.username == username)).first() is not None:
        raise AccountError(f"Tài khoản «{username}» đã có.")
    if unit_code is not None:
        registry = _registry_of_unit(session, unit_code, registry)
    if password is not None and len(password) < 8:
        raise AccountError("Mật khẩu phải có ít nhất 8 ký tự.")
    account = Account(
        username=username,
        full_name=full_name,
        password_hash=_HASHER.hash(password) if password is not None else None,
        unit_code=unit_code,
        registry_code=registry if unit_code is not None else None,
        oidc_subject=oidc_subject,
        email=email or None,
    )
    session.add(account)
    session.flush()
    if unit_code is not None:
        grant(session, username=username, role="unit", granted_by="system")
    return account


def _registry_of_unit(session: Session, code: str, registry: str | None) -> str:
    """Return the registry of the unit code (given, or the only one holding the code)."""
    statement = select(Unit.registry_code).where(Unit.code == code)
    if registry is not None:
        statement = statement.where(Unit.registry_code == registry)
    found = sorted(session.exec(statement).all())
    if not found:
        where = f"danh mục «{registry}»" if registry else "danh mục nào"
        raise AccountError(f"Không có đơn vị mã «{code}» trong {where}.")
    if len(found) > 1:
        raise AccountError(
            f"Mã đơn vị «{code}» có trong nhiều danh mục ({', '.join(found)}): chọn danh mục."
        )
    return found[0]


def grant(session: Session, *, username: str, role: str, granted_by: str) -> None:
    """Grant role to the account username (once)."""
    account = _account(session, username)
    if role not in grantable_roles():
        raise AccountError(
            f"Không có vai trò «{role}»; các vai trò: {', '.join(grantable_roles())}."
        )
    if role == "unit" and account.unit_code is None:
        raise AccountError("Vai trò đơn vị chỉ cấp cho tài khoản gắn với một đơn vị.")
    held = session.exec(
        select(AccountRole).where(AccountRole.account_id == account.id, AccountRole.role == role)
    ).first()
    if held is None:
        session.add(AccountRole(account_id=account.id, role=role, granted_by=granted_by))  # type: ignore[arg-type]
        session.flush()


def _account(session: Session, username: str) -> Account:
    account = session.exec(select(Account).where(Account.username == username)).first()
    if account is None:
        raise AccountError(f"Không có tài khoản «{username}».")
    return account


def person(session: Session, account: Account) -> Person:
    """Return account with its granted roles, in a fixed order."""
    roles = session.exec(
        select(AccountRole.role)
        .where(AccountRole.account_id == account.id)
        .order_by(col(AccountRole.role))
    ).all()
    return Person(
        account.id or 0,
        account.username,
        account.full_name,
        account.unit_code,
        tuple(roles),
        account.registry_code,
    )


def find_person(session: Session, username: str) -> Person | None:
    """Return the active account username, or None."""
    account = session.exec(select(Account).where(Account.username == username)).first()
    if account is None or not account.active:
        return None
    return person(session, account)


def authenticate(session: Session, *, username: str, password: str) -> Person | None:
    """Return the person when the password matches an active local account, else None."""
    account = session.exec(select(Account).where(Account.username == username)).first()
    if account is None or not account.active or account.password_hash is None:
        _HASHER.hash(password)  # the same work whether or not the account exists
        return None
    try:
        _HASHER.verify(account.password_hash, password)
    except (VerificationError, InvalidHashError):
        return None
    if _HASHER.check_needs_rehash(account.password_hash):
        account.password_hash = _HASHER.hash(password)
        session.add(account)
    return person(session, account)


def record_action(
    session: Session, *, username: str, action: str, subject: str, detail: str = ""
) -> None:
    """Record that the account username did action on subject."""
    account = _account(session, username)
    session.add(
        AccountAction(
            account_id=account.id,  # type: ignore[arg-type]
            action=action,
            subject=subject[:1024],
            detail=detail[:4000],
        )
    )
    session.flush()
