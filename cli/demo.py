"""`thidua demo`: the main job end to end on embedded defaults, two campaigns side by side."""

from __future__ import annotations

import hashlib
import time
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Annotated

import typer

from cli.demo_uploads import prepare_uploads
from cli.prefect_api import expect_local_server, in_process_runs
from cli.stack import print_status
from deploy.local_stack import LocalStack
from deploy.processes import ServiceStatus, StackError
from models.campaign import load_campaign, shipped_campaign_path
from models.database import current_revision, session_scope, upgrade
from models.settings import get_settings
from tasks.campaigns import load_campaign_file
from tasks.registry.upsert import import_registry

# The demo's campaigns, each with its own registry: Bắc Kạn's province-wide plan, and a smaller
# movement of a ministry whose Minister awards (models/campaigns/*.yaml).
DEMO_CAMPAIGNS = ["cds-2022-2025", "bkhcn-cds-2026-2027"]
DEMO_CAMPAIGN = DEMO_CAMPAIGNS[0]
# What the replay needs before it starts: storage (and its upload events) and the Prefect server.
CORE_SERVICES = ("seaweedfs", "prefect", "events")


def registry_path(code: str) -> Path:
    """Return the shipped registry file a shipped campaign reads: units-<registry>.csv."""
    campaign, _ = load_campaign(shipped_campaign_path(code))
    return shipped_campaign_path(code).parents[1] / "data" / f"units-{campaign.registry}.csv"


def fingerprint(code: str, copied: list[Path], out: Path) -> list[str]:
    """Return the lines that show a campaign's results: each phase's result hash, the outputs'."""
    from sqlmodel import col, select

    from models.tables import PhaseResult

    with session_scope() as session:
        results = session.exec(
            select(PhaseResult)
            .where(PhaseResult.campaign_code == code, col(PhaseResult.is_official))
            .order_by(col(PhaseResult.id))
        ).all()
    latest = {result.phase_code: result.result_sha256 for result in results}
    digest = hashlib.sha256()
    for path in sorted(copied):
        name = path.relative_to(out).as_posix().encode()
        digest.update(name + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return [
        *(f"kết quả {phase}: {sha[:16]}" for phase, sha in sorted(latest.items())),
        f"{len(copied)} tệp kết quả: {digest.hexdigest()[:16]}",
    ]


def _started(starting: Future[list[ServiceStatus]]) -> list[ServiceStatus]:
    """Return the stack's status once started; a stack that cannot start ends the demo."""
    try:
        return starting.result()
    except StackError as error:
        print(f"Lỗi: {error}")
        raise typer.Exit(1) from error


def demo(
    out: Annotated[Path, typer.Option("--out", help="Thư mục chép hồ sơ và báo cáo.")] = Path(
        "out"
    ),
    setup_only: Annotated[
        bool, typer.Option("--setup-only", help="Chỉ khởi động ngăn xếp và nạp dữ liệu.")
    ] = False,
    campaigns: Annotated[
        list[str] | None,
        typer.Option(
            "--campaign",
            help="Chỉ chạy phong trào này (lặp lại được); mặc định: mọi phong trào trình diễn.",
        ),
    ] = None,
) -> None:
    """Start the stack, load the registries and campaigns, replay each one, build the dossiers."""
    codes = campaigns or DEMO_CAMPAIGNS
    started = time.monotonic()
    settings = get_settings()
    stack = LocalStack(settings)
    print("1/4 Khởi động máy chủ S3 (SeaweedFS), máy chủ Prefect và worker...")
    # The servers start in the background while this process migrates, loads the registries and
    # generates the uploads; the worker (its deployments registered first) and the portal start
    # once the campaigns are loaded, beside the replay, which runs its flows in this process.
    if not setup_only:
        expect_local_server()  # the stack's, set before any thread starts a process
    starting = ThreadPoolExecutor(max_workers=1, thread_name_prefix="stack")
    core = starting.submit(stack.up, only=CORE_SERVICES)
    print("2/4 Di chuyển lược đồ cơ sở dữ liệu...")
    upgrade()
    print(f"    phiên bản lược đồ: {current_revision()}")
    print("3/4 Nạp danh mục đơn vị và phong trào thi đua...")
    for code in codes:
        registry = registry_path(code)
        with session_scope() as session:
            units = import_registry(session, path=registry)
            campaign = load_campaign_file(session, path=shipped_campaign_path(code))
            print(
                f"    danh mục {registry.name}: {len(units.inserted)} mới, "
                f"{len(units.updated)} cập nhật, {len(units.unchanged)} không đổi"
            )
            print(f"    phong trào {campaign.code}: {campaign.name} (bản {campaign.sha256[:12]})")
    from cli.demo_accounts import DEMO_PASSWORD, ensure_demo_accounts

    accounts = ensure_demo_accounts(DEMO_PASSWORD)
    print(f"    tài khoản cổng thidua: {', '.join(accounts)} (mật khẩu {DEMO_PASSWORD})")
    if not setup_only:  # Prefect and the flows are imported while the servers start
        from cli.demo_cycle import load_flows, run_cycle

        load_flows()
    prepared = {} if setup_only else prepare_uploads(codes, core.done)
    _started(core)
    rest = starting.submit(stack.up)
    outputs: dict[str, list[str]] = {}
    if not setup_only:
        print(
            "4/4 Chạy lại từng phong trào qua các luồng Prefect: báo cáo của mọi đơn vị (có bản "
            "muộn, bản lỗi được gửi lại), thu nhận, tổng hợp, sơ kết, tổng kết (Hội đồng, cơ "
            "quan thẩm tra, người có thẩm quyền quyết định theo kịch bản), lập hồ sơ..."
        )
        with in_process_runs():
            for code in codes:
                print(f"  Phong trào {code}:")
                copied = run_cycle(settings, code, out, print, prepared)
                print(
                    f"    đã chép {len(copied)} tệp vào {out}/ (hồ sơ trình, báo cáo tổng hợp năm)"
                )
                outputs[code] = fingerprint(code, copied, out)
    print_status(_started(rest))
    starting.shutdown()
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
    for code, lines in outputs.items():
        print(f"Phong trào {code}: hồ sơ {out}/ho-so/{code}/ (mỗi đợt: DOCX, ZIP, manifest)")
        print(f"  báo cáo tổng hợp năm {out}/tong-hop/{code}/")
        print("  mã băm (không đổi khi chạy riêng hay cùng phong trào khác): " + "; ".join(lines))
    print(f"Cơ sở dữ liệu: {settings.resolved_database_url}")
    elapsed = time.monotonic() - started
    print(f"Xong sau {elapsed:.0f} giây. Dừng ngăn xếp: .venv/bin/thidua stack down")
