"""Outlier flags: year-on-year rate jumps and values far from the unit's peers."""

from __future__ import annotations

from tasks.scoring.outliers import peer_outliers, rate_jumps


def test_rate_jump_beyond_the_threshold() -> None:
    jumps = rate_jumps(
        {"HSCV_MANG": 0.95, "VBDT": 0.9, "NEW": 1.0},
        {"HSCV_MANG": 0.40, "VBDT": 0.85},
        threshold=0.3,
    )
    assert jumps == {"HSCV_MANG": 0.55}


def test_peer_outlier_uses_median_and_mad() -> None:
    counts = {f"X-{i}": float(v) for i, v in enumerate([10, 12, 11, 9, 10, 13, 11, 400])}
    assert list(peer_outliers(counts, z_score=3.5)) == ["X-7"]
    assert peer_outliers({"A": 1.0, "B": 1.0, "C": 1.0, "D": 1.0, "E": 9.0}, z_score=3.5) == {}
    assert peer_outliers({"A": 1.0, "B": 500.0}, z_score=3.5) == {}
