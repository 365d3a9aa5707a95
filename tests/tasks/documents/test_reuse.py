"""A dossier rebuilt from the same inputs is taken as stored; any difference renders it again."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from models.database import session_scope, upgrade
from tasks.documents.dossier import RenderedDossier, assemble, render_dossier
from tasks.documents.publish import store_bundle
from tasks.documents.records import Dossier
from tasks.storage import ObjectStore
from tests.tasks.documents import samples


def _build(
    store: ObjectStore, bucket: str, database_url: str, dossier: Dossier, code: str = "v1"
) -> tuple[RenderedDossier, dict[str, Any]]:
    rendered = render_dossier(dossier, store=store, workers=1, reuse=(bucket, code))
    with session_scope(database_url) as session:
        result = store_bundle(
            session, store=store, bucket=bucket, bundle=assemble(rendered, code_version=code)
        )
    return rendered, result


def _versions(store: ObjectStore, bucket: str) -> list[tuple[str, str | None]]:
    return sorted((info.key, info.version_id) for info in store.list_versions(bucket, ""))


def test_a_rebuild_with_nothing_new_reuses_the_stored_dossier(
    store: ObjectStore, bucket: str, database_url: str
) -> None:
    upgrade(database_url)
    dossier = samples.dossier(collectives=2, persons=3)
    first, built = _build(store, bucket, database_url, dossier)
    assert first.stored is None
    assert first.files
    versions = _versions(store, bucket)

    again, reused = _build(store, bucket, database_url, dossier)
    assert again.stored is not None
    assert not again.files
    assert reused == built  # the same keys, hashes and everything else
    assert _versions(store, bucket) == versions  # nothing written

    changed = replace(dossier, selection="proposal" if dossier.selection != "proposal" else "x")
    redone, _ = _build(store, bucket, database_url, changed)
    assert redone.stored is None
    assert redone.files

    _build(store, bucket, database_url, dossier)  # back to the first inputs: rendered, stored
    _, code_changed = _build(store, bucket, database_url, dossier, code="v2")
    assert code_changed["manifest_sha256"] != built["manifest_sha256"]  # another code version


def test_a_stored_file_that_differs_is_rendered_and_written_again(
    store: ObjectStore, bucket: str, database_url: str
) -> None:
    upgrade(database_url)
    dossier = samples.dossier(collectives=1, persons=2)
    _, built = _build(store, bucket, database_url, dossier)
    tampered = built["files"][1]["key"]
    store.put_bytes(bucket, tampered, b"not the document")
    again, rebuilt = _build(store, bucket, database_url, dossier)
    assert again.stored is None  # the bucket no longer holds what the ZIP says
    assert rebuilt == built
    assert store.get_bytes(bucket, tampered) != b"not the document"
