"""The collect run's Prefect artifacts: what was processed, the year's completeness, what next."""

from __future__ import annotations

from dataclasses import asdict
from zoneinfo import ZoneInfo

from prefect import task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NONE

from models.database import session_scope
from models.settings import get_settings
from tasks.ingest.collect import Outcome
from tasks.ingest.completeness import Completeness, completeness, status_label
from tasks.ingest.steps import load_campaign_definition
from tasks.ingest.versions import failed_versions
from tasks.notify.feedback_mail import Processed, notices, recipients, send

TABLE_ROWS = 500
LISTED_PROBLEMS = 50


@task(name="publish-collect-report", cache_policy=NONE)
def publish_report(campaign_code: str, year: int, outcomes: list[Outcome]) -> dict[str, int]:
    """Publish the run's submissions and the year's completeness as Prefect artifacts."""
    campaign = load_campaign_definition(campaign_code)
    zone = ZoneInfo(campaign.timezone)
    processed = [o for o in outcomes if not o.skipped]
    # Problems first; a country-wide run is cut to what a page can show.
    shown = sorted(processed, key=lambda o: (o.status == "valid", not o.is_late, o.unit, o.key))
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
    settings = get_settings()
    with session_scope() as session:
        table = completeness(session, campaign=campaign, year=year)
        problems = [
            (row.object_key, row.state, row.last_error or "")
            for row in failed_versions(
                session, bucket=settings.inbox_bucket, campaign=campaign_code, year=year
            )
        ]
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
    create_markdown_artifact(
        key=f"collect-{campaign_code}-{year}-summary",
        markdown=summary_markdown(year, processed, table, problems),
        description="Kết quả thu nhận báo cáo và việc cần làm tiếp.",
    )
    total = table.rows[-1]
    return {
        "processed": len(processed),
        "skipped": len(outcomes) - len(processed),
        "set_aside": sum(o.status == "set_aside" for o in processed),
        **{k: v for k, v in asdict(total).items() if k != "group"},
    }


def summary_markdown(
    year: int,
    processed: list[Outcome],
    table: Completeness,
    problems: list[tuple[str, str, str]],
) -> str:
    """Return the run's summary: counts, who to chase, and what the administrator must see."""
    missing, invalid = table.missing_units, table.invalid_units
    lines = [
        f"# Thu nhận báo cáo năm {year}",
        "",
        f"- Tệp mới xử lý: {len(processed)} "
        f"({sum(o.status == 'valid' for o in processed)} hợp lệ, "
        f"{sum(o.status != 'valid' for o in processed)} có lỗi hoặc không đọc được).",
        f"- Đơn vị chưa gửi: {len(missing)}; đơn vị chỉ có báo cáo lỗi: {len(invalid)}.",
        "",
        "## Việc cần làm tiếp",
    ]
    if invalid:
        lines.append(
            "- Nhắc các đơn vị có báo cáo lỗi xem tệp phản hồi trong `phan-hoi/` và tải "
            "lên lại: " + ", ".join(code for code, _ in invalid) + "."
        )
    if missing:
        lines.append("- Đôn đốc các đơn vị chưa gửi: " + ", ".join(c for c, _ in missing) + ".")
    if not missing and not invalid:
        lines.append("- Tất cả đơn vị đã có báo cáo hợp lệ: có thể chạy tổng hợp năm.")
    faulty = [o for o in processed if o.status != "valid" and o.feedback_key][:LISTED_PROBLEMS]
    if faulty:
        lines += [
            "",
            "## Phản hồi cho các tệp có lỗi",
            "Khóa đối tượng trong kho kết quả; đường dẫn tải có hạn: `thidua link <khóa>`.",
        ]
        lines += [f"- {o.unit} — {o.file_name}: `{o.feedback_key}`" for o in faulty]
    if problems:
        lines += [
            "",
            "## Cần quản trị viên xem (tệp tạm gác hoặc đặt sai chỗ)",
            f"{len(problems)} phiên bản; hiển thị tối đa {LISTED_PROBLEMS}.",
        ]
        lines += [
            f"- `{key}` ({'tạm gác' if state == 'set_aside' else 'đang lỗi'}): {error}"
            for key, state, error in problems[:LISTED_PROBLEMS]
        ]
    return "\n".join(lines)


@task(name="notify-units", cache_policy=NONE, retries=2, retry_delay_seconds=30)
def notify_units(campaign_code: str, year: int, outcomes: list[Outcome]) -> int:
    """E-mail each unit whose uploads this run answered (when an SMTP server is configured)."""
    settings = get_settings()
    if not settings.smtp_host:
        return 0
    processed = [Processed(o.unit, o.file_name, o.status) for o in outcomes if not o.skipped]
    with session_scope() as session:
        addresses = recipients(session, {p.unit for p in processed})
    messages = notices(
        processed, addresses, sender=settings.smtp_sender, year=year, portal_url=settings.portal_url
    )
    return send(settings, messages)
