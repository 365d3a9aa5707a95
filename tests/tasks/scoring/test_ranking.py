"""Ranking inside blocks: shared ranks for ties, unscored units last, deterministic order."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tasks.scoring.ranking import rank_in_blocks


def test_ties_share_a_rank_and_blocks_are_separate() -> None:
    ranked = rank_in_blocks(
        [
            ("SO-YT", "VX", 90.0),
            ("SO-GD", "VX", 95.0),
            ("SO-VH", "VX", 90.0),
            ("SO-TC", "KT", 70.0),
            ("SO-CT", "KT", None),
            ("SO-XD", "VX", 60.0),
        ]
    )
    assert [(r.block, r.code, r.rank) for r in ranked] == [
        ("KT", "SO-TC", 1),
        ("KT", "SO-CT", 2),
        ("VX", "SO-GD", 1),
        ("VX", "SO-VH", 2),
        ("VX", "SO-YT", 2),
        ("VX", "SO-XD", 4),
    ]
    unranked = rank_in_blocks([("SO-CT", "KT", None)], rank_unscored=False)
    assert unranked[0].rank is None


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["A", "B", "C", "D", "E", "F"]),
            st.sampled_from(["K1", "K2", None]),
            st.one_of(st.none(), st.floats(0, 110)),
        ),
        unique_by=lambda item: item[0],
    )
)
def test_ranking_is_deterministic_and_consistent(
    units: list[tuple[str, str | None, float | None]],
) -> None:
    ranked = rank_in_blocks(units)
    assert ranked == rank_in_blocks(list(reversed(units)))
    assert sorted(r.code for r in ranked) == sorted(code for code, _, _ in units)
    for a in ranked:
        for b in ranked:
            if a.block == b.block and a.score is not None and b.score is not None:
                assert (a.score > b.score) == (a.rank < b.rank)  # type: ignore[operator]
