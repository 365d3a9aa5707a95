"""The collect pipeline's steps as Prefect tasks: scan, ingest, recheck, count, report."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from zoneinfo import ZoneInfo

from prefect import task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NONE
from sqlmodel import col, select

from models.campaign import Campaign
from models.database import session_scope
from models.settings import get_settings
from models.tables import Submission, Unit
from tasks.campaigns import current_campaign
from tasks.ingest.collect import (
    FolderState,
    Outcome,
    ingest_one,
    known_versions,
    record_result,
    update_counted,
)
from tasks.ingest.completeness import completeness, status_label
from tasks.ingest.feedback import write_feedback
from tasks.ingest.inbox import InboxObject, attachment_listing, list_inbox
from tasks.registry.lookup import context_of
from tasks.storage import ObjectStore
from tasks.validation.report import phase_end_years, validate_workbook

TABLE_ROWS = 500
FEEDBACK_LINKS = 20


@dataclass(frozen=True)
class InboxScan:
    """What the inbox holds for a year: the versions not seen yet, and every folder's state."""

    new: list[InboxObject]
    folders: dict[str, FolderState]
    total_versions: int


def load_campaign_definition(code: str) -> Campaign:
    """Return the campaign in force."""
    with session_scope() as session:
        return current_campaign(session, code=code)[0]


@task(name="scan-inbox", cache_policy=NONE)
def scan_inbox(campaign_code: str, year: int) -> InboxScan:
    """List every upload version of the year and find those not ingested yet."""
    settings = get_settings()
    store = ObjectStore(settings)
    objects = list_inbox(store, bucket=settings.inbox_bucket, campaign=campaign_code, year=year)
    listing = attachment_listing(objects)
    folders: dict[str, FolderState] = {}
    for unit in sorted({item.unit_folder for item in objects}):
        workbooks = tuple(
            sorted(
                {
                    o.key
                    for o in objects
                    if o.unit_folder == unit and not o.is_attachment and o.is_latest
                }
            )
        )
        names, digest = listing.get(unit, ([], None))
        folders[unit] = FolderState(
            workbooks=workbooks, attachments=tuple(names), attachments_sha256=digest
        )
    with session_scope() as session:
        seen = known_versions(
            session, bucket=settings.inbox_bucket, campaign=campaign_code, year=year
        )
    new = [
        item
        for item in objects
        if not item.is_attachment and (item.key, item.version_key) not in seen
    ]
    return InboxScan(new=new, folders=folders, total_versions=len(objects))


@task(name="ingest-batch", cache_policy=NONE, retries=2, retry_delay_seconds=5)
def ingest_batch(
    campaign_code: str, year: int, items: list[InboxObject], folders: dict[str, FolderState]
) -> list[Outcome]:
    """Archive, validate and record a batch of upload versions, one transaction each."""
    settings = get_settings()
    store = ObjectStore(settings)
    campaign = load_campaign_definition(campaign_code)
    return [
        ingest_one(
            store=store,
            settings=settings,
            campaign=campaign,
            year=year,
            item=item,
            folder=folders[item.unit_folder],
        )
        for item in items
    ]


@task(name="recheck-dossiers", cache_policy=NONE)
def recheck_dossiers(campaign_code: str, year: int, folders: dict[str, FolderState]) -> int:
    """Validate again each unit's newest report whose dinh-kem/ folder changed since."""
    campaign = load_campaign_definition(campaign_code)
    if year not in phase_end_years(campaign):
        return 0
    settings = get_settings()
    store = ObjectStore(settings)
    rechecked = 0
    with session_scope() as session:
        rows = session.exec(
            select(Submission)
            .where(
                Submission.campaign_code == campaign_code,
                Submission.year == year,
                col(Submission.archive_key).is_not(None),
            )
            .order_by(col(Submission.uploaded_at), col(Submission.id))
        ).all()
        newest: dict[str, Submission] = {row.folder_unit_code: row for row in rows}
        for unit_folder, submission in newest.items():
            folder = folders.get(unit_folder)
            if folder is None or folder.attachments_sha256 == submission.attachments_sha256:
                continue
            unit = session.get(Unit, submission.unit_code) if submission.unit_code else None
            assert submission.archive_key is not None
            data = store.get_bytes(settings.archive_bucket, submission.archive_key)
            result = validate_workbook(
                data,
                file_name=submission.file_name,
                unit_code=unit_folder,
                year=year,
                campaign=campaign,
                unit=context_of(unit) if unit else None,
                attachments=list(folder.attachments or ()),
            )
            submission.attachments_sha256 = folder.attachments_sha256
            record_result(
                session, submission=submission, result=result, campaign=campaign, year=year
            )
            write_feedback(
                store,
                bucket=settings.output_bucket,
                submission=submission,
                result=result,
                campaign=campaign,
            )
            rechecked += 1
    return rechecked


