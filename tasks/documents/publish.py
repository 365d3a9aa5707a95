"""Store a phase's dossier, record every file, and build it from the database in one call."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from models.campaign import Campaign, Phase
from tasks.campaigns import current_campaign
from tasks.documents.bundle import record, upload_all
from tasks.documents.dossier import Bundle, assemble, render_dossier
from tasks.documents.records import Dossier
from tasks.documents.reuse import BUILD_METADATA
from tasks.documents.sources import load_dossier
from tasks.storage import ObjectStore


def store_bundle(
    session: Session, *, store: ObjectStore, bucket: str, bundle: Bundle
) -> dict[str, Any]:
    """Store every file under the phase's prefix, record each once, drop what is stale."""
    info = bundle.info
    keys = {item.name: info["prefix"] + item.name for item in bundle.files}
    tagged = {}  # the ZIP carries the build's fingerprint, for a rebuild to reuse (reuse.py)
    if bundle.build is not None:
        archive = next(keys[i.name] for i in bundle.files if i.kind == "ho_so_zip")
        tagged[archive] = {BUILD_METADATA: bundle.build}
    stale = upload_all(
        store,
        bucket,
        info["prefix"],
        {keys[i.name]: i for i in bundle.files},
        metadata=tagged,
        rewrite=frozenset(tagged) if bundle.stored_build != bundle.build else frozenset(),
    )
    for item in bundle.files:
        sources = dict(info["sources"])
        if item.source_key:
            sources["source_key"] = item.source_key
        record(
            session,
            campaign=info["campaign"],
            phase=info["phase"],
            year=None,
            kind=item.kind,
            key=keys[item.name],
            sha256=item.sha256,
            sources=sources,
            rules_version=bundle.manifest["code_version"],
        )
    by_kind = {item.kind: keys[item.name] for item in bundle.files}
    return {
        "campaign": info["campaign"],
        "phase": info["phase"],
        "bucket": bucket,
        "prefix": info["prefix"],
        "files": [
            {"name": item.name, "kind": item.kind, "key": keys[item.name], "sha256": item.sha256}
            for item in bundle.files
        ],
        "merged_key": by_kind["ho_so"],
        "manifest_key": by_kind["manifest"],
        "zip_key": by_kind["ho_so_zip"],
        "manifest_sha256": next(i.sha256 for i in bundle.files if i.kind == "manifest"),
        "omitted": info["omitted"],
        "returned": info.get("returned", []),
        "candidates": info["candidates"],
        "decision": info["decision"],
        "selection": info["selection"],
        "decider": info["decider"],
        "head": info["head"],
        "advisory": info["advisory"],
        "removed": stale,
    }


def build_phase_dossier(
    session: Session,
    *,
    campaign_code: str,
    phase_code: str,
    store: ObjectStore,
    output_bucket: str,
    code_version: str,
    workers: int | None = None,
    archive_bucket: str | None = None,
) -> dict[str, Any]:
    """Build, store and record a phase's whole dossier from the database; return what it made.

    archive_bucket keeps the pinned copies of the units' own files (none: they are not used).
    """
    campaign, campaign_sha = current_campaign(session, code=campaign_code)
    dossier = dossier_of(
        session, campaign=campaign, campaign_sha256=campaign_sha, phase_code=phase_code, store=store
    )
    rendered = render_dossier(
        dossier,
        store=store,
        archive=archive_bucket,
        workers=workers,
        reuse=(output_bucket, code_version),
    )
    bundle = assemble(rendered, code_version=code_version)
    return store_bundle(session, store=store, bucket=output_bucket, bundle=bundle)


def dossier_of(
    session: Session,
    *,
    campaign: Campaign,
    campaign_sha256: str,
    phase_code: str,
    store: ObjectStore | None,
) -> Dossier:
    """Return the dossier records of a phase (by its code or kind)."""
    phase: Phase = campaign.phase(phase_code)
    return load_dossier(
        session, campaign=campaign, campaign_sha256=campaign_sha256, phase=phase, store=store
    )
