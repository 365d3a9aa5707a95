"""The portal's ASGI application."""

from __future__ import annotations

import hashlib
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi_csrf_protect import CsrfProtect
from fastapi_csrf_protect.exceptions import CsrfProtectError
from starlette.exceptions import HTTPException
from starlette.middleware.sessions import SessionMiddleware

from models.settings import Settings, get_settings
from portal import admin, auth, giay_khen, reviewer, unit
from portal.web import HERE, TEMPLATES, CsrfSettings, NotSignedIn

SESSION_HOURS = 8


def _derived(settings: Settings, purpose: str) -> str:
    """Return a key for purpose derived from the portal key (sessions, CSRF, decisions differ)."""
    key = settings.portal_key.get_secret_value().encode()
    return hashlib.sha256(key + b"\x00" + purpose.encode()).hexdigest()


def create_app(settings: Settings | None = None) -> FastAPI:
    """Return the portal: sessions, CSRF, the sign-in, units' and reviewers' pages."""
    settings = settings or get_settings()
    secure = settings.portal_url.startswith("https://")
    csrf = CsrfSettings(secret_key=_derived(settings, "csrf"), cookie_secure=secure)

    @CsrfProtect.load_config
    def _csrf_config() -> list[tuple[str, Any]]:
        return list(csrf.model_dump().items())

    app = FastAPI(title="Cổng thidua", docs_url=None, redoc_url=None, openapi_url=None)
    app.add_middleware(
        SessionMiddleware,
        secret_key=_derived(settings, "session"),
        session_cookie="thidua_session",
        max_age=SESSION_HOURS * 3600,
        same_site="lax",
        https_only=secure,
    )
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(auth.router)
    app.include_router(giay_khen.router)
    app.include_router(unit.router)
    app.include_router(reviewer.router)
    app.include_router(admin.router)

    @app.exception_handler(NotSignedIn)
    def _sign_in(request: Request, exc: NotSignedIn) -> Response:
        return RedirectResponse("/dang-nhap", status_code=303)

    @app.exception_handler(CsrfProtectError)
    def _csrf_failed(request: Request, exc: CsrfProtectError) -> Response:
        return _error(
            request,
            403,
            "Phiên làm việc đã hết hạn hoặc biểu mẫu không hợp lệ. Hãy tải lại trang và gửi lại.",
        )

    @app.exception_handler(HTTPException)
    def _http_error(request: Request, exc: HTTPException) -> Response:
        return _error(request, exc.status_code, str(exc.detail))

    @app.get("/suc-khoe")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    return app


def _error(request: Request, status: int, message: str) -> Response:
    return TEMPLATES.TemplateResponse(
        request,
        "error.html",
        {"message": message, "status": status, "person": None},
        status_code=status,
    )
