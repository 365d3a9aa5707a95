"""The `thidua` command line: one entry point for units, operators and administrators."""

from __future__ import annotations

import typer

from cli.db import app as db_app
from cli.demo import demo
from cli.stack import app as stack_app

app = typer.Typer(
    name="thidua",
    help="Thi đua - khen thưởng: thu nhận báo cáo, chấm điểm, xét chọn và lập hồ sơ trên Prefect.",
    no_args_is_help=True,
    add_completion=False,
)
app.add_typer(stack_app, name="stack")
app.add_typer(db_app, name="db")
app.command(
    "demo",
    help="Chạy công việc chính trên cấu hình mặc định: khởi động ngăn xếp, di chuyển lược đồ.",
)(demo)


if __name__ == "__main__":
    app()
