"""Validate one yearly report workbook: the single entry point of the pipeline and the CLI."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from models.campaign import Campaign
from models.report_format import INDICATOR_SHEET, INFO_SHEET, NOMINATION_SHEET
from tasks.validation.cells import SheetReader
from tasks.validation.findings import Finding, finding
from tasks.validation.indicator_rows import check_rows
from tasks.validation.indicator_sheet import (
    IndicatorReading,
    check_against_campaign,
    read_indicators,
)
from tasks.validation.info_sheet import read_info
from tasks.validation.nomination_sheet import NominationReading, check_dossiers, read_nominations
from tasks.workbook.open import RawWorkbook, UnreadableWorkbook, open_workbook
from tasks.workbook.values import sheet_key

SHEETS = {sheet_key(name): name for name in (INFO_SHEET, INDICATOR_SHEET, NOMINATION_SHEET)}


@dataclass(frozen=True)
class UnitContext:
    """What the validation needs to know of the unit whose folder the file is in."""

    code: str
    name: str
    kind: str
    level: str
    valid_from: date
    valid_to: date | None = None


@dataclass
class ValidationResult:
    """Everything read from a workbook and everything wrong with it."""

    unit: str
    year: int
    template: str | None = None
    readable: bool = True
    info: dict[str, Any] = field(default_factory=dict)
    values: dict[str, IndicatorReading] = field(default_factory=dict)
    nominations: list[NominationReading] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Return whether the workbook has no error (warnings allowed)."""
        return self.readable and not any(f.severity == "error" for f in self.findings)

    @property
    def error_count(self) -> int:
        """Return the number of errors."""
        return sum(f.severity == "error" for f in self.findings)

    @property
    def warning_count(self) -> int:
        """Return the number of warnings."""
        return sum(f.severity == "warning" for f in self.findings)

    def to_json(self) -> dict[str, Any]:
        """Return the JSON object of report-format.md."""
        return {
            "ok": self.ok,
            "unit": self.unit,
            "year": self.year,
            "template": self.template,
            "values": {code: reading.to_json() for code, reading in self.values.items()},
            "nominations": [reading.to_json() for reading in self.nominations],
            "findings": [item.to_dict() for item in self.findings],
        }


def phase_end_years(campaign: Campaign) -> set[int]:
    """Return the years in which nominations are due (the last year of each phase)."""
    return {max(phase.years) for phase in campaign.phases}


def validate_workbook(
    data: bytes,
    *,
    file_name: str,
    unit_code: str,
    year: int,
    campaign: Campaign,
    unit: UnitContext | None,
    attachments: list[str] | None = None,
) -> ValidationResult:
    """Read and check a workbook uploaded under {campaign}/{year}/{unit_code}/."""
    result = ValidationResult(unit=unit_code, year=year)
    try:
        workbook = open_workbook(data, file_name, set(SHEETS))
    except UnreadableWorkbook as error:
        result.readable = False
        result.findings.append(finding(error.code, error.message))
        return result
    _check_unit(result, unit, campaign=campaign, year=year)
    _check_sheets(result, workbook, year=year, campaign=campaign)
    if (sheet := workbook.sheets.get(sheet_key(INFO_SHEET))) is not None:
        _info_sheet(result, SheetReader(sheet, INFO_SHEET), campaign=campaign)
    if (sheet := workbook.sheets.get(sheet_key(INDICATOR_SHEET))) is not None:
        _indicator_sheet(result, SheetReader(sheet, INDICATOR_SHEET), campaign=campaign, unit=unit)
    if (sheet := workbook.sheets.get(sheet_key(NOMINATION_SHEET))) is not None:
        _nomination_sheet(
            result, SheetReader(sheet, NOMINATION_SHEET), campaign=campaign, attachments=attachments
        )
    return result


def _info_sheet(result: ValidationResult, reader: SheetReader, *, campaign: Campaign) -> None:
    result.info, rows = read_info(reader)
    result.template = result.info.get("phien_ban_mau")
    _check_identity(
        reader, result.info, rows, unit_code=result.unit, year=result.year, campaign=campaign
    )
    result.findings.extend(reader.findings)


def _indicator_sheet(
    result: ValidationResult,
    reader: SheetReader,
    *,
    campaign: Campaign,
    unit: UnitContext | None,
) -> None:
    readings = read_indicators(reader)
    check_rows(reader, readings)
    applicable = (
        campaign.applicable_indicators(kind=unit.kind, level=unit.level, year=result.year)
        if unit is not None
        else None
    )
    result.values = check_against_campaign(
        reader, readings, campaign=campaign, applicable=applicable
    )
    result.findings.extend(reader.findings)


