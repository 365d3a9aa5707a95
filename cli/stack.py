"""`thidua stack up|down|status`: the local S3 and Prefect servers."""

from __future__ import annotations

import typer

from deploy.local_stack import LocalStack
from deploy.processes import ServiceStatus, StackError

app = typer.Typer(
    help="Ngăn xếp cục bộ: máy chủ S3 (SeaweedFS) và máy chủ Prefect.", no_args_is_help=True
)


def print_status(report: list[ServiceStatus]) -> None:
    """Print one line per service."""
    for item in report:
        state = "đang chạy" if item.running else "đã dừng"
        health = " (sẵn sàng)" if item.healthy else (" (chưa sẵn sàng)" if item.running else "")
        pid = f"pid {item.pid}" if item.pid else "-"
        print(f"{item.name:<10} {state}{health:<16} {pid:<12} {item.url}  log: {item.log}")


@app.command(help="Khởi động ngăn xếp (chạy lại không tạo bản thứ hai) và tạo các bucket.")
def up() -> None:
    """Start the stack (idempotent) and create the buckets."""
    try:
        report = LocalStack().up()
    except StackError as error:
        print(f"Lỗi: {error}")
        raise typer.Exit(1) from error
    print_status(report)


@app.command(help="Dừng ngăn xếp theo PID.")
def down() -> None:
    """Stop the stack by PID."""
    try:
        report = LocalStack().down()
    except StackError as error:
        print(f"Lỗi: {error}")
        raise typer.Exit(1) from error
    print_status(report)


@app.command(help="Trạng thái từng máy chủ; mã thoát 1 nếu có máy chủ không chạy.")
def status() -> None:
    """Report each server: running, healthy, PID, address, log; exit 1 if any is down."""
    report = LocalStack().status()
    print_status(report)
    if not all(item.healthy for item in report):
        raise typer.Exit(1)
