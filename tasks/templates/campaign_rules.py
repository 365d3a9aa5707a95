"""The rules a unit's workbook is checked against, named in its instructions sheet.

Two campaigns may share the template version and even unit codes; the instructions say which
campaign, which year and which rules a workbook answers to, so a unit checks itself against
its own campaign and never another's.
"""

from __future__ import annotations

from typing import Protocol

from models.campaign import Campaign, Indicator, IndicatorKind, IndicatorRole
from tasks.documents.numerals import vn_number, vn_percent


class UnitLike(Protocol):
    """What the rules need of a unit."""

    @property
    def code(self) -> str: ...

    @property
    def kind(self) -> str: ...

    @property
    def level(self) -> str: ...


def _target(indicator: Indicator, level: str) -> str:
    if indicator.target is None:
        return ""
    value = indicator.target.for_level(level)
    if indicator.kind is IndicatorKind.COUNT:
        return f"mục tiêu {vn_number(value, 2).rstrip('0').rstrip(',')}"
    if indicator.kind is IndicatorKind.BINARY:
        return "mục tiêu: có"
    return f"mục tiêu {vn_percent(value)}"


def _indicator_line(indicator: Indicator, level: str) -> str:
    if indicator.role is IndicatorRole.CRITERION:
        weight = vn_number(indicator.weight, 2).rstrip("0").rstrip(",")
        how = f"tiêu chí chấm điểm, {_target(indicator, level)}, trọng số {weight}"
    elif indicator.role is IndicatorRole.BONUS:
        how = "điểm thưởng"
    else:
        how = "chỉ báo cáo, không chấm điểm"
    required = "" if indicator.required else "; không bắt buộc"
    return f"   - {indicator.code}: {indicator.content} ({how}{required})."


def campaign_lines(campaign: Campaign, unit: UnitLike, year: int) -> list[str]:
    """Return the lines naming the campaign, the year and the rules in force for unit."""
    words = campaign.unit_vocabulary
    deadline = campaign.deadline_for(year)
    scoring = campaign.scoring
    lines = [
        f"Mã phong trào: {campaign.code} - năm báo cáo {year} (phong trào {min(campaign.years)}"
        f"-{max(campaign.years)}), do {campaign.organisation.name} tổ chức; danh mục đơn vị: "
        f"{campaign.registry}.",
        f"Loại đơn vị: {words.kind_label(unit.kind)}; cấp: {words.level_label(unit.level)}.",
        f"Quy tắc áp dụng năm {year} cho đơn vị (mẫu {campaign.template_version}):",
    ]
    applicable = campaign.applicable_indicators(kind=unit.kind, level=unit.level, year=year)
    lines += [_indicator_line(indicator, unit.level) for indicator in applicable]
    lines.append(f"   Cách tính điểm: {scoring.description}")
    if scoring.late_penalty.points:
        lines.append(
            f"   Nộp sau {deadline:%H:%M:%S} ngày {deadline:%d/%m/%Y}: trừ "
            f"{vn_number(scoring.late_penalty.points)} điểm."
        )
    lines.append(
        "Tự kiểm tra trước khi nộp (theo đúng phong trào này): thidua validate <tệp> "
        f"--unit {unit.code} --year {year} --campaign {campaign.code}"
    )
    return lines
