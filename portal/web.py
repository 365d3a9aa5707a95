"""What every page shares: templates, the CSRF token, the signed-in person."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import HTTPException, Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates
from fastapi_csrf_protect import CsrfProtect
from pydantic import BaseModel
from starlette.datastructures import FormData

from models.database import session_scope
from models.settings import get_settings
from models.tables import Unit
from tasks.accounts.store import Person, find_person
from tasks.registry.queries import get_unit

HERE = Path(__file__).resolve().parent
TEMPLATES = Jinja2Templates(directory=HERE / "templates")
REVIEWER_ROLES = ("council", "home_affairs", "chairman_office", "appraiser")
ROLE_TITLES = {
    "unit": "Đơn vị",
    "council": "Hội đồng thẩm định",
    "home_affairs": "Sở Nội vụ",
    "chairman_office": "Văn phòng UBND tỉnh",
    "appraiser": "Sở thẩm định",
    "admin": "Quản trị",
}
TEMPLATES.env.globals["ROLE_TITLES"] = ROLE_TITLES


def local_time(moment: datetime) -> str:
    """Return moment in the campaign's time zone, as people read it."""
    zone = ZoneInfo(get_settings().timezone)
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return f"{aware.astimezone(zone):%H:%M ngày %d/%m/%Y}"


TEMPLATES.env.filters["local_time"] = local_time


class CsrfSettings(BaseModel):
    """The CSRF double-submit settings: the token travels in the form body."""

    secret_key: str
    token_location: str = "body"
    token_key: str = "csrf_token"
    cookie_samesite: str = "lax"
    cookie_secure: bool = False
    max_age: int = 8 * 3600


class NotSignedIn(Exception):
    """The page needs a signed-in person."""


def current_person(request: Request) -> Person:
    """Return the signed-in person, read afresh (a revoked role stops at once)."""
    username = request.session.get("username")
    if not isinstance(username, str):
        raise NotSignedIn
    with session_scope() as session:
        person = find_person(session, username)
    if person is None:
        request.session.clear()
        raise NotSignedIn
    return person


def require_role(person: Person, *roles: str) -> None:
    """Refuse with 403 unless person holds one of roles."""
    if not set(roles) & set(person.roles):
        raise HTTPException(status_code=403, detail="Tài khoản không có quyền xem trang này.")


def unit_of(person: Person) -> Unit:
    """Return the registry unit a unit clerk's account belongs to; 403 for anyone else."""
    require_role(person, "unit")
    with session_scope() as session:
        unit = (
            get_unit(session, registry=person.registry_code, code=person.unit_code)
            if person.unit_code and person.registry_code
            else None
        )
        if unit is None:
            raise HTTPException(status_code=403, detail="Tài khoản chưa gắn với đơn vị.")
        session.expunge(unit)
        return unit


def render(
    request: Request,
    csrf: CsrfProtect,
    template: str,
    context: dict[str, Any],
    *,
    status_code: int = 200,
) -> Response:
    """Render template with a fresh CSRF token in the page and its signed twin in a cookie."""
    token, signed = csrf.generate_csrf_tokens()
    person = context.get("person")
    response = TEMPLATES.TemplateResponse(
        request,
        template,
        {"csrf_token": token, "person": person, **context},
        status_code=status_code,
    )
    csrf.set_csrf_cookie(signed, response)
    return response


async def checked_form(request: Request, csrf: CsrfProtect) -> FormData:
    """Return the posted form after its CSRF token is checked (raises CsrfProtectError)."""
    form = await request.form(max_files=50, max_fields=5000)
    await csrf.validate_csrf(request)
    return form
