"""`thidua deployments register|serve`: the deployments of deploy/prefect.yaml."""

from __future__ import annotations

import subprocess
from typing import Annotated

import typer

from deploy.deployments import register as register_all
from models.settings import get_settings

app = typer.Typer(
    help="Các deployment (lịch chạy, biểu mẫu tham số) của deploy/prefect.yaml.",
    no_args_is_help=True,
)


@app.command(help="Tạo work pool kiểu process và đăng ký mọi deployment trên máy chủ Prefect.")
def register(
    api_url: Annotated[
        str | None, typer.Option("--api-url", help="Địa chỉ API Prefect (mặc định: ngăn xếp).")
    ] = None,
) -> None:
    """Register every deployment on the process work pool."""
    settings = get_settings()
    try:
        register_all(
            api_url=api_url or settings.prefect_api_url,
            work_pool=settings.work_pool,
            project_dir=settings.project_dir,
        )
    except subprocess.CalledProcessError as error:
        print(f"Lỗi: không đăng ký được ({error.returncode}):\n{error.stdout}\n{error.stderr}")
        raise typer.Exit(1) from error
    print(f"Đã đăng ký các deployment trên work pool {settings.work_pool}.")


@app.command(help="Phục vụ các deployment từ tiến trình này (thay cho worker); Ctrl+C để dừng.")
def serve(
    names: Annotated[
        list[str] | None, typer.Argument(help="Tên deployment; trống: tất cả.")
    ] = None,
) -> None:
    """Serve the deployments from this process."""
    from deploy.serve import main

    main(names or [])
