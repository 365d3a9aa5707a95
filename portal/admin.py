"""Administrators' page: accounts, their units and the roles granted (never self-declared)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from fastapi_csrf_protect import CsrfProtect
from sqlmodel import col, select
from starlette.concurrency import run_in_threadpool

from models.database import session_scope
from models.tables import Account
from models.tables.account import ADMIN_ROLE
from portal.web import checked_form, current_person, render, require_role
from tasks.accounts.store import AccountError, Person, add_account, grant, grantable_roles, person

router = APIRouter(prefix="/tai-khoan")
Csrf = Annotated[CsrfProtect, Depends()]
Who = Annotated[Person, Depends(current_person)]


def _accounts() -> list[Person]:
    with session_scope() as session:
        rows = session.exec(select(Account).order_by(col(Account.username))).all()
        return [person(session, account) for account in rows]


def _page(request: Request, csrf: CsrfProtect, who: Person, **extra: object) -> Response:
    if ADMIN_ROLE not in who.roles:
        return render(request, csrf, "account.html", {"person": who, "accounts": None})
    return render(
        request,
        csrf,
        "account.html",
        {"person": who, "accounts": _accounts(), "roles": grantable_roles(), **extra},
    )


@router.get("")
def account_page(request: Request, csrf: Csrf, who: Who) -> Response:
    """Show the person's own account; administrators see every account."""
    return _page(request, csrf, who)


@router.post("")
async def administer(request: Request, csrf: Csrf, who: Who) -> Response:
    """Create an account or grant a role, as an administrator."""
    form = await checked_form(request, csrf)
    require_role(who, ADMIN_ROLE)
    values = {
        k: str(form.get(k, "")).strip()
        for k in ("username", "full_name", "unit", "password", "role")
    }

    def act() -> str:
        with session_scope() as session:
            if form.get("action") == "add":
                add_account(
                    session,
                    username=values["username"],
                    full_name=values["full_name"] or values["username"],
                    password=values["password"],
                    unit_code=values["unit"] or None,
                )
                return f"Đã tạo tài khoản {values['username']}."
            grant(
                session, username=values["username"], role=values["role"], granted_by=who.username
            )
            title = grantable_roles().get(values["role"], values["role"])
            return f"Đã cấp vai trò «{title}» cho {values['username']}."

    try:
        notice = await run_in_threadpool(act)
    except AccountError as error:
        return _page(request, csrf, who, error=str(error), values=values)
    return _page(request, csrf, who, notice=notice)
