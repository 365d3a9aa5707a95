"""Rank a phase's candidates by the published tie-breaks; propose a selection within quota."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from models.campaign import TieBreak

RULE_LABELS = {
    TieBreak.TOTAL_SCORE: "điểm bình quân cả đợt",
    TieBreak.LATEST_YEAR_SCORE: "điểm năm cuối đợt",
    TieBreak.INITIATIVES: "số sáng kiến được công nhận",
    TieBreak.WOMEN_PRIORITY: "ưu tiên nữ, tập thể có từ 70% nữ (Nghị định 152/2025/NĐ-CP)",
    TieBreak.ON_TIME_REPORTS: "số năm báo cáo đúng hạn",
    TieBreak.CODE: "thứ tự mã hồ sơ",
}


@dataclass(frozen=True)
class Candidate:
    """A nominee as the ranking sees it: scores, tie-break facts and eligibility."""

    key: str
    kind: str
    name: str
    total_score: float | None
    latest_year_score: float | None = None
    initiatives: int = 0
    on_time_reports: int = 0
    priority_woman: bool = False
    ineligible_reasons: tuple[str, ...] = ()

    @property
    def eligible(self) -> bool:
        """Return whether the candidate may be ranked at all."""
        return not self.ineligible_reasons and self.total_score is not None


@dataclass
class Placement:
    """A candidate's rank, whether it is proposed, and why."""

    candidate: Candidate
    rank: int | None
    selected: bool
    tie_break: str | None = None
    reasons: list[str] = field(default_factory=list)


def _value(candidate: Candidate, rule: TieBreak) -> float | str:
    """Return the sort value of a rule: larger is better, except the code (ascending)."""
    if rule is TieBreak.TOTAL_SCORE:
        return candidate.total_score or 0.0
    if rule is TieBreak.LATEST_YEAR_SCORE:
        return candidate.latest_year_score or 0.0
    if rule is TieBreak.INITIATIVES:
        return float(candidate.initiatives)
    if rule is TieBreak.WOMEN_PRIORITY:
        return 1.0 if candidate.priority_woman else 0.0
    if rule is TieBreak.ON_TIME_REPORTS:
        return float(candidate.on_time_reports)
    return candidate.key


def _sort_key(candidate: Candidate, rules: Sequence[TieBreak]) -> tuple[float | str, ...]:
    return tuple(
        _value(candidate, rule) if rule is TieBreak.CODE else -float(_value(candidate, rule))
        for rule in rules
    )


def _deciding_rule(a: Candidate, b: Candidate, rules: Sequence[TieBreak]) -> TieBreak:
    for rule in rules:
        if _value(a, rule) != _value(b, rule):
            return rule
    return TieBreak.CODE


def select_candidates(
    candidates: Iterable[Candidate], *, quota: int, rules: Sequence[TieBreak]
) -> list[Placement]:
    """Rank the eligible candidates by the rules and propose at most quota of them."""
    if not rules or rules[-1] is not TieBreak.CODE:
        raise ValueError("tie-break rules must end with the code, so that the order is total")
    pool = list(candidates)
    eligible = sorted((c for c in pool if c.eligible), key=lambda c: _sort_key(c, rules))
    placements: list[Placement] = []
    for position, candidate in enumerate(eligible, start=1):
        placement = Placement(candidate, position, position <= quota)
        if position > 1:
            previous = eligible[position - 2]
            if _value(previous, rules[0]) == _value(candidate, rules[0]):
                rule = _deciding_rule(previous, candidate, rules)
                placement.tie_break = (
                    f"bằng {RULE_LABELS[rules[0]]} với {previous.name}; "
                    f"xếp sau theo {RULE_LABELS[rule]}"
                )
        placement.reasons.append(
            f"Xếp thứ {position}/{len(eligible)}, trong chỉ tiêu {quota}: đề xuất khen thưởng."
            if placement.selected
            else f"Xếp thứ {position}/{len(eligible)}, ngoài chỉ tiêu {quota} (dưới đường cắt)."
        )
        placements.append(placement)
    _explain_cut(placements, quota, rules)
    for candidate in sorted((c for c in pool if not c.eligible), key=lambda c: c.key):
        reasons = list(candidate.ineligible_reasons) or ["Chưa có điểm đánh giá của đợt."]
        placements.append(
            Placement(
                candidate, None, False, None, ["Không đủ điều kiện: " + "; ".join(reasons) + "."]
            )
        )
    return placements


def _explain_cut(placements: list[Placement], quota: int, rules: Sequence[TieBreak]) -> None:
    """Say which rule put the first candidate out, when it was tied with the last one in."""
    if quota <= 0 or len(placements) <= quota:
        return
    last_in, first_out = placements[quota - 1], placements[quota]
    if _value(last_in.candidate, rules[0]) == _value(first_out.candidate, rules[0]):
        rule = _deciding_rule(last_in.candidate, first_out.candidate, rules)
        note = (
            f"Bằng {RULE_LABELS[rules[0]]} tại đường cắt; phân định theo {RULE_LABELS[rule]} "
            "— Hội đồng xem xét."
        )
        last_in.reasons.append(note)
        first_out.reasons.append(note)
