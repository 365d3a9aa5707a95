"""`thidua validate`: check a yearly report locally with exactly the pipeline's rules."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from cli.common import campaign_code as chosen_campaign
from models.campaign import Campaign, load_campaign, shipped_campaign_path
from models.database import session_scope
from models.report_format import ATTACHMENTS_FOLDER
from tasks.campaigns import current_campaign, database_ready
from tasks.ingest.archive import READ_LIMIT
from tasks.ingest.assess import Upload, assess
from tasks.ingest.inbox import unit_code_of
from tasks.registry.lookup import find_unit
from tasks.validation.report import UnitContext, ValidationResult


def campaign_and_unit(unit: str, campaign_code: str | None) -> tuple[Campaign, UnitContext | None]:
    """Return the campaign and the unit, from the database if it is set up, else shipped files."""
    campaign_code = chosen_campaign(campaign_code)
    if database_ready():
        with session_scope() as session:
            campaign, _ = current_campaign(session, code=campaign_code)
            return campaign, find_unit(unit, campaign=campaign, session=session)
    path = shipped_campaign_path(campaign_code)
    if not path.exists():
        print(f"Không có phong trào '{campaign_code}'.")
        raise typer.Exit(2)
    campaign, _ = load_campaign(path)
    return campaign, find_unit(unit, campaign=campaign)


def attachments_beside(path: Path) -> tuple[str, ...] | None:
    """Return the file names under dinh-kem/ next to the workbook, or None if there is none."""
    folder = path.parent / ATTACHMENTS_FOLDER
    if not folder.is_dir():
        return None
    return tuple(sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()))


def print_result(result: ValidationResult, file_name: str) -> None:
    """Print the findings in Vietnamese, one a line, then a summary."""
    for item in result.findings:
        print(item.line(file_name))
    if not result.readable:
        print(f"{file_name}: không đọc được tệp.")
    elif result.ok:
        print(f"{file_name}: hợp lệ ({result.warning_count} cảnh báo).")
    else:
        print(f"{file_name}: {result.error_count} lỗi, {result.warning_count} cảnh báo.")


def validate(
    path: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="Tệp báo cáo.")],
    unit: Annotated[str, typer.Option("--unit", help="Mã đơn vị (tên thư mục tải lên).")],
    year: Annotated[int, typer.Option("--year", help="Năm báo cáo.")],
    campaign: Annotated[str | None, typer.Option("--campaign", help="Mã phong trào.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="In kết quả dạng JSON.")] = False,
) -> None:
    """Validate a workbook; exit 0 without errors, 1 with errors, 2 if unreadable."""
    code = unit_code_of(unit)
    definition, context = campaign_and_unit(code, campaign)
    data = path.read_bytes()
    upload = Upload(
        data=data if len(data) <= READ_LIMIT else None,
        file_name=path.name,
        size=len(data),
        unit_folder=code,
        folder_name=unit,
        attachments=attachments_beside(path),
    )
    result = assess(upload, campaign=definition, year=year, unit=context)
    if as_json:
        print(json.dumps(result.to_json(), ensure_ascii=False, default=str))
    else:
        print_result(result, path.name)
    raise typer.Exit(0 if result.ok else (2 if not result.readable else 1))
