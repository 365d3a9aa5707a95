"""The `thidua` command line: one entry point for units, operators and administrators."""

from __future__ import annotations

import typer

from cli.campaign import app as campaign_app
from cli.db import app as db_app
from cli.demo import demo
from cli.stack import app as stack_app
from cli.units import app as units_app

app = typer.Typer(
    name="thidua",
    help="Thi đua - khen thưởng: thu nhận báo cáo, chấm điểm, xét chọn và lập hồ sơ trên Prefect.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
)
app.add_typer(stack_app, name="stack")
app.add_typer(db_app, name="db")
app.add_typer(units_app, name="units")
app.add_typer(campaign_app, name="campaign")
app.command(
    "demo",
    help="Chạy công việc chính trên cấu hình mặc định: khởi động ngăn xếp, di chuyển lược đồ.",
)(demo)


if __name__ == "__main__":
    app()
