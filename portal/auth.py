"""Sign in and out: local accounts (argon2) by default, OpenID Connect when configured."""

from __future__ import annotations

from typing import Annotated, Any

from authlib.integrations.starlette_client import OAuth, OAuthError
from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from fastapi_csrf_protect import CsrfProtect
from sqlmodel import select

from models.database import session_scope
from models.settings import get_settings
from models.tables import Account
from portal.web import REVIEWER_ROLES, checked_form, current_person, render
from tasks.accounts.store import authenticate, person

router = APIRouter()
Csrf = Annotated[CsrfProtect, Depends()]


def oidc_client() -> Any | None:
    """Return the OpenID Connect client when the settings name a provider, else None."""
    settings = get_settings()
    if not settings.oidc_metadata_url or not settings.oidc_client_id:
        return None
    oauth = OAuth()
    oauth.register(
        "oidc",
        server_metadata_url=settings.oidc_metadata_url,
        client_id=settings.oidc_client_id,
        client_secret=settings.oidc_client_secret.get_secret_value()
        if settings.oidc_client_secret
        else None,
        client_kwargs={"scope": "openid profile"},
    )
    return oauth.create_client("oidc")


def home_of(roles: tuple[str, ...]) -> str:
    """Return the page a person starts on."""
    if "unit" in roles:
        return "/don-vi"
    if set(roles) & set(REVIEWER_ROLES):
        return "/xet-duyet"
    return "/tai-khoan"


@router.get("/")
def home(request: Request) -> Response:
    """Send the person to their page, or to sign in."""
    if not isinstance(request.session.get("username"), str):
        return RedirectResponse("/dang-nhap", status_code=303)
    return RedirectResponse(home_of(current_person(request).roles), status_code=303)


@router.get("/dang-nhap")
def login_page(request: Request, csrf: Csrf) -> Response:
    """Show the sign-in form."""
    return render(request, csrf, "login.html", {"oidc": oidc_client() is not None})


@router.post("/dang-nhap")
async def login(request: Request, csrf: Csrf) -> Response:
    """Check the password; start a fresh session on success."""
    form = await checked_form(request, csrf)
    username = str(form.get("username", "")).strip()
    with session_scope() as session:
        found = authenticate(session, username=username, password=str(form.get("password", "")))
    if found is None:
        return render(
            request,
            csrf,
            "login.html",
            {"error": "Tên đăng nhập hoặc mật khẩu không đúng.", "username": username},
            status_code=401,
        )
    request.session.clear()
    request.session["username"] = found.username
    return RedirectResponse(home_of(found.roles), status_code=303)


@router.post("/dang-xuat")
async def logout(request: Request, csrf: Csrf) -> Response:
    """End the session."""
    await checked_form(request, csrf)
    request.session.clear()
    return RedirectResponse("/dang-nhap", status_code=303)


@router.get("/dang-nhap/oidc")
async def oidc_login(request: Request) -> Response:
    """Send the person to the identity provider."""
    client = oidc_client()
    if client is None:
        return RedirectResponse("/dang-nhap", status_code=303)
    redirect: Response = await client.authorize_redirect(
        request, str(request.url_for("oidc_callback"))
    )
    return redirect


@router.get("/dang-nhap/oidc/ve", name="oidc_callback")
async def oidc_callback(request: Request, csrf: Csrf) -> Response:
    """Accept the provider's answer for an account an administrator created for that subject."""
    client = oidc_client()
    if client is None:
        return RedirectResponse("/dang-nhap", status_code=303)
    try:
        token = await client.authorize_access_token(request)
    except OAuthError:
        return render(request, csrf, "login.html", {"error": "Đăng nhập OIDC không thành công."})
    subject = str((token.get("userinfo") or {}).get("sub", ""))
    with session_scope() as session:
        account = session.exec(select(Account).where(Account.oidc_subject == subject)).first()
        found = person(session, account) if account is not None and account.active else None
    if found is None:
        return render(
            request,
            csrf,
            "login.html",
            {"error": "Tài khoản OIDC này chưa được quản trị viên cấp quyền trên cổng thidua."},
            status_code=403,
        )
    request.session.clear()
    request.session["username"] = found.username
    return RedirectResponse(home_of(found.roles), status_code=303)
