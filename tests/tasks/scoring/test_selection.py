"""Phase selection: within quota, deterministic, explained; a tie at the cut is the council's."""

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
    assert any("đường cắt" in reason and "ưu tiên nữ" in reason for reason in placements[1].reasons)
    assert not any(p.tied_at_cut for p in placements)
    assert any("ngoài chỉ tiêu 2" in reason for reason in placements[2].reasons)


def test_without_women_priority_the_next_rule_decides() -> None:
    rules = [TieBreak.TOTAL_SCORE, TieBreak.LATEST_YEAR_SCORE]
    placements = select_candidates(
        [_c("A", 85, latest_year_score=70, priority_woman=True), _c("B", 85, latest_year_score=80)],
        quota=1,
        rules=rules,
    )
    assert [p.candidate.key for p in placements if p.selected] == ["B"]


def test_ineligible_candidates_are_listed_with_their_reasons() -> None:
    placements = select_candidates(
        [
            _c("A", 99, ineligible_reasons=("hồ sơ chưa đủ",)),
            _c("B", None, ineligible_reasons=("năm 2023: không có báo cáo hợp lệ",)),
            _c("C", 50),
        ],
        quota=5,
        rules=FINAL_RULES,
    )
    assert [(p.candidate.key, p.rank, p.selected) for p in placements] == [
        ("C", 1, True),
        ("A", None, False),
        ("B", None, False),
    ]
    assert placements[1].reasons == ["Không đủ điều kiện: hồ sơ chưa đủ."]


def test_an_internal_order_is_not_a_rule() -> None:
    with pytest.raises(ValueError, match="internal order"):
        select_candidates([_c("A", 1)], quota=1, rules=[TieBreak.TOTAL_SCORE, TieBreak.CODE])


def test_a_tie_left_after_the_published_rules_goes_to_the_council() -> None:
    placements = select_candidates(
        [_c("A", 90), _c("B", 85), _c("C", 85), _c("D", 85), _c("E", 70)],
        quota=2,
        rules=FINAL_RULES,
    )
    by_key = {p.candidate.key: p for p in placements}
    assert by_key["A"].selected
    assert [by_key[k].tied_at_cut for k in "BCD"] == [True, True, True]
    assert not any(by_key[k].selected for k in "BCDE")
    assert {by_key[k].rank for k in "BCD"} == {2}
    assert by_key["B"].seats_left == 1
    assert "Hội đồng" in (by_key["C"].tie_break or "")
    assert "còn 1/2 suất" in (by_key["D"].tie_break or "")
    assert "ngoài chỉ tiêu 2" in by_key["E"].reasons[0]


def test_one_person_nominated_by_two_units_is_never_ranked_twice() -> None:
    placements = select_candidates(
        [_c("SO-YT-1", 0, identity="p1", initiatives=3), _c("SO-TC-1", 0, identity="p1")],
        quota=5,
        rules=[TieBreak.INITIATIVES],
    )
    assert [p.rank for p in placements] == [None, None]
    assert all("2 lần" in p.reasons[0] for p in placements)
    assert "SO-YT-1" in placements[0].reasons[0] or "SO-YT-1" in placements[1].reasons[0]


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
        identity=st.one_of(st.none(), st.sampled_from(["p1", "p2", "p3"])),
    ),
    unique_by=lambda c: c.key,
    max_size=30,
)


def _measures(candidate: Candidate) -> tuple[float, ...]:
    return (
        candidate.total_score or 0.0,
        1.0 if candidate.priority_woman else 0.0,
        candidate.latest_year_score or 0.0,
        float(candidate.initiatives),
        float(candidate.on_time_reports),
    )


@given(candidates, st.integers(0, 25), st.randoms())
def test_selection_properties(pool: list[Candidate], quota: int, shuffler: random.Random) -> None:
    placements = select_candidates(pool, quota=quota, rules=FINAL_RULES)
    assert sorted(p.candidate.key for p in placements) == sorted(c.key for c in pool)
    selected = [p for p in placements if p.selected]
    tied = [p for p in placements if p.tied_at_cut]
    ranked = [p for p in placements if p.ranked]
    # No ineligible candidate is ever proposed, nor put to the council as a tie.
    assert all(p.candidate.eligible for p in selected + tied + ranked)
    # A quota is never exceeded, and the seats left to the council fill it at most.
    assert len(selected) <= quota
    seats = {p.seats_left or 0 for p in tied}
    assert len(seats) <= 1
    assert len(selected) + (seats.pop() if tied else 0) == min(quota, len(ranked))
    # A tie at the cut always goes to the council: nobody proposed ties with anyone left out.
    out = [p for p in ranked if not p.selected]
    assert all(_measures(s.candidate) > _measures(o.candidate) for s in selected for o in out)
    assert all(t.seats_left and t.seats_left < len(tied) for t in tied)
    # One person is never ranked twice.
    people = [p.candidate.identity for p in ranked if p.candidate.identity]
    assert len(people) == len(set(people))
    doubled = {
        c.identity for c in pool if c.identity and sum(d.identity == c.identity for d in pool) > 1
    }
    assert not doubled & set(people)
    # The order is the same whatever order the nominations arrive in.
    shuffled = list(pool)
    shuffler.shuffle(shuffled)
    again = select_candidates(shuffled, quota=quota, rules=FINAL_RULES)
    assert [(p.candidate.key, p.rank, p.selected, p.tied_at_cut) for p in again] == [
        (p.candidate.key, p.rank, p.selected, p.tied_at_cut) for p in placements
    ]
