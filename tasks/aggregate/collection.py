"""No cyclic garbage collection while a country's results are built.

A year of 60,000 units or a phase of 300,000 nominations allocates millions of small, acyclic
objects (rows, tuples, dicts of JSON) that live until the work ends; the collector would walk
them again and again, in every generation, for no cycle to free (reference counting frees them
all). Raised thresholds still cost a country's review about a tenth of its time, most of it in
full collections of a heap that only grows. The collector is paused for the work, then resumed
as it was: a cycle made meanwhile is collected after it.

What the work made and still holds (a review's 300,000 placements) would be walked by the first
young collection after it; it is moved to the oldest generation instead (gc.freeze() then
gc.unfreeze(), two list moves), which the next full collection walks, as it walks any object.
That is not done when something else keeps objects frozen (the freeze count is not zero).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Run the body with the cyclic collector paused; it is resumed after it if it was on."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()
