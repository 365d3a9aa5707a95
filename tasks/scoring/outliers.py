"""Flag values worth a second look: a rate jumping from the year before, a count far from peers."""

from __future__ import annotations

from statistics import median

MAD_TO_SIGMA = 1.4826  # a normal distribution's MAD times this is its standard deviation


def rate_jumps(
    current: dict[str, float], previous: dict[str, float], *, threshold: float
) -> dict[str, float]:
    """Return, per indicator, the change of a rate from the year before, when beyond threshold."""
    return {
        code: round(rate - previous[code], 4)
        for code, rate in current.items()
        if code in previous and abs(rate - previous[code]) > threshold
    }


def peer_outliers(values: dict[str, float], *, z_score: float) -> dict[str, float]:
    """Return the units whose value lies more than z_score robust deviations from the median."""
    if len(values) < 5:
        return {}  # too few peers to say what is usual
    center = median(values.values())
    spread = median(abs(v - center) for v in values.values()) * MAD_TO_SIGMA
    if spread == 0:
        return {}
    return {
        unit: round((value - center) / spread, 2)
        for unit, value in values.items()
        if abs(value - center) / spread > z_score
    }
