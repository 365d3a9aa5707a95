"""The rendering's speed-ups change no byte: every generated file matches the old code's digest.

The digests in tests/fixtures/documents-golden.json were written by the code before the speed-ups
(one jinja environment, cached templates and styles, one zip pass, the pool); see golden.py.
"""

from __future__ import annotations

import json

from tests.tasks.documents.golden import FIXTURE, digests


def test_every_generated_document_is_byte_identical_to_the_old_code() -> None:
    expected = json.loads(FIXTURE.read_text(encoding="utf-8"))
    found = digests()
    assert sorted(found) == sorted(expected)
    changed = [name for name in expected if found[name] != expected[name]]
    assert changed == []
