"""`thidua demo`: the main job end to end on embedded defaults."""

from __future__ import annotations

import typer

from cli.stack import print_status
from deploy.local_stack import LocalStack, StackError
from models.campaign import shipped_campaign_path
from models.database import current_revision, session_scope, upgrade
from models.settings import get_settings
from tasks.campaigns import load_campaign_file
from tasks.registry.upsert import import_registry

DEMO_CAMPAIGN = "cds-2022-2025"
DEMO_REGISTRY = shipped_campaign_path(DEMO_CAMPAIGN).parents[1] / "data" / "units-bac-kan.csv"


def demo() -> None:
    """Bring the local stack up, migrate, load the registry and campaign, say where things are."""
    settings = get_settings()
    print("1/3 Khởi động máy chủ S3 (SeaweedFS) và máy chủ Prefect...")
    try:
        report = LocalStack(settings).up()
    except StackError as error:
        print(f"Lỗi: {error}")
        raise typer.Exit(1) from error
    print_status(report)
    print("2/3 Di chuyển lược đồ cơ sở dữ liệu...")
    upgrade()
    print(f"    phiên bản lược đồ: {current_revision()}")
    print("3/3 Nạp danh mục đơn vị và phong trào thi đua...")
    with session_scope() as session:
        units = import_registry(session, path=DEMO_REGISTRY)
        campaign = load_campaign_file(session, path=shipped_campaign_path(DEMO_CAMPAIGN))
        print(
            f"    danh mục {DEMO_REGISTRY.name}: {len(units.inserted)} mới, "
            f"{len(units.updated)} cập nhật, {len(units.unchanged)} không đổi"
        )
        print(f"    phong trào {campaign.code}: {campaign.name} (bản {campaign.sha256[:12]})")
    print()
    print(f"Giao diện Prefect (Prefect UI): {settings.prefect_ui_url}")
    print(f"Máy chủ S3: {settings.s3_url}  (khóa truy cập: {settings.s3_access_key})")
    print(
        f"  bucket nhận báo cáo: {settings.inbox_bucket}; lưu trữ: {settings.archive_bucket}; "
        f"kết quả: {settings.output_bucket}"
    )
    print(f"Cơ sở dữ liệu: {settings.resolved_database_url}")
    print("Dừng ngăn xếp: .venv/bin/thidua stack down")
