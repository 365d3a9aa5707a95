"""`thidua collect`: run the collect-reports flow for one year, now."""

from __future__ import annotations

from typing import Annotated

import typer

from cli.common import campaign_code
from cli.prefect_api import use_local_server


def collect(
    year: Annotated[int, typer.Option("--year", help="Năm báo cáo.")],
    campaign: Annotated[str | None, typer.Option("--campaign", help="Mã phong trào.")] = None,
    batch_size: Annotated[int, typer.Option("--batch-size", help="Số tệp mỗi tác vụ.")] = 50,
) -> None:
    """Collect and validate the year's new uploads."""
    server = use_local_server()
    from flows.collect_reports import collect_reports  # after PREFECT_API_URL is settled

    summary = collect_reports(campaign=campaign_code(campaign), year=year, batch_size=batch_size)
    print(
        f"Năm {year}: xử lý {summary['processed']} tệp mới; {summary['on_time']} đơn vị đúng "
        f"hạn, {summary['late']} muộn, {summary['invalid']} chỉ có báo cáo lỗi, "
        f"{summary['missing']} chưa gửi (trên {summary['expected']} đơn vị)."
    )
    if server:
        print(f"Xem chi tiết trong Prefect UI: {server.removesuffix('/api')}")
