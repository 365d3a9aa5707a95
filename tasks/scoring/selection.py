"""Rank a phase's eligible candidates by published rules; a tie at the cut goes to the council."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from models.campaign import TieBreak

RULE_LABELS = {
    TieBreak.TOTAL_SCORE: "điểm bình quân cả đợt (thang 0 - 100)",
    TieBreak.LATEST_YEAR_SCORE: "điểm năm cuối đợt",
    TieBreak.INITIATIVES: "số sáng kiến, giải pháp được công nhận",
    TieBreak.WOMEN_PRIORITY: "ưu tiên nữ, tập thể có từ 70% nữ (Nghị định 152/2025/NĐ-CP)",
    TieBreak.ON_TIME_REPORTS: "số năm báo cáo đúng hạn",
}


@dataclass(frozen=True, slots=True)
class Candidate:
    """A nominee as the ranking sees it: measures, published priorities and eligibility."""

    key: str
    kind: str
    name: str
    total_score: float | None
    latest_year_score: float | None = None
    initiatives: int = 0
    on_time_reports: int = 0
    priority_woman: bool = False
    ineligible_reasons: tuple[str, ...] = ()
    identity: str | None = None

    @property
    def eligible(self) -> bool:
        """Return whether the candidate met the plan's standards (eligibility, not rank)."""
        return not self.ineligible_reasons


@dataclass(slots=True)
class Placement:
    """A candidate's rank, whether it is proposed, tied at the cut for the council, and why."""

    candidate: Candidate
    rank: int | None
    selected: bool
    tie_break: str | None = None
    reasons: list[str] = field(default_factory=list)
    tied_at_cut: bool = False
    seats_left: int | None = None

    @property
    def ranked(self) -> bool:
        """Return whether the candidate was ranked (eligible and not a duplicate person)."""
        return self.rank is not None


def _value(candidate: Candidate, rule: TieBreak) -> float:
    """Return the value of a published rule for a candidate: larger is better."""
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
    raise ValueError(f"rule {rule} is not a published priority")


def _measures(candidate: Candidate, rules: Sequence[TieBreak]) -> tuple[float, ...]:
    return tuple(_value(candidate, rule) for rule in rules)


def _deciding_rule(a: Candidate, b: Candidate, rules: Sequence[TieBreak]) -> TieBreak | None:
    for rule in rules:
        if _value(a, rule) != _value(b, rule):
            return rule
    return None


def _duplicates(pool: list[Candidate]) -> dict[str, list[Candidate]]:
    people: dict[str, list[Candidate]] = defaultdict(list)
    for candidate in pool:
        if candidate.identity:
            people[candidate.identity].append(candidate)
    return {identity: found for identity, found in people.items() if len(found) > 1}


def select_candidates(
    candidates: Iterable[Candidate], *, quota: int, rules: Sequence[TieBreak]
) -> list[Placement]:
    """Rank the eligible by the rules; propose within quota; a tie at the cut is the council's."""
    if not rules or TieBreak.CODE in rules:
        raise ValueError("rules must be published priorities; an internal order breaks no tie")
    pool = sorted(candidates, key=lambda c: c.key)
    twice = _duplicates(pool)
    duplicated = {c.key for found in twice.values() for c in found}
    eligible = [c for c in pool if c.eligible and c.key not in duplicated]
    measures = {id(c): _measures(c, rules) for c in eligible}  # each candidate's, once
    eligible.sort(key=lambda c: (tuple(-v for v in measures[id(c)]), c.key))
    groups: list[list[Candidate]] = []
    for candidate in eligible:
        if groups and measures[id(groups[-1][0])] == measures[id(candidate)]:
            groups[-1].append(candidate)
        else:
            groups.append([candidate])
    placements: list[Placement] = []
    taken, position, total = 0, 1, len(eligible)
    for group in groups:
        inside = taken + len(group) <= quota
        at_cut = not inside and taken < quota
        for candidate in group:
            placement = Placement(candidate, position, inside)
            if at_cut:
                placement.tied_at_cut, placement.seats_left = True, quota - taken
                rivals = [c.name for c in group if c is not candidate]
                names = ", ".join(rivals) if len(rivals) <= 3 else f"{len(rivals)} trường hợp khác"
                placement.tie_break = (
                    f"Đồng hạng tại đường cắt với {names}: còn {quota - taken}/{quota} suất "
                    f"cho {len(group)} trường hợp - Hội đồng biểu quyết"
                )
                placement.reasons.append(
                    f"Đồng hạng thứ {position}/{total} tại đường cắt chỉ tiêu {quota} sau khi "
                    f"áp dụng các tiêu chí ưu tiên đã công bố "
                    f"({'; '.join(RULE_LABELS[r] for r in rules)}): Hội đồng biểu quyết chọn "
                    f"{quota - taken} trong {len(group)} trường hợp."
                )
            elif inside:
                placement.reasons.append(
                    f"Xếp thứ {position}/{total}, trong chỉ tiêu {quota}: đề xuất khen thưởng."
                )
            else:
                placement.reasons.append(
                    f"Xếp thứ {position}/{total}, ngoài chỉ tiêu {quota} (dưới đường cắt)."
                )
            placements.append(placement)
        taken += len(group)
        position += len(group)
    _explain_order(placements, rules)
    for candidate in pool:
        if candidate.key in duplicated and candidate.eligible:
            others = [c for c in twice[candidate.identity or ""] if c is not candidate]
            placements.append(
                Placement(
                    candidate,
                    None,
                    False,
                    reasons=[
                        "Không xếp hạng: cùng một người được đề nghị "
                        f"{len(others) + 1} lần trong đợt (cũng trong đề nghị "
                        f"{', '.join(c.key for c in others)}); các đơn vị đề nghị và Hội đồng "
                        "xác minh, mỗi người chỉ một đề nghị."
                    ],
                )
            )
    for candidate in pool:
        if not candidate.eligible:
            reasons = "; ".join(candidate.ineligible_reasons)
            placements.append(
                Placement(candidate, None, False, reasons=[f"Không đủ điều kiện: {reasons}."])
            )
    return placements


def _explain_order(placements: list[Placement], rules: Sequence[TieBreak]) -> None:
    """Say which published rule put a candidate after one with the same first measure."""
    for previous, placement in zip(placements, placements[1:], strict=False):
        a, b = previous.candidate, placement.candidate
        if placement.tied_at_cut or _value(a, rules[0]) != _value(b, rules[0]):
            continue
        rule = _deciding_rule(a, b, rules)
        if rule is not None:
            placement.tie_break = (
                f"bằng {RULE_LABELS[rules[0]]} với {a.name}; xếp sau theo {RULE_LABELS[rule]}"
            )
            if previous.selected and not placement.selected:
                note = (
                    f"Bằng {RULE_LABELS[rules[0]]} tại đường cắt; phân định theo quy tắc ưu "
                    f"tiên đã công bố: {RULE_LABELS[rule]}."
                )
                previous.reasons.append(note)
                placement.reasons.append(note)
