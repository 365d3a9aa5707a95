"""Reviewers' pages: the worklist, and one decision page per paused run (council, Sở Nội vụ,
the Chairman's office). Submitting resumes the paused Prefect run, signed for the account."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi_csrf_protect import CsrfProtect
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import ClientDisconnect

from models.database import session_scope
from portal import decision_forms
from portal.runs import DecisionRun, decision_run, paused_runs
from portal.web import REVIEWER_ROLES, checked_form, current_person, render, require_role
from tasks.accounts.store import Person
from tasks.workflow.resume import resume_signed
from tasks.workflow.titles import step_title_of
from tasks.workflow.worklist import worklist, worklist_rows

router = APIRouter(prefix="/xet-duyet")
Csrf = Annotated[CsrfProtect, Depends()]
Who = Annotated[Person, Depends(current_person)]
READERS = {
    "council": decision_forms.read_council,
    "verification": decision_forms.read_verification,
    "chairman": decision_forms.read_chairman,
}


@router.get("")
def worklist_page(request: Request, csrf: Csrf, person: Who) -> Response:
    """List the decisions waiting for the person's roles, and what waits for whom."""
    require_role(person, *REVIEWER_ROLES)
    runs = paused_runs(person.roles)
    waiting: dict[tuple[str, str], list[dict[str, Any]]] = {}
    titles = {run.id: step_title_of(run.campaign, run.phase, run.step) for run in runs}
    with session_scope() as session:
        for run in runs:
            if (run.campaign, run.phase) not in waiting:
                waiting[(run.campaign, run.phase)] = worklist_rows(
                    worklist(session, campaign_code=run.campaign, phase_code=run.phase)
                )
    return render(
        request,
        csrf,
        "worklist.html",
        {"person": person, "runs": runs, "titles": titles, "waiting": waiting},
    )


def _run_for(person: Person, run_id: UUID) -> DecisionRun:
    run = decision_run(run_id)
    if run is None:
        raise HTTPException(status_code=404, detail="Không có lần chạy này.")
    require_role(person, run.role)
    return run


def _page(
    request: Request,
    csrf: Csrf,
    person: Person,
    run: DecisionRun,
    checked: decision_forms.Checked | None,
    *,
    notice: str = "",
    status_code: int = 200,
) -> Response:
    values = (
        checked.values
        if checked
        else decision_forms.initial_values(run.campaign, run.phase, run.step)
    )
    return render(
        request,
        csrf,
        f"{run.step}.html",
        {
            "person": person,
            "run": run,
            "title": step_title_of(run.campaign, run.phase, run.step),
            "candidates": decision_forms.candidates(run.campaign, run.phase, run.step),
            "values": values,
            "checked": checked,
            "notice": notice,
        },
        status_code=status_code,
    )


@router.get("/{run_id}")
def decision_page(request: Request, csrf: Csrf, person: Who, run_id: UUID) -> Response:
    """Show the decision form of a paused run, pre-filled."""
    run = _run_for(person, run_id)
    if run.state != "PAUSED":
        return RedirectResponse(f"/xet-duyet/{run_id}/trang-thai", status_code=303)
    return _page(request, csrf, person, run, None)


@router.post("/{run_id}")
async def submit_decision(request: Request, csrf: Csrf, person: Who, run_id: UUID) -> Response:
    """Check the decision with the flow's rules; keep everything typed; resume when it holds."""
    form = await checked_form(request, csrf)
    # the Prefect and database clients are synchronous: they run outside the event loop
    return await run_in_threadpool(_submit, request, csrf, person, run_id, form)


def _submit(
    request: Request, csrf: CsrfProtect, person: Person, run_id: UUID, form: FormData
) -> Response:
    run = _run_for(person, run_id)
    ids = [c["id"] for c in decision_forms.candidates(run.campaign, run.phase, run.step)]
    values, payload = READERS[run.step](form, ids)
    if run.step == "council" and form.get("action") == "all_in_favour":
        values = decision_forms.all_in_favour(values)
        notice = "Đã điền: mọi thành viên có mặt đồng ý với các trường hợp được đề xuất."
        checked = decision_forms.Checked(values=values, payload=payload)
        return _page(request, csrf, person, run, checked, notice=notice)
    checked = decision_forms.check(run.campaign, run.phase, run.step, values, payload)
    if not checked.ok:
        return _page(request, csrf, person, run, checked, status_code=422)
    if run.state == "PAUSED":
        resume_signed(run.id, payload, account=person.username, role=run.role)
    return RedirectResponse(f"/xet-duyet/{run_id}/trang-thai", status_code=303)


@router.post("/{run_id}/kiem-tra")
async def check_as_typed(request: Request, csrf: Csrf, person: Who, run_id: UUID) -> JSONResponse:
    """Check the form as typed so far with the flow's rules; record nothing, resume nothing."""
    try:
        form = await checked_form(request, csrf)
    except ClientDisconnect:  # the person moved on before the check finished
        return JSONResponse({}, status_code=499)

    def check() -> dict[str, Any]:
        run = _run_for(person, run_id)
        ids = [c["id"] for c in decision_forms.candidates(run.campaign, run.phase, run.step)]
        values, payload = READERS[run.step](form, ids)
        checked = decision_forms.check(run.campaign, run.phase, run.step, values, payload)
        return {
            "ok": checked.ok,
            "general": checked.general,
            "fields": checked.fields,
            "rows": {str(k): v for k, v in checked.rows.items()},
        }

    return JSONResponse(await run_in_threadpool(check))


@router.get("/{run_id}/trang-thai")
def run_status(request: Request, csrf: Csrf, person: Who, run_id: UUID) -> Response:
    """Show where the run is after the submission (refreshes while it records)."""
    run = _run_for(person, run_id)
    return render(
        request,
        csrf,
        "status.html",
        {"person": person, "run": run, "title": step_title_of(run.campaign, run.phase, run.step)},
    )
