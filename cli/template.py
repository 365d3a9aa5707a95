"""`thidua template report`: the blank yearly report workbook for one unit."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cli.validate import campaign_and_unit

app = typer.Typer(help="Mẫu biểu: tải mẫu báo cáo năm cho đơn vị.", no_args_is_help=True)


@app.command(
    help="Ghi mẫu báo cáo năm (XLSX) của một đơn vị: có hướng dẫn, danh sách chọn và "
    "các chỉ tiêu áp dụng cho đơn vị."
)
def report(
    unit: Annotated[str, typer.Option("--unit", help="Mã đơn vị.")],
    year: Annotated[int, typer.Option("--year", help="Năm báo cáo.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Tệp ghi ra.")],
    campaign: Annotated[str | None, typer.Option("--campaign", help="Mã phong trào.")] = None,
    sample: Annotated[
        bool, typer.Option("--sample", help="Điền số liệu minh họa (mẫu đã điền).")
    ] = False,
) -> None:
    """Write the blank (or sample) workbook."""
    from tasks.templates.report_workbook import (
        TemplateUnit,
        build_report_template,
        build_sample_report,
        save_workbook,
    )

    definition, context = campaign_and_unit(unit, campaign)
    if context is None:
        print(f"Không có đơn vị '{unit}' trong danh mục.")
        raise typer.Exit(1)
    if year not in definition.years:
        print(
            f"Năm {year} không thuộc phong trào {definition.code} "
            f"({', '.join(map(str, definition.years))})."
        )
        raise typer.Exit(1)
    build = build_sample_report if sample else build_report_template
    workbook = build(
        campaign=definition,
        year=year,
        unit=TemplateUnit(
            code=context.code, name=context.name, kind=context.kind, level=context.level
        ),
    )
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(save_workbook(workbook))
    print(f"Đã ghi mẫu báo cáo năm {year} của {context.code} ({context.name}) vào {output}.")
