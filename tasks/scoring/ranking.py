"""Rank units inside their emulation cluster or block, deterministically."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Ranked:
    """A unit's place in its block: equal scores share a rank (1, 2, 2, 4)."""

    code: str
    block: str | None
    score: float | None
    rank: int | None


def rank_in_blocks(
    units: Iterable[tuple[str, str | None, float | None]], *, rank_unscored: bool = True
) -> list[Ranked]:
    """Rank (code, block, score) within each block; unscored units go last, or unranked."""
    by_block: dict[str | None, list[tuple[str, float | None]]] = {}
    for code, block, score in units:
        by_block.setdefault(block, []).append((code, score))
    ranked: list[Ranked] = []
    for block in sorted(by_block, key=lambda name: (name is None, name or "")):
        members = sorted(
            by_block[block], key=lambda item: (item[1] is None, -(item[1] or 0.0), item[0])
        )
        scored = sum(score is not None for _, score in members)
        previous: float | None = None
        rank = 0
        for position, (code, score) in enumerate(members, start=1):
            if score is None:
                ranked.append(Ranked(code, block, None, scored + 1 if rank_unscored else None))
                continue
            if score != previous:
                rank, previous = position, score
            ranked.append(Ranked(code, block, score, rank))
    return ranked
