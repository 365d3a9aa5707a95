"""Units' pages: their workbook, their uploads with the self-check at once, the pipeline's
feedback and what to do next. A unit sees and writes only its own folder."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import Response
from fastapi_csrf_protect import CsrfProtect
from sqlmodel import col, select
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from models.campaign import Campaign
from models.database import session_scope
from models.settings import get_settings
from models.tables import Finding, Submission, Unit
from portal.intake import (
    MAX_BYTES,
    REPORT_SUFFIXES,
    Intake,
    attachments_in_inbox,
    safe_name,
    self_check,
    store_upload,
)
from portal.web import checked_form, current_person, render, unit_of
from tasks.accounts.store import Person
from tasks.campaigns import campaigns_of_registry, current_campaign
from tasks.ingest.feedback import STATUS_LABELS, subject_of
from tasks.ingest.feedback_document import stored_feedback_workbook
from tasks.storage import ObjectStore
from tasks.templates.report_workbook import TemplateUnit, build_report_template, save_workbook

router = APIRouter(prefix="/don-vi")
Csrf = Annotated[CsrfProtect, Depends()]
Who = Annotated[Person, Depends(current_person)]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _campaign(unit: Unit) -> Campaign:
    """Return the newest loaded campaign that reads the unit's registry."""
    with session_scope() as session:
        found = campaigns_of_registry(session, registry=unit.registry_code)
        if found:
            return found[0]
        raise HTTPException(
            status_code=404, detail="Chưa có phong trào nào dùng danh mục của đơn vị."
        )


def _year(campaign: Campaign, asked: str | None) -> int:
    if asked and asked.isdigit() and int(asked) in campaign.years:
        return int(asked)
    past = [y for y in campaign.years if y <= date.today().year]
    return max(past) if past else campaign.years[0]


def _submissions(campaign: Campaign, year: int, unit_code: str) -> list[dict[str, Any]]:
    with session_scope() as session:
        rows = session.exec(
            select(Submission)
            .where(
                Submission.campaign_code == campaign.code,
                Submission.year == year,
                Submission.folder_unit_code == unit_code,
            )
            .order_by(col(Submission.uploaded_at).desc(), col(Submission.object_key))
        ).all()
        return [
            {
                "id": s.id,
                "file": s.file_name or s.object_key.rsplit("/", 1)[-1],
                "uploaded_at": s.uploaded_at,
                "status": STATUS_LABELS.get(s.status, s.status),
                "valid": s.status == "valid",
                "counted": s.is_counted,
                "late": s.is_late,
                "findings": session.exec(
                    select(Finding)
                    .where(Finding.submission_id == s.id)
                    .order_by(col(Finding.sheet), col(Finding.row), col(Finding.code))
                ).all(),
            }
            for s in rows
        ]


def _next_step(submissions: list[dict[str, Any]], deadline: str) -> str:
    if not submissions:
        return f"Chưa có báo cáo nào được hệ thống ghi nhận. Hạn nộp: {deadline}."
    if any(s["counted"] and s["valid"] for s in submissions):
        return "Báo cáo hợp lệ đã được tính. Có thể gửi bản thay thế trước hạn nếu cần."
    return f"Báo cáo gần nhất còn lỗi: sửa theo phản hồi và tải lên lại trước {deadline}."


def _page(
    request: Request, csrf: Csrf, person: Person, year_asked: str | None, **extra: Any
) -> Response:
    unit = unit_of(person)
    campaign = _campaign(unit)
    year = _year(campaign, year_asked)
    deadline = f"{campaign.deadline_for(year):%H:%M ngày %d/%m/%Y}"
    submissions = _submissions(campaign, year, unit.code)
    return render(
        request,
        csrf,
        "unit.html",
        {
            "person": person,
            "unit": unit,
            "campaign": campaign,
            "year": year,
            "deadline": deadline,
            "submissions": submissions,
            "next_step": _next_step(submissions, deadline),
            **extra,
        },
    )


