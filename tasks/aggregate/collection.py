"""Fewer garbage collections while a country's results are built.

A year of 60,000 units or a phase of 300,000 nominations allocates millions of small, acyclic
objects (rows, tuples, dicts of JSON); with the default threshold the collector walks the growing
heap again and again for no cycle to free. The threshold is raised for the work, then restored.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

YOUNG = 50_000  # allocations between collections of the youngest generation (default 700)
OLDEST = 1_000  # youngest collections between full ones (default 10 x 10)


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Run the body with rarer collections; the previous thresholds are restored after it."""
    before = gc.get_threshold()
    gc.set_threshold(max(before[0], YOUNG), before[1], max(before[2], OLDEST))
    try:
        yield
    finally:
        gc.set_threshold(*before)
