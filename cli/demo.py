"""`thidua demo`: the main job end to end on embedded defaults."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer

from cli.prefect_api import in_process_runs, use_local_server
from cli.stack import print_status
from deploy.local_stack import LocalStack
from deploy.processes import StackError
from models.campaign import shipped_campaign_path
from models.database import current_revision, session_scope, upgrade
from models.settings import get_settings
from tasks.campaigns import load_campaign_file
from tasks.registry.upsert import import_registry

DEMO_CAMPAIGN = "cds-2022-2025"
DEMO_REGISTRY = shipped_campaign_path(DEMO_CAMPAIGN).parents[1] / "data" / "units-bac-kan.csv"


def demo(
    out: Annotated[Path, typer.Option("--out", help="Thư mục chép hồ sơ và báo cáo.")] = Path(
        "out"
    ),
    setup_only: Annotated[
        bool, typer.Option("--setup-only", help="Chỉ khởi động ngăn xếp và nạp dữ liệu.")
    ] = False,
) -> None:
    """Start the stack, load the registry and campaign, replay 2022-2025, build the dossiers."""
    started = time.monotonic()
    settings = get_settings()
    print("1/4 Khởi động máy chủ S3 (SeaweedFS), máy chủ Prefect và worker...")
    try:
        report = LocalStack(settings).up()
    except StackError as error:
        print(f"Lỗi: {error}")
        raise typer.Exit(1) from error
    print_status(report)
    print("2/4 Di chuyển lược đồ cơ sở dữ liệu...")
    upgrade()
    print(f"    phiên bản lược đồ: {current_revision()}")
    print("3/4 Nạp danh mục đơn vị và phong trào thi đua...")
    with session_scope() as session:
        units = import_registry(session, path=DEMO_REGISTRY)
        campaign = load_campaign_file(session, path=shipped_campaign_path(DEMO_CAMPAIGN))
        print(
            f"    danh mục {DEMO_REGISTRY.name}: {len(units.inserted)} mới, "
            f"{len(units.updated)} cập nhật, {len(units.unchanged)} không đổi"
        )
        print(f"    phong trào {campaign.code}: {campaign.name} (bản {campaign.sha256[:12]})")
    from cli.demo_accounts import DEMO_PASSWORD, ensure_demo_accounts

    accounts = ensure_demo_accounts(DEMO_PASSWORD)
    print(f"    tài khoản cổng thidua: {', '.join(accounts)} (mật khẩu {DEMO_PASSWORD})")
    if not setup_only:
        print(
            "4/4 Chạy lại cả phong trào 2022 - 2025 qua các luồng Prefect: báo cáo của mọi đơn "
            "vị (có bản muộn, bản lỗi được gửi lại), thu nhận, tổng hợp, sơ kết 2023 và tổng "
            "kết 2025 (Hội đồng, Sở Nội vụ, Chủ tịch quyết định theo kịch bản), lập hồ sơ..."
        )
        use_local_server()
        from cli.demo_cycle import run_cycle  # imports Prefect flows once the API URL is set

        with in_process_runs():
            copied = run_cycle(settings, DEMO_CAMPAIGN, out, print)
        print(f"    đã chép {len(copied)} tệp vào {out}/ (hồ sơ trình, báo cáo tổng hợp năm)")
    print()
    portal = "Cổng thidua (đơn vị nộp báo cáo, Hội đồng và các cơ quan quyết định)"
    print(f"{portal}: {settings.portal_url}")
    print(f"Giao diện Prefect (Prefect UI): {settings.prefect_ui_url}")
    if settings.prefect_api_auth is not None:
        print(f"  đăng nhập Prefect UI bằng: {settings.prefect_api_auth.get_secret_value()}")
    ui = settings.prefect_ui_url
    print(f"  các lần chạy: {ui}/runs ; kết quả (artifact): {ui}/artifacts")
    print(f"Máy chủ S3: {settings.s3_url}  (khóa truy cập: {settings.s3_access_key})")
    print(
        f"  bucket nhận báo cáo: {settings.inbox_bucket}; lưu trữ: {settings.archive_bucket}; "
        f"kết quả: {settings.output_bucket} (phan-hoi/, tong-hop/, ho-so/)"
    )
    if not setup_only:
        print(f"Hồ sơ trình Chủ tịch: {out}/ho-so/{DEMO_CAMPAIGN}/ (mỗi đợt: DOCX, ZIP, manifest)")
    print(f"Cơ sở dữ liệu: {settings.resolved_database_url}")
    elapsed = time.monotonic() - started
    print(f"Xong sau {elapsed:.0f} giây. Dừng ngăn xếp: .venv/bin/thidua stack down")
