"""Flow collect-reports: take in a year's new uploads, validate them and answer every unit."""

from __future__ import annotations

import time
from typing import TypeVar, cast
from uuid import UUID

from prefect import flow, get_run_logger
from prefect.artifacts import create_progress_artifact, update_progress_artifact
from prefect.futures import as_completed
from prefect.utilities.annotations import quote

from flows.naming import this_year, year_run_name
from flows.runners import batch_task_runner
from tasks.campaigns import resolve_campaign_code
from tasks.ingest.publish import notify_units, publish_report
from tasks.ingest.steps import (
    campaign_year_problem,
    choose_counted,
    ingest_batch,
    recheck_dossiers,
    scan_inbox,
)
from tasks.workflow.steps import check_nominations

T = TypeVar("T")
PROGRESS_SECONDS = 1.0


def as_is(value: T) -> T:
    """Return value quoted: Prefect passes it to the task without walking every item in it."""
    return cast(T, quote(value))


# Batches mostly wait on storage: twice the usual threads, a Dask cluster to scale out.
@flow(
    name="collect-reports",
    flow_run_name=year_run_name("collect"),
    task_runner=batch_task_runner(io_bound=True),
)
def collect_reports(
    campaign: str | None = None, year: int | None = None, batch_size: int = 50
) -> dict[str, int]:
    """Ingest every report version of the year (this year by default) not recorded yet."""
    campaign = resolve_campaign_code(campaign)
    logger = get_run_logger()
    year = year or this_year()
    if problem := campaign_year_problem(campaign, year):
        logger.info(problem)
        return {"processed": 0, "outside_campaign": 1}
    scan = scan_inbox(campaign, year)
    logger.info(
        "Năm %s: %d phiên bản trong hộp thư, %d phiên bản cần xử lý, %d đặt sai chỗ, %d lần xóa.",
        year,
        scan.total_versions,
        len(scan.new),
        len(scan.misplaced),
        scan.deletions,
    )
    batches = [scan.new[i : i + batch_size] for i in range(0, len(scan.new), batch_size)]
    # Each batch gets only its own units' folders.
    futures = [
        ingest_batch.submit(
            campaign,
            year,
            batch,  # not quoted: a Dask runner would not unquote it
            {item.unit_folder: scan.folders[item.unit_folder] for item in batch},
        )
        for batch in batches
    ]
    outcomes = []
    if futures:  # a run with nothing new has no progress to show
        progress: UUID = create_progress_artifact(  # type: ignore[assignment]
            0.0,
            description=f"Thu nhận năm {year}: {len(scan.new)} tệp mới, {len(batches)} lô.",
        )
    shown_at = time.monotonic()
    for done, future in enumerate(as_completed(futures), start=1):
        outcomes += future.result()
        # The progress is a call to the server: at most one a second, and the last one.
        if done == len(futures) or time.monotonic() - shown_at >= PROGRESS_SECONDS:
            update_progress_artifact(progress, 100.0 * done / len(futures))
            shown_at = time.monotonic()
    rechecked = recheck_dossiers(campaign, year, as_is(scan.folders))
    changed = choose_counted(campaign, year)
    checked = check_nominations(campaign, year)  # the data decides: valid or invalid dossiers
    summary = publish_report(campaign, year, as_is(outcomes))
    notified = notify_units(campaign, year, as_is(outcomes))  # e-mail, when SMTP is configured
    logger.info(
        "Đã xử lý %d tệp (%d tạm gác), kiểm tra lại %d hồ sơ, %d thay đổi báo cáo được tính.",
        summary["processed"],
        summary["set_aside"],
        rechecked,
        changed,
    )
    return {
        **summary,
        "rechecked": rechecked,
        "counted_changes": changed,
        "nominations_checked": checked,
        "units_notified": notified,
    }