@router.get("")
def unit_page(request: Request, csrf: Csrf, person: Who, nam: str | None = None) -> Response:
    """The unit's page: workbook, upload, self-check, the pipeline's feedback and status."""
    return _page(request, csrf, person, nam)


@router.get("/bieu-mau")
def workbook(person: Who, nam: str | None = None) -> Response:
    """Download the unit's own report workbook for the year."""
    unit = unit_of(person)
    campaign = _campaign(unit)
    year = _year(campaign, nam)
    book = build_report_template(
        campaign=campaign,
        unit=TemplateUnit(code=unit.code, name=unit.name, kind=unit.kind, level=unit.level),
        year=year,
    )
    name = f"BCTD-1-{year}-{unit.code}.xlsx"
    return Response(
        save_workbook(book),
        media_type=XLSX,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.get("/phan-hoi/{submission_id}")
def feedback(person: Who, submission_id: int) -> Response:
    """Download the pipeline's feedback workbook of one of the unit's own submissions."""
    unit = unit_of(person)
    with session_scope() as session:
        submission = session.get(Submission, submission_id)
        if submission is None or submission.folder_unit_code != unit.code:
            raise HTTPException(status_code=404, detail="Không có phản hồi này.")
        subject = subject_of(submission)
        campaign = current_campaign(session, code=submission.campaign_code)[0]
    settings = get_settings()
    store = ObjectStore(settings.as_portal())
    data = stored_feedback_workbook(store, settings.output_bucket, subject, campaign)
    if data is None:
        raise HTTPException(status_code=404, detail="Phản hồi chưa sẵn sàng.")
    return Response(
        data,
        media_type=XLSX,
        headers={"Content-Disposition": f'attachment; filename="phan-hoi-{submission_id}.xlsx"'},
    )


@router.post("/nop")
async def upload(request: Request, csrf: Csrf, person: Who) -> Response:
    """Store the report and dossier files in the unit's folder; show the self-check at once."""
    form = await checked_form(request, csrf)
    files: list[tuple[str, bytes, bool]] = []
    for item in form.getlist("dossier"):
        if isinstance(item, UploadFile) and item.filename:
            files.append((item.filename, await item.read(MAX_BYTES + 1), True))
    report = form.get("report")
    if isinstance(report, UploadFile) and report.filename:
        files.append((report.filename, await report.read(MAX_BYTES + 1), False))
    year = str(form.get("nam", ""))
    # the S3, database and Prefect clients are synchronous: they run outside the event loop
    intake = await run_in_threadpool(_intake, person, year, files)
    return _page(request, csrf, person, year, intake=intake)


def _intake(person: Person, year_asked: str, files: list[tuple[str, bytes, bool]]) -> Intake:
    unit = unit_of(person)
    campaign = _campaign(unit)
    year = _year(campaign, year_asked)
    settings = get_settings()
    intake = Intake()
    if not files:
        intake.refused.append("Chưa chọn tệp nào để tải lên.")
    for name, data, attachment in files:  # dossier files first: the report's check sees them
        if len(data) > MAX_BYTES:
            intake.refused.append(f"{name}: tệp lớn hơn 20 MB, không nhận.")
            continue
        if not attachment and not name.lower().endswith(REPORT_SUFFIXES):
            intake.refused.append(f"{name}: báo cáo phải là tệp Excel (.xlsx, .xls) hoặc .ods.")
            continue
        if not attachment:
            present = attachments_in_inbox(settings, campaign.code, year, unit.code)
            intake.ok, intake.findings = self_check(
                data,
                name=safe_name(name),
                unit=unit,
                year=year,
                campaign=campaign,
                attachments=present,
            )
            intake.checked = True
        intake.stored.append(
            store_upload(
                settings,
                username=person.username,
                campaign=campaign.code,
                year=year,
                unit_code=unit.code,
                name=name,
                data=data,
                attachment=attachment,
            )
        )
    return intake
