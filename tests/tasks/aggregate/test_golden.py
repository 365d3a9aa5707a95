"""Aggregation and review give the results, hashes and report of the code before the rewrite."""

from __future__ import annotations

import json

from tests.tasks.aggregate.golden import GOLDEN, backend, capture


def test_results_are_identical_to_the_golden_digests(database_url: str) -> None:
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))[backend(database_url)]
    found = json.loads(json.dumps(capture(database_url), default=str))
    assert found["years"] == expected["years"]
    assert found["stored"] == expected["stored"]
    assert found["proposals"] == expected["proposals"]
