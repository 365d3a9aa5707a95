"""The rendering's speed-ups change no byte: every generated file matches the old code's digest.

The digests in tests/fixtures/documents-golden.json were written by the code before the speed-ups
(one jinja environment, cached templates and styles, one zip pass, the pool); see golden.py. The
manifests and ZIPs (which carry the campaign file's SHA-256) were written again once, when the
campaign file gained its issuer, registry and words; every document is still the old code's.
"""

from __future__ import annotations

import json

from tasks.documents import render_pool
from tasks.documents.dossier import render_dossier
from tasks.documents.render import WARM_POOL_THRESHOLD
from tests.tasks.documents import samples
from tests.tasks.documents.golden import CASES, FIXTURE, digests


def test_every_generated_document_is_byte_identical_to_the_old_code() -> None:
    expected = json.loads(FIXTURE.read_text(encoding="utf-8"))
    found = digests()
    assert sorted(found) == sorted(expected)
    changed = [name for name in expected if found[name] != expected[name]]
    assert changed == []


def test_the_process_pool_renders_the_same_bytes_as_the_old_code() -> None:
    expected = json.loads(FIXTURE.read_text(encoding="utf-8"))
    dossier = samples.dossier(**CASES["bench-45"])  # type: ignore[arg-type]
    for ready in render_pool.warm(2):  # a running pool renders the dossier's 48 documents
        ready.result()
    assert render_pool.running(2)
    rendered = render_dossier(dossier, workers=2)
    assert len(rendered.files) > WARM_POOL_THRESHOLD
    for item in rendered.files:
        assert item.sha256 == expected[f"bench-45/{item.name}"], item.name
