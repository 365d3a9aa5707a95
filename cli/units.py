"""`thidua units import|expected|lineage|block|versions`: the units registries, one at a time."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from sqlmodel import Session

from cli.common import campaign_code, database_session
from tasks.campaigns import current_campaign
from tasks.registry.queries import expected_units, lineage, units_in_block
from tasks.registry.read import RegistryFileError
from tasks.registry.scope import registry_loads
from tasks.registry.upsert import import_registry

app = typer.Typer(
    help="Danh mục đơn vị: nạp tệp, tra cứu đơn vị phải báo cáo, lịch sử sáp nhập. Mỗi phong "
    "trào đọc danh mục của mình (--registry MÃ, hoặc danh mục của --campaign MÃ).",
    no_args_is_help=True,
)
RegistryOption = Annotated[
    str | None, typer.Option("--registry", help="Mã danh mục (vd. bac-kan).")
]
CampaignOption = Annotated[
    str | None, typer.Option("--campaign", help="Mã phong trào: dùng danh mục của phong trào.")
]


def _registry(session: Session, registry: str | None, campaign: str | None) -> str | None:
    """Return the registry named, or the campaign's; None when neither is given."""
    if registry and campaign:
        print("Chỉ ghi một trong hai: --registry hoặc --campaign.")
        raise typer.Exit(2)
    if campaign:
        try:
            return current_campaign(session, code=campaign)[0].registry
        except KeyError as error:
            print(error.args[0])
            raise typer.Exit(1) from None
    return registry


def _required(session: Session, registry: str | None, campaign: str | None) -> str:
    scope = _registry(session, registry, campaign)
    if scope is None:
        print("Ghi rõ danh mục: --registry MÃ hoặc --campaign MÃ.")
        raise typer.Exit(2)
    return scope


@app.command(
    "import",
    help="Nạp (cập nhật) một danh mục đơn vị từ tệp CSV hoặc XLSX, tất cả hoặc không. Danh mục: "
    "--registry, danh mục của --campaign, hoặc tên tệp units-<mã>.csv. Các danh mục khác không "
    "bị động đến.",
)
def import_command(
    path: Annotated[Path, typer.Argument(exists=True, dir_okay=False)],
    registry: RegistryOption = None,
    campaign: CampaignOption = None,
) -> None:
    """Import the registry file into one registry."""
    try:
        with database_session() as session:
            scope = _registry(session, registry, campaign)
            report = import_registry(session, path=path, registry=scope)
            loads = registry_loads(session, registry=scope) if scope else []
    except RegistryFileError as error:
        print(error)
        print("Không nạp dòng nào.")
        raise typer.Exit(1) from error
    version = f" Phiên bản danh mục: {loads[-1].version_sha256[:12]}." if loads else ""
    print(
        f"Đã nạp {path.name}: {len(report.inserted)} đơn vị mới, {len(report.updated)} cập nhật, "
        f"{len(report.unchanged)} không đổi.{version}"
    )


@app.command(help="Liệt kê các đơn vị phải gửi báo cáo năm YEAR của phong trào.")
def expected(
    year: Annotated[int, typer.Option("--year")],
    campaign: Annotated[str | None, typer.Option("--campaign", help="Mã phong trào.")] = None,
) -> None:
    """List the units expected to report, from the campaign's registry."""
    with database_session() as session:
        definition, _ = current_campaign(session, code=campaign_code(campaign))
        words = definition.unit_vocabulary
        units = expected_units(session, campaign=definition, year=year)
        for unit in units:
            kind, level = words.kind_label(unit.kind), words.level_label(unit.level)
            print(f"{unit.code:<16} {kind:<28} {level:<10} {unit.name}")
        print(
            f"Tổng: {len(units)} đơn vị của danh mục {definition.registry} "
            f"(hạn {definition.deadline_for(year):%d/%m/%Y})."
        )


@app.command("lineage", help="Lịch sử sáp nhập của một đơn vị: tiền thân và đơn vị kế thừa.")
def lineage_command(
    code: str, registry: RegistryOption = None, campaign: CampaignOption = None
) -> None:
    """Print a unit's predecessors and successors."""
    with database_session() as session:
        scope = _required(session, registry, campaign)
        try:
            line = lineage(session, registry=scope, code=code)
        except KeyError:
            print(f"Không có đơn vị '{code}' trong danh mục {scope}.")
            raise typer.Exit(1) from None
        for unit in [*line.predecessors, line.unit, *line.successors]:
            until = f"{unit.valid_to:%d/%m/%Y}" if unit.valid_to else "nay"
            marker = "*" if unit.code == code else " "
            print(f"{marker} {unit.code:<14} {unit.valid_from:%d/%m/%Y} - {until:<10} {unit.name}")
        if line.ceased:
            print(f"Đơn vị {line.current.code} đã chấm dứt hoạt động, không có đơn vị kế thừa.")


@app.command("block", help="Các đơn vị của một cụm, khối thi đua (còn hiệu lực vào ngày --on).")
def block_command(
    name: str,
    on: Annotated[str | None, typer.Option("--on")] = None,
    registry: RegistryOption = None,
    campaign: CampaignOption = None,
) -> None:
    """List the units of a cluster or block."""
    day = date.fromisoformat(on) if on else None
    with database_session() as session:
        scope = _required(session, registry, campaign)
        for unit in units_in_block(session, registry=scope, block=name, on=day):
            print(f"{unit.code:<16} {unit.name}")


@app.command("versions", help="Các lần nạp một danh mục: tệp, số dòng đổi, phiên bản sau khi nạp.")
def versions_command(registry: RegistryOption = None, campaign: CampaignOption = None) -> None:
    """List the loads of a registry with the version each left."""
    with database_session() as session:
        scope = _required(session, registry, campaign)
        loads = registry_loads(session, registry=scope)
        for load in loads:
            print(
                f"{load.loaded_at:%d/%m/%Y %H:%M} {load.source:<28} +{load.inserted} "
                f"~{load.updated} ={load.unchanged} {load.version_sha256[:12]}"
            )
        print(f"Danh mục {scope}: {len(loads)} lần nạp.")
