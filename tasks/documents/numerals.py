"""Vietnamese number formats: a thousands dot and a decimal comma."""

from __future__ import annotations


def vn_number(value: float | int | None, decimals: int = 0) -> str:
    """Return value as '1.234' or '95,5'; None as an empty string."""
    if value is None:
        return ""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\u0000").replace(".", ",").replace("\u0000", ".")


def vn_score(value: float | None) -> str:
    """Return a score as people write it: one decimal at most, no trailing zero ('87,5')."""
    if value is None:
        return ""
    text = vn_number(round(value + 0.0, 1), 1)
    return text.rstrip("0").rstrip(",") if "," in text else text


def vn_percent(share: float | None, decimals: int = 1) -> str:
    """Return a share (0..1) as a percentage: '90,8%'; trailing zeros dropped."""
    if share is None:
        return "-"
    text = vn_number(share * 100, decimals)
    if "," in text:
        text = text.rstrip("0").rstrip(",")
    return f"{text}%"
