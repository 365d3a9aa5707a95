"""A unit's Giấy khen round on the portal: its head's clerk uploads the round file, sees the
engine's proposal at once. A unit loads rounds of its own unit only."""

from __future__ import annotations

import hashlib
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import Response
from fastapi_csrf_protect import CsrfProtect
from sqlmodel import col, select
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from models.database import session_scope
from models.giay_khen_file import RoundFileError, parse_round
from models.tables import GiayKhenCandidate, GiayKhenRoundRecord, Unit
from portal.web import checked_form, current_person, render, unit_of
from tasks.accounts.store import Person, record_action
from tasks.campaigns import campaigns_of_registry, current_campaign
from tasks.giay_khen.records import RoundError, store_round
from tasks.giay_khen.round import propose_round

router = APIRouter(prefix="/don-vi/giay-khen")
Csrf = Annotated[CsrfProtect, Depends()]
Who = Annotated[Person, Depends(current_person)]
MAX_BYTES = 1024 * 1024


def _rounds(unit: Unit) -> list[dict[str, Any]]:
    """Return the unit's rounds, in the campaigns that read its registry only."""
    with session_scope() as session:
        codes = [c.code for c in campaigns_of_registry(session, registry=unit.registry_code)]
        records = session.exec(
            select(GiayKhenRoundRecord)
            .where(GiayKhenRoundRecord.unit_code == unit.code)
            .where(col(GiayKhenRoundRecord.campaign_code).in_(codes))
            .order_by(col(GiayKhenRoundRecord.id).desc())
        ).all()
        return [
            {
                "campaign": r.campaign_code,
                "phase": r.phase_code,
                "code": r.code,
                "name": r.content.get("name", ""),
                "state": r.state,
                "candidates": [
                    c.model_dump()
                    for c in session.exec(
                        select(GiayKhenCandidate)
                        .where(GiayKhenCandidate.round_id == r.id)
                        .order_by(col(GiayKhenCandidate.id))
                    ).all()
                ],
            }
            for r in records
        ]


def _page(
    request: Request, csrf: CsrfProtect, person: Person, unit: Unit, **extra: Any
) -> Response:
    status = int(extra.pop("status_code", 200))
    context = {"person": person, "unit": unit, "rounds": _rounds(unit), **extra}
    return render(request, csrf, "giay_khen.html", context, status_code=status)


@router.get("")
def round_page(request: Request, csrf: Csrf, person: Who) -> Response:
    """Show the unit's Giấy khen rounds and the upload form."""
    return _page(request, csrf, person, unit_of(person))


def _load(data: bytes, name: str, unit: Unit, username: str) -> dict[str, Any]:
    round_ = parse_round(data, source=name)
    if round_.unit_code != unit.code:
        raise PermissionError(
            f"Tài khoản của {unit.name} chỉ nạp đợt xét Giấy khen của chính đơn vị mình; tệp "
            f"ghi đơn vị «{round_.unit_code}»."
        )
    with session_scope() as session:
        try:
            campaign, _ = current_campaign(session, code=round_.campaign)
        except KeyError as error:
            raise RoundError(f"campaign: {error.args[0]}") from error
        if campaign.registry != unit.registry_code:
            raise PermissionError(
                f"Phong trào {campaign.code} không dùng danh mục đơn vị của {unit.name}: đơn vị "
                "chỉ nạp đợt xét Giấy khen trong phong trào của mình."
            )
        sha256 = hashlib.sha256(data).hexdigest()
        record = store_round(
            session, round_=round_, campaign=campaign, sha256=sha256, source=f"cổng: {name}"
        )
        record_action(
            session, username=username, action="giay_khen_load", subject=record.code, detail=sha256
        )
        return propose_round(
            session, campaign_code=round_.campaign, unit_code=unit.code, round_code=round_.code
        )


@router.post("/nap")
async def upload_round(request: Request, csrf: Csrf, person: Who) -> Response:
    """Check and record the round file; the engine's proposal at once."""
    form = await checked_form(request, csrf)
    unit = unit_of(person)
    upload = form.get("round_file")
    if not isinstance(upload, UploadFile) or not upload.filename:
        return _page(
            request, csrf, person, unit, errors=["Chưa chọn tệp đợt xét."], status_code=400
        )
    data = await upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        return _page(request, csrf, person, unit, errors=["Tệp lớn hơn 1 MB."], status_code=400)
    try:
        proposal = await run_in_threadpool(_load, data, upload.filename, unit, person.username)
    except PermissionError as error:
        raise HTTPException(status_code=403, detail=str(error)) from error
    except RoundFileError as error:
        return _page(request, csrf, person, unit, errors=error.problems, status_code=400)
    except RoundError as error:
        return _page(request, csrf, person, unit, errors=[str(error)], status_code=400)
    return _page(request, csrf, person, unit, proposal=proposal)
