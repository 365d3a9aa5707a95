"""`thidua units import|expected|lineage|block`: the units registry."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from cli.common import campaign_code, database_session
from tasks.campaigns import current_campaign
from tasks.registry.queries import expected_units, lineage, units_in_block
from tasks.registry.read import RegistryFileError
from tasks.registry.upsert import import_registry

app = typer.Typer(
    help="Danh mục đơn vị: nạp tệp, tra cứu đơn vị phải báo cáo, lịch sử sáp nhập.",
    no_args_is_help=True,
)


@app.command(
    "import", help="Nạp (cập nhật) danh mục đơn vị từ tệp CSV hoặc XLSX, tất cả hoặc không."
)
def import_command(path: Annotated[Path, typer.Argument(exists=True, dir_okay=False)]) -> None:
    """Import the registry file."""
    try:
        with database_session() as session:
            report = import_registry(session, path=path)
    except RegistryFileError as error:
        print(error)
        print("Không nạp dòng nào.")
        raise typer.Exit(1) from error
    print(
        f"Đã nạp {path.name}: {len(report.inserted)} đơn vị mới, {len(report.updated)} cập nhật, "
        f"{len(report.unchanged)} không đổi."
    )


@app.command(help="Liệt kê các đơn vị phải gửi báo cáo năm YEAR của phong trào.")
def expected(
    year: Annotated[int, typer.Option("--year")],
    campaign: Annotated[str | None, typer.Option("--campaign", help="Mã phong trào.")] = None,
) -> None:
    """List the units expected to report."""
    with database_session() as session:
        definition, _ = current_campaign(session, code=campaign_code(campaign))
        units = expected_units(session, campaign=definition, year=year)
        for unit in units:
            print(f"{unit.code:<16} {unit.kind:<18} {unit.level:<6} {unit.name}")
        print(f"Tổng: {len(units)} đơn vị (hạn {definition.deadline_for(year):%d/%m/%Y}).")


@app.command("lineage", help="Lịch sử sáp nhập của một đơn vị: tiền thân và đơn vị kế thừa.")
def lineage_command(code: str) -> None:
    """Print a unit's predecessors and successors."""
    with database_session() as session:
        try:
            line = lineage(session, code=code)
        except KeyError:
            print(f"Không có đơn vị '{code}' trong danh mục.")
            raise typer.Exit(1) from None
        for unit in [*line.predecessors, line.unit, *line.successors]:
            until = f"{unit.valid_to:%d/%m/%Y}" if unit.valid_to else "nay"
            marker = "*" if unit.code == code else " "
            print(f"{marker} {unit.code:<14} {unit.valid_from:%d/%m/%Y} - {until:<10} {unit.name}")
        if line.ceased:
            print(f"Đơn vị {line.current.code} đã chấm dứt hoạt động, không có đơn vị kế thừa.")


@app.command("block", help="Các đơn vị của một cụm, khối thi đua (còn hiệu lực vào ngày --on).")
def block_command(name: str, on: Annotated[str | None, typer.Option("--on")] = None) -> None:
    """List the units of a cluster or block."""
    day = date.fromisoformat(on) if on else None
    with database_session() as session:
        for unit in units_in_block(session, block=name, on=day):
            print(f"{unit.code:<16} {unit.name}")