def _nomination_sheet(
    result: ValidationResult,
    reader: SheetReader,
    *,
    campaign: Campaign,
    attachments: list[str] | None,
) -> None:
    readings = read_nominations(reader)
    if readings and result.year not in phase_end_years(campaign):
        reader.findings = [
            finding(
                "NOMINATIONS_OUTSIDE_PHASE",
                f"Năm {result.year} không có đợt xét khen thưởng: danh sách đề nghị được bỏ qua.",
                sheet=NOMINATION_SHEET,
            )
        ]
        readings = []
    if attachments is not None:
        check_dossiers(reader, readings, attachments)
    result.nominations = readings
    result.findings.extend(reader.findings)


def _check_unit(
    result: ValidationResult, unit: UnitContext | None, *, campaign: Campaign, year: int
) -> None:
    if unit is None:
        result.findings.append(
            finding(
                "UNKNOWN_UNIT",
                f"Mã đơn vị '{result.unit}' (tên thư mục) không có trong danh mục "
                "đơn vị: kiểm tra lại thư mục tải lên.",
            )
        )
        return
    deadline = campaign.deadline_for(year).date()
    if unit.valid_from > deadline or (unit.valid_to is not None and unit.valid_to < deadline):
        ended = (
            f"đã chấm dứt hoạt động từ {unit.valid_to:%d/%m/%Y}"
            if unit.valid_to
            else (f"chỉ có hiệu lực từ {unit.valid_from:%d/%m/%Y}")
        )
        result.findings.append(
            finding(
                "UNIT_NOT_EXPECTED",
                f"Đơn vị {unit.code} ({unit.name}) {ended}, không thuộc diện "
                f"báo cáo năm {year}: báo cáo do đơn vị kế thừa gửi.",
            )
        )
    elif unit.kind not in campaign.unit_kinds:
        result.findings.append(
            finding(
                "UNIT_NOT_EXPECTED",
                f"Loại đơn vị '{unit.kind}' không thuộc đối tượng của phong trào.",
            )
        )


def _check_sheets(
    result: ValidationResult, workbook: RawWorkbook, *, year: int, campaign: Campaign
) -> None:
    for key, name in SHEETS.items():
        if key in workbook.sheets:
            continue
        if name == NOMINATION_SHEET:
            if year in phase_end_years(campaign):
                result.findings.append(
                    finding(
                        "NOMINATION_SHEET_MISSING",
                        f"Năm {year} là năm xét khen thưởng nhưng không "
                        f"có trang {NOMINATION_SHEET}: đơn vị không đề nghị khen thưởng.",
                        sheet=NOMINATION_SHEET,
                    )
                )
            continue
        result.findings.append(
            finding(
                "MISSING_SHEET",
                f"Thiếu trang tính '{name}' (các trang có: {', '.join(workbook.sheet_names)}).",
                sheet=name,
            )
        )
    extras = [
        n for n in workbook.sheet_names if sheet_key(n) not in SHEETS and sheet_key(n) != "huongdan"
    ]
    for name in extras:
        result.findings.append(
            finding(
                "EXTRA_SHEET",
                f"Trang tính '{name}' không thuộc mẫu báo cáo và được bỏ qua.",
                sheet=name,
            )
        )


def _check_identity(
    reader: SheetReader,
    info: dict[str, Any],
    rows: dict[str, int],
    *,
    unit_code: str,
    year: int,
    campaign: Campaign,
) -> None:
    template = info.get("phien_ban_mau")
    if template and template != campaign.template_version:
        reader.add(
            "TEMPLATE_VERSION",
            f"Phiên bản mẫu '{template}' khác mẫu hiện hành "
            f"{campaign.template_version}: hãy tải mẫu mới.",
            row=rows.get("phien_ban_mau"),
            column="gia_tri",
        )
    declared = info.get("ma_don_vi")
    if declared and declared != unit_code.upper():
        reader.add(
            "UNIT_MISMATCH",
            f"Mã đơn vị trong báo cáo ({declared}) khác thư mục tải lên "
            f"({unit_code}): tải báo cáo vào đúng thư mục của đơn vị mình.",
            row=rows.get("ma_don_vi"),
            column="gia_tri",
        )
    declared_year = info.get("nam")
    if declared_year is not None and declared_year != year:
        reader.add(
            "YEAR_MISMATCH",
            f"Năm trong báo cáo ({declared_year}) khác thư mục năm ({year}).",
            row=rows.get("nam"),
            column="gia_tri",
        )