@task(name="choose-counted-reports", cache_policy=NONE)
def choose_counted(campaign_code: str, year: int) -> int:
    """Mark each unit's counted report for the year; return how many marks changed."""
    campaign = load_campaign_definition(campaign_code)
    with session_scope() as session:
        return update_counted(session, campaign=campaign, year=year)


@task(name="publish-collect-report", cache_policy=NONE)
def publish_report(campaign_code: str, year: int, outcomes: list[Outcome]) -> dict[str, int]:
    """Publish the run's submissions and the year's completeness as Prefect artifacts."""
    campaign = load_campaign_definition(campaign_code)
    zone = ZoneInfo(campaign.timezone)
    processed = [o for o in outcomes if not o.skipped]
    # Problems first; a country-wide run is cut to what a page can show.
    shown = sorted(processed, key=lambda o: (o.status == "valid", not o.is_late, o.unit))
    shown = shown[:TABLE_ROWS]
    create_table_artifact(
        key=f"collect-{campaign_code}-{year}-submissions",
        table=[
            {
                "Đơn vị": o.unit,
                "Tệp": o.file_name,
                "Tải lên": f"{o.uploaded_at.astimezone(zone):%d/%m/%Y %H:%M}",
                "Kết quả": status_label(o.status),
                "Muộn": "có" if o.is_late else "",
                "Lỗi": o.errors,
                "Cảnh báo": o.warnings,
                "Phản hồi": o.feedback_key or "",
            }
            for o in shown
        ]
        or [{"Đơn vị": "", "Tệp": "Không có tệp mới"}],
        description=f"Các tệp báo cáo năm {year} được xử lý trong lần chạy này "
        f"({len(processed)} tệp; hiển thị {len(shown)}, tệp có lỗi trước).",
    )
    with session_scope() as session:
        table = completeness(session, campaign=campaign, year=year)
    create_table_artifact(
        key=f"collect-{campaign_code}-{year}-completeness",
        table=[
            {
                "Nhóm đơn vị": row.group,
                "Phải báo cáo": row.expected,
                "Đã gửi": row.received,
                "Đúng hạn": row.on_time,
                "Muộn": row.late,
                "Không hợp lệ": row.invalid,
                "Chưa gửi": row.missing,
                "Tỷ lệ báo cáo": f"{row.reporting_rate:.0%}",
                "Tỷ lệ đúng hạn": f"{row.on_time_rate:.0%}",
            }
            for row in table.rows
        ],
        description=f"Tình hình gửi báo cáo năm {year} (hạn "
        f"{campaign.deadline_for(year):%d/%m/%Y}).",
    )
    total = table.rows[-1]
    create_markdown_artifact(
        key=f"collect-{campaign_code}-{year}-summary",
        markdown=_summary_markdown(
            year, processed, total, table.missing_units, table.invalid_units
        ),
        description="Kết quả thu nhận báo cáo và việc cần làm tiếp.",
    )
    return {
        "processed": len(processed),
        "skipped": len(outcomes) - len(processed),
        **{k: v for k, v in asdict(total).items() if k != "group"},
    }


def _summary_markdown(
    year: int,
    processed: list[Outcome],
    total: object,
    missing: Iterable[tuple[str, str]],
    invalid: Iterable[tuple[str, str]],
) -> str:
    lines = [
        f"# Thu nhận báo cáo năm {year}",
        "",
        f"- Tệp mới xử lý: {len(processed)} "
        f"({sum(o.status == 'valid' for o in processed)} hợp lệ, "
        f"{sum(o.status != 'valid' for o in processed)} có lỗi hoặc không đọc được).",
    ]
    missing, invalid = list(missing), list(invalid)
    lines.append(f"- Đơn vị chưa gửi: {len(missing)}; đơn vị chỉ có báo cáo lỗi: {len(invalid)}.")
    lines += ["", "## Việc cần làm tiếp"]
    if invalid:
        lines.append(
            "- Nhắc các đơn vị có báo cáo lỗi xem tệp phản hồi trong `phan-hoi/` và tải "
            "lên lại: " + ", ".join(code for code, _ in invalid) + "."
        )
    if missing:
        lines.append("- Đôn đốc các đơn vị chưa gửi: " + ", ".join(c for c, _ in missing) + ".")
    if not missing and not invalid:
        lines.append("- Tất cả đơn vị đã có báo cáo hợp lệ: có thể chạy tổng hợp năm.")
    faulty = [o for o in processed if o.status != "valid" and o.feedback_key][:FEEDBACK_LINKS]
    if faulty:
        lines += ["", "## Phản hồi cho các tệp có lỗi (tải bằng `thidua link <khóa>`)"]
        lines += [f"- {o.unit} — {o.file_name}: `{o.feedback_key}`" for o in faulty]
    return "\n".join(lines)
