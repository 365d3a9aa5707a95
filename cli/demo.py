"""`thidua demo`: the main job end to end on embedded defaults."""

from __future__ import annotations

import typer

from cli.stack import print_status
from deploy.local_stack import LocalStack, StackError
from models.database import current_revision, upgrade
from models.settings import get_settings


def demo() -> None:
    """Bring the local stack up, migrate the database and say where everything is."""
    settings = get_settings()
    print("1/2 Khởi động máy chủ S3 (SeaweedFS) và máy chủ Prefect...")
    try:
        report = LocalStack(settings).up()
    except StackError as error:
        print(f"Lỗi: {error}")
        raise typer.Exit(1) from error
    print_status(report)
    print("2/2 Di chuyển lược đồ cơ sở dữ liệu...")
    upgrade()
    print(f"    phiên bản lược đồ: {current_revision()}")
    print()
    print(f"Giao diện Prefect (Prefect UI): {settings.prefect_ui_url}")
    print(f"Máy chủ S3: {settings.s3_url}  (khóa truy cập: {settings.s3_access_key})")
    print(
        f"  bucket nhận báo cáo: {settings.inbox_bucket}; lưu trữ: {settings.archive_bucket}; "
        f"kết quả: {settings.output_bucket}"
    )
    print(f"Cơ sở dữ liệu: {settings.resolved_database_url}")
    print("Dừng ngăn xếp: .venv/bin/thidua stack down")
