"""The two kinds of nominee the law knows: a collective (tập thể) and an individual (cá nhân)."""

from __future__ import annotations

# Code → the label people read, in the order documents and rankings list them.
NOMINEE_KINDS: dict[str, str] = {"tap_the": "tập thể", "ca_nhan": "cá nhân"}


def kind_label(kind: str, *, capitalised: bool = False) -> str:
    """Return the Vietnamese label of a nominee kind (the code itself when unknown)."""
    label = NOMINEE_KINDS.get(kind, kind)
    return label[:1].upper() + label[1:] if capitalised else label
