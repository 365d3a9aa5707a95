"""The province's yearly summary: reporting and on-time rates, criteria met, by type and block."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from models.vocabulary import UnitVocabulary
from tasks.aggregate.yearly import UnitYear
from tasks.canonical import canonical_hash
from tasks.scoring.criteria import CriterionStatus, ReportStatus, YearEvaluation


class UnitCounts(NamedTuple):
    """What one unit's year adds to each of its groups."""

    reported: bool
    on_time: bool
    score: float | None  # a reported year's score
    criteria: list[tuple[str, bool]]  # (code, met) of each applicable criterion


def unit_counts(item: UnitYear) -> UnitCounts:
    """Return what a unit's year adds to a group's counts."""
    evaluation = item.evaluation
    status = evaluation.report_status
    reported = status in (ReportStatus.ON_TIME, ReportStatus.LATE)
    return UnitCounts(
        reported,
        status is ReportStatus.ON_TIME,
        evaluation.score if reported else None,
        [
            (c.code, c.status is CriterionStatus.MET)
            for c in evaluation.criteria
            if c.status is not CriterionStatus.NOT_APPLICABLE
        ],
    )


@dataclass
class GroupSummary:
    """Counts of one group of units (a unit type, a block, or the whole province)."""

    group: str
    expected: int = 0
    reported: int = 0
    on_time: int = 0
    scores: list[float] = field(default_factory=list)
    criteria: dict[str, list[int]] = field(default_factory=dict)  # code: [met, applicable]

    def add(self, item: UnitYear) -> None:
        """Count one unit's year in this group."""
        self.count(unit_counts(item))

    def count(self, counts: UnitCounts) -> None:
        """Count one unit's year in this group, from unit_counts() (made once for its groups)."""
        reported, on_time, score, criteria = counts
        self.expected += 1
        self.reported += reported
        self.on_time += on_time
        if score is not None:
            self.scores.append(score)
        for code, met in criteria:
            found = self.criteria.get(code)
            if found is None:
                found = self.criteria[code] = [0, 0]
            found[0] += met
            found[1] += 1

    def to_dict(self) -> dict[str, object]:
        """Return the group's figures, rates rounded for reading."""
        return {
            "group": self.group,
            "expected": self.expected,
            "reported": self.reported,
            "on_time": self.on_time,
            "reporting_rate": round(self.reported / self.expected, 4) if self.expected else 0.0,
            "on_time_rate": round(self.on_time / self.expected, 4) if self.expected else 0.0,
            "mean_score": round(sum(self.scores) / len(self.scores), 2) if self.scores else None,
            "criteria_met": {
                code: {"met": met, "applicable": applicable, "share": round(met / applicable, 4)}
                for code, (met, applicable) in sorted(self.criteria.items())
            },
        }


def summarise(units: list[UnitYear], *, vocabulary: UnitVocabulary) -> dict[str, object]:
    """Return the province, per unit type and per block summaries of a year's results."""
    province = GroupSummary("Toàn tỉnh")
    kinds: dict[str, GroupSummary] = defaultdict(lambda: GroupSummary(""))
    blocks: dict[str, GroupSummary] = defaultdict(lambda: GroupSummary(""))
    for item in units:
        counts = unit_counts(item)
        province.count(counts)
        kind = kinds[item.unit.kind]
        kind.group = vocabulary.kind_label(item.unit.kind)
        kind.count(counts)
        block = blocks[item.unit.block or "(chưa xếp khối)"]
        block.group = item.unit.block or "(chưa xếp khối)"
        block.count(counts)
    order = list(vocabulary.kinds)
    return {
        "province": province.to_dict(),
        "by_kind": [
            kinds[k].to_dict()
            for k in sorted(kinds, key=lambda k: order.index(k) if k in order else len(order))
        ],
        "by_block": [blocks[b].to_dict() for b in sorted(blocks)],
    }


def result_hash(payload: object) -> str:
    """Return the SHA-256 of a JSON-able payload in canonical form."""
    return canonical_hash(payload)


def evaluation_fields(evaluation: YearEvaluation) -> dict[str, object]:
    """Return dataclasses.asdict(evaluation), built directly (asdict deep-copies every value)."""
    return {
        "report_status": evaluation.report_status,
        "criteria": [
            {
                "code": c.code,
                "status": c.status,
                "weight": c.weight,
                "target": c.target,
                "value": c.value,
                "achievement": c.achievement,
                "reason": c.reason,
            }
            for c in evaluation.criteria
        ],
        "base": evaluation.base,
        "bonus": evaluation.bonus,
        "penalty": evaluation.penalty,
        "score": evaluation.score,
        "note": evaluation.note,
    }


def unit_rows(units: list[UnitYear]) -> list[dict[str, object]]:
    """Return one JSON-able row per unit, for hashing and for the stored summary."""
    return [
        {
            "unit": u.unit.code,
            "block": u.unit.block,
            **evaluation_fields(u.evaluation),
            "input_sha256": u.submission.sha256 if u.submission else None,
        }
        for u in sorted(units, key=lambda u: u.unit.code)
    ]
