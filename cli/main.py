"""The `thidua` command line: one entry point for units, operators and administrators."""

from __future__ import annotations

import typer

from cli.accounts import app as accounts_app
from cli.campaign import app as campaign_app
from cli.collect import collect
from cli.db import app as db_app
from cli.demo import demo
from cli.deployments import app as deployments_app
from cli.dossier import app as dossier_app
from cli.giay_khen import app as giay_khen_app
from cli.link import link
from cli.review import app as review_app
from cli.stack import app as stack_app
from cli.storage import app as storage_app
from cli.template import app as template_app
from cli.units import app as units_app
from cli.validate import validate

app = typer.Typer(
    name="thidua",
    help="Thi đua - khen thưởng: thu nhận báo cáo, chấm điểm, xét chọn và lập hồ sơ trên Prefect.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
)
app.add_typer(stack_app, name="stack")
app.add_typer(db_app, name="db")
app.add_typer(deployments_app, name="deployments")
app.add_typer(units_app, name="units")
app.add_typer(accounts_app, name="accounts")
app.add_typer(campaign_app, name="campaign")
app.add_typer(template_app, name="template")
app.add_typer(dossier_app, name="dossier")
app.add_typer(review_app, name="review")
app.add_typer(giay_khen_app, name="giay-khen")
app.add_typer(storage_app, name="storage")
app.command("link", help="Cấp đường dẫn tải một tệp đã lưu, có hạn vài giờ (THIDUA_LINK_HOURS).")(
    link
)
app.command("collect", help="Thu nhận và kiểm tra ngay các báo cáo mới tải lên của một năm.")(
    collect
)
app.command(
    "validate",
    help="Tự kiểm tra báo cáo năm trước khi tải lên, đúng các quy tắc của hệ thống "
    "(mã thoát 0: hợp lệ; 1: có lỗi; 2: không đọc được tệp).",
)(validate)
app.command(
    "demo",
    help="Chạy công việc chính trên cấu hình mặc định: khởi động ngăn xếp, di chuyển lược đồ.",
)(demo)


if __name__ == "__main__":
    app()
