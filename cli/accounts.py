"""`thidua accounts add|grant|list`: the portal's accounts, administered here."""

from __future__ import annotations

import getpass
from typing import Annotated

import typer
from sqlmodel import col, select

from cli.common import database_session
from models.tables import Account
from tasks.accounts.store import AccountError, add_account, grant, grantable_roles, person

app = typer.Typer(
    help="Tài khoản của cổng thidua: tạo tài khoản, cấp vai trò (chỉ quản trị viên).",
    no_args_is_help=True,
)


@app.command(help="Tạo tài khoản; --unit gắn tài khoản với đơn vị (vai trò đơn vị tự cấp).")
def add(
    username: Annotated[str, typer.Argument(help="Tên đăng nhập.")],
    full_name: Annotated[str, typer.Option("--name", help="Họ tên.")],
    unit: Annotated[str | None, typer.Option("--unit", help="Mã đơn vị.")] = None,
    password: Annotated[
        str | None, typer.Option("--password", help="Mật khẩu (bỏ trống để nhập ẩn).")
    ] = None,
    oidc: Annotated[bool, typer.Option("--oidc", help="Chỉ đăng nhập qua OIDC.")] = False,
    email: Annotated[
        str | None, typer.Option("--email", help="Thư điện tử nhận thông báo có phản hồi.")
    ] = None,
) -> None:
    """Create an account."""
    secret = None if oidc else (password or getpass.getpass("Mật khẩu: "))
    try:
        with database_session() as session:
            add_account(
                session,
                username=username,
                full_name=full_name,
                password=secret,
                unit_code=unit,
                oidc_subject=username if oidc else None,
                email=email,
            )
    except AccountError as error:
        print(f"Lỗi: {error}")
        raise typer.Exit(1) from error
    print(f"Đã tạo tài khoản {username}" + (f" của đơn vị {unit}." if unit else "."))


@app.command("grant", help="Cấp vai trò cho tài khoản (council, home_affairs, ...).")
def grant_command(
    username: Annotated[str, typer.Argument(help="Tên đăng nhập.")],
    role: Annotated[str, typer.Argument(help=", ".join(grantable_roles()))],
    by: Annotated[str, typer.Option("--by", help="Quản trị viên cấp.")] = "admin",
) -> None:
    """Grant a role."""
    try:
        with database_session() as session:
            grant(session, username=username, role=role, granted_by=by)
    except AccountError as error:
        print(f"Lỗi: {error}")
        raise typer.Exit(1) from error
    print(f"Đã cấp vai trò «{grantable_roles()[role]}» cho {username}.")


@app.command("list", help="Liệt kê tài khoản, đơn vị và vai trò.")
def list_command() -> None:
    """List accounts."""
    with database_session() as session:
        for account in session.exec(select(Account).order_by(col(Account.username))).all():
            who = person(session, account)
            print(f"{who.username}\t{who.full_name}\t{who.unit_code or ''}\t{','.join(who.roles)}")
