"""`thidua campaign check|load`: campaign files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cli.common import database_session
from models.campaign import Campaign, CampaignFileError, load_campaign
from tasks.campaigns import store_campaign

app = typer.Typer(
    help="Phong trào thi đua: kiểm tra và nạp tệp định nghĩa (YAML).", no_args_is_help=True
)


def _load_or_exit(path: Path) -> tuple[Campaign, str]:
    try:
        return load_campaign(path)
    except CampaignFileError as error:
        print(f"Tệp phong trào {path} không hợp lệ ({len(error.problems)} lỗi):")
        for problem in error.problems:
            print(f"  - {problem}")
        raise typer.Exit(1) from error


@app.command(help="Kiểm tra tệp phong trào; mã thoát 1 và danh sách lỗi (kèm tên trường) nếu sai.")
def check(path: Annotated[Path, typer.Argument(exists=True, dir_okay=False)]) -> None:
    """Validate a campaign file and summarise it."""
    campaign, sha256 = _load_or_exit(path)
    print(f"Hợp lệ: {campaign.code} - {campaign.name}")
    print(
        f"  năm: {', '.join(map(str, campaign.years))}; hạn báo cáo: "
        f"{campaign.deadline.day:02d}/{campaign.deadline.month:02d} "
        f"{campaign.deadline.time:%H:%M:%S} ({campaign.timezone})"
    )
    print(
        f"  chỉ tiêu: {len(campaign.indicators)}; đợt xét: "
        + "; ".join(
            f"{p.code} ({p.quarter}, tối đa {p.quotas.collective} tập thể và "
            f"{p.quotas.individual} cá nhân)"
            for p in campaign.phases
        )
    )
    print(f"  SHA-256: {sha256}")


@app.command(
    help="Kiểm tra rồi nạp tệp phong trào vào cơ sở dữ liệu (nạp lại cùng tệp không đổi gì)."
)
def load(path: Annotated[Path, typer.Argument(exists=True, dir_okay=False)]) -> None:
    """Validate and record a campaign file."""
    campaign, sha256 = _load_or_exit(path)
    with database_session() as session:
        record = store_campaign(session, campaign=campaign, sha256=sha256, source=str(path))
        print(f"Đã nạp phong trào {record.code} (bản {record.sha256[:12]}, id {record.id}).")
