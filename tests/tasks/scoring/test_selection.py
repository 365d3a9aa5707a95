"""Phase selection: within quota, deterministic, explained, with the published tie-breaks."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.campaign import TieBreak
from tasks.scoring.selection import Candidate, select_candidates

FINAL_RULES = [
    TieBreak.TOTAL_SCORE,
    TieBreak.WOMEN_PRIORITY,
    TieBreak.LATEST_YEAR_SCORE,
    TieBreak.INITIATIVES,
    TieBreak.ON_TIME_REPORTS,
    TieBreak.CODE,
]


def _c(key: str, score: float | None, **kwargs: object) -> Candidate:
    return Candidate(key=key, kind="ca_nhan", name=f"Ứng viên {key}", total_score=score, **kwargs)  # type: ignore[arg-type]


def test_fewer_candidates_than_the_quota_are_all_proposed() -> None:
    placements = select_candidates([_c("A", 80), _c("B", 90)], quota=15, rules=FINAL_RULES)
    assert [(p.candidate.key, p.rank, p.selected) for p in placements] == [
        ("B", 1, True),
        ("A", 2, True),
    ]


def test_a_tie_across_the_cut_line_goes_to_the_woman_and_is_explained() -> None:
    placements = select_candidates(
        [_c("A", 90), _c("B", 85), _c("C", 85, priority_woman=True)], quota=2, rules=FINAL_RULES
    )
    assert [(p.candidate.key, p.selected) for p in placements] == [
        ("A", True),
        ("C", True),
        ("B", False),
    ]
    assert "ưu tiên nữ" in (placements[2].tie_break or "")
    assert any("đường cắt" in reason for reason in placements[1].reasons)
    assert any("ngoài chỉ tiêu 2" in reason for reason in placements[2].reasons)


def test_without_women_priority_the_next_rule_decides() -> None:
    rules = [TieBreak.TOTAL_SCORE, TieBreak.LATEST_YEAR_SCORE, TieBreak.CODE]
    placements = select_candidates(
        [_c("A", 85, latest_year_score=70, priority_woman=True), _c("B", 85, latest_year_score=80)],
        quota=1,
        rules=rules,
    )
    assert [p.candidate.key for p in placements if p.selected] == ["B"]


def test_ineligible_candidates_are_listed_with_their_reasons() -> None:
    placements = select_candidates(
        [_c("A", 99, ineligible_reasons=("hồ sơ chưa đủ",)), _c("B", None), _c("C", 50)],
        quota=5,
        rules=FINAL_RULES,
    )
    assert [(p.candidate.key, p.rank, p.selected) for p in placements] == [
        ("C", 1, True),
        ("A", None, False),
        ("B", None, False),
    ]
    assert placements[1].reasons == ["Không đủ điều kiện: hồ sơ chưa đủ."]


def test_rules_must_end_with_the_code() -> None:
    with pytest.raises(ValueError, match="end with the code"):
        select_candidates([_c("A", 1)], quota=1, rules=[TieBreak.TOTAL_SCORE])


candidates = st.lists(
    st.builds(
        Candidate,
        key=st.text("ABCDEFGH", min_size=1, max_size=3),
        kind=st.sampled_from(["tap_the", "ca_nhan"]),
        name=st.just("x"),
        total_score=st.one_of(st.none(), st.sampled_from([50.0, 75.0, 90.0, 100.0])),
        latest_year_score=st.sampled_from([None, 60.0, 80.0]),
        initiatives=st.integers(0, 3),
        on_time_reports=st.integers(0, 4),
        priority_woman=st.booleans(),
        ineligible_reasons=st.sampled_from([(), ("thiếu báo cáo năm 2024",)]),
    ),
    unique_by=lambda c: c.key,
    max_size=30,
)


@given(candidates, st.integers(0, 25), st.randoms())
def test_selection_never_exceeds_the_quota_and_is_deterministic(
    pool: list[Candidate], quota: int, shuffler: random.Random
) -> None:
    placements = select_candidates(pool, quota=quota, rules=FINAL_RULES)
    selected = [p for p in placements if p.selected]
    assert len(selected) <= quota
    assert len(selected) == min(quota, sum(c.eligible for c in pool))
    assert all(p.candidate.eligible for p in selected)
    shuffled = list(pool)
    shuffler.shuffle(shuffled)
    again = select_candidates(shuffled, quota=quota, rules=FINAL_RULES)
    assert [(p.candidate.key, p.rank, p.selected) for p in again] == [
        (p.candidate.key, p.rank, p.selected) for p in placements
    ]
    scores = [p.candidate.total_score or 0 for p in placements if p.rank is not None]
    assert scores == sorted(scores, reverse=True)
