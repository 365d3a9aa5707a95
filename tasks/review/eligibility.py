"""Eligibility before ranking: the plan's standards (III.1 collectives, III.2 individuals)."""

from __future__ import annotations

import re

from models.award_rules import Eligibility
from tasks.review.lineage import PhaseYear
from tasks.review.people import PersonIdentity

NOT_MET = "not_met"
NOT_APPLICABLE = "not_applicable"
SEPARATORS = re.compile(r"[;\n]+")


def count_initiatives(text: str | None) -> int:
    """Return the recognised initiatives named in a nomination's sang_kien cell (; or lines)."""
    if not text:
        return 0
    return len([part for part in SEPARATORS.split(text) if part.strip()])


def _year_failures(item: PhaseYear, *, late_allowed: bool, zero_missing: bool) -> list[str]:
    """Return why a year of the phase does not meet the applicable III.1 criteria."""
    if not item.used:
        return [f"năm {item.year}: không có báo cáo hợp lệ"]
    problems = []
    if zero_missing and item.missing:
        problems.append(
            f"năm {item.year}: đơn vị tiền thân {', '.join(s.unit_code for s in item.missing)} "
            "không có báo cáo hợp lệ"
        )
    for source in item.used:
        prefix = f"năm {item.year}" + ("" if source.own else f" ({source.unit_code})")
        if not late_allowed and source.status == "late":
            problems.append(f"{prefix}: báo cáo gửi sau hạn")
        applicable = [c for c in source.criteria if c.get("status") != NOT_APPLICABLE]
        if not applicable:
            problems.append(f"{prefix}: không có tiêu chí mục III.1 nào áp dụng để đánh giá")
            continue
        failed = [str(c.get("code")) for c in applicable if c.get("status") == NOT_MET]
        if failed:
            problems.append(
                f"{prefix}: đạt {len(applicable) - len(failed)}/{len(applicable)} tiêu chí, "
                f"chưa đạt {', '.join(failed)}"
            )
    return problems


def _average_achievement(years: list[PhaseYear]) -> float:
    values = [
        float(c.get("achievement") or 0.0)
        for item in years
        for source in item.used
        for c in source.criteria
        if c.get("status") != NOT_APPLICABLE
    ]
    return sum(values) / len(values) if values else 0.0


def collective_failures(years: list[PhaseYear], rules: Eligibility) -> list[str]:
    """Return why a collective does not meet III.1 over the phase (empty when it does)."""
    settings = rules.collective
    zero = rules.lineage.missing_predecessor_year == "not_met"
    late = settings.late_report_allowed
    if settings.rule == "every_year":
        return [
            p for item in years for p in _year_failures(item, late_allowed=late, zero_missing=zero)
        ]
    last = max(years, key=lambda item: item.year)
    problems = _year_failures(last, late_allowed=late, zero_missing=zero)
    problems += [
        f"năm {item.year}: không có báo cáo hợp lệ"
        for item in years
        if item is not last and not item.used
    ]
    average = _average_achievement(years)
    if average + 1e-9 < settings.average_achievement:
        problems.append(
            f"mức đạt bình quân cả đợt {average:.0%} dưới {settings.average_achievement:.0%}"
        )
    return problems


def unit_breach(years: list[PhaseYear]) -> list[str]:
    """Return the years in which the unit sent no valid report (a breach of the plan's duty)."""
    return [str(item.year) for item in years if not item.used]


def individual_failures(
    *,
    initiatives: int,
    identity: PersonIdentity,
    unit_years: list[PhaseYear],
    rules: Eligibility,
) -> list[str]:
    """Return why an individual is not eligible on their own record under III.2."""
    settings = rules.individual
    problems = []
    if initiatives < settings.min_initiatives:
        problems.append(
            f"chưa nêu sáng kiến, giải pháp được công nhận của chính cá nhân (có {initiatives}, "
            f"cần ít nhất {settings.min_initiatives}; mục III.2)"
        )
    if settings.require_birth_date and identity.missing():
        problems.append(f"thiếu {' và '.join(identity.missing())} để xác định cá nhân")
    if settings.unit_not_in_breach and (missed := unit_breach(unit_years)):
        problems.append(f"đơn vị công tác không có báo cáo hợp lệ năm {', '.join(missed)}")
    return problems
