"""A phase's dossier for the Chairman: its documents rendered, merged, listed and archived."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from tasks.canonical import canonical_hash
from tasks.documents import render_pool
from tasks.documents.bundle import (
    BundleFile,
    manifest_bytes,
    manifest_entry,
    merge_documents,
    zip_files,
)
from tasks.documents.cover import candidate_names, cover_context
from tasks.documents.plan import (  # noqa: F401 (re-exported: the dossier's public names)
    TITLES,
    Planned,
    achievement_name,
    dossier_time,
    plan,
    prefix,
    shared_job,
)
from tasks.documents.render import POOL_THRESHOLD, Properties, default_workers, render_many
from tasks.documents.reuse import fingerprint, stored_files
from tasks.documents.sources import Dossier
from tasks.documents.unit_files import unit_files
from tasks.storage import ObjectStore

log = logging.getLogger(__name__)


@dataclass
class RenderedDossier:
    """The dossier's documents with what they were made from (JSON-able info)."""

    info: dict[str, Any]
    files: list[BundleFile] = field(default_factory=list)
    build: str | None = None  # the build's fingerprint, when it may be reused (reuse.py)
    stored: tuple[list[BundleFile], dict[str, Any]] | None = None  # the files and manifest kept
    stored_build: str | None = None


@dataclass
class Bundle:
    """Everything stored for a phase: documents, merged dossier, manifest and ZIP."""

    info: dict[str, Any]
    files: list[BundleFile]
    manifest: dict[str, Any]
    build: str | None = None  # the fingerprint stored with the ZIP (reuse.py)
    stored_build: str | None = None  # the one the stored ZIP carries


def _info(dossier: Dossier, omitted: list[dict[str, str]]) -> dict[str, Any]:
    phase = dossier.phase
    return {
        "campaign": dossier.campaign.code,
        "phase": phase.code,
        "phase_name": phase.name,
        "quarter": phase.quarter,
        "template_set": phase.template_set,
        "decider": dossier.campaign.issuer_of(phase).head_of,
        "head": dossier.campaign.issuer_of(phase).head,
        "advisory": phase.home_affairs_department.name,
        "author": phase.appraising_department.name,
        "prefix": prefix(dossier.campaign.code, phase.code),
        "created": dossier_time(dossier).isoformat(),
        "selection": dossier.selection,
        "decision": "recorded" if dossier.decision else "draft",
        "sources": {
            "campaign_sha256": dossier.campaign_sha256,
            "phase_result_sha256": dossier.phase_result_sha256,
            "council_meeting_sha256": dossier.meeting.data_sha256 if dossier.meeting else None,
            "award_decision_sha256": dossier.decision.data_sha256 if dossier.decision else None,
        },
        "omitted": omitted,
    }


def render_dossier(
    dossier: Dossier,
    *,
    store: ObjectStore | None = None,
    archive: str | None = None,
    workers: int | None = None,
    reuse: tuple[str, str] | None = None,
) -> RenderedDossier:
    """Render every document; a unit's own DOCX (pinned, in form) replaces its generated report.

    A unit's file that fails the form's check is not sent on: it is listed in the manifest's
    'returned' with the reasons, for its unit to complete, and the generated report stands in.
    With reuse (the output bucket and the code version) and a store, a dossier an earlier build
    stored from the same inputs is taken as stored (tasks/documents/reuse.py), nothing rendered.
    """
    planned, omitted = plan(dossier)
    warm = len(planned) >= POOL_THRESHOLD  # the pool's processes start while the files load
    if warm and reuse is None:
        render_pool.warm(default_workers() if workers is None else workers)
    checked = unit_files(
        store,
        archive,
        campaign=dossier.campaign.code,
        phase=dossier.phase,
        candidates=dossier.candidates,
    )
    own = {
        item.name: (
            checked[item.candidate.nomination_id].data
            if item.candidate is not None and item.candidate.nomination_id in checked
            else None
        )
        for item in planned
    }
    shells = [  # each file as the cover lists it: its name, kind and source, no bytes yet
        BundleFile(item.name, item.kind, own[item.name] or b"", _source(item, own[item.name]))
        for item in planned
    ]
    cover = shared_job(
        dossier,
        "bia-ho-so.docx",
        cover_context(dossier, shells, candidate_names(dossier, planned)),
        "bia_ho_so",
    )
    info = _full_info(dossier, omitted, planned, checked, shells, cover)
    to_render = [item for item in planned if own[item.name] is None]
    build = seen = None
    if reuse is not None and store is not None:
        jobs = {item.name: item.job for item in to_render} | {"00-bia-ho-so.docx": cover}
        names = ["00-bia-ho-so.docx", *(item.name for item in planned)]
        build = fingerprint(info, jobs, names, reuse[1])
        zip_name = f"ho-so-{dossier.phase.code}.zip"
        stored, seen = stored_files(store, reuse[0], info["prefix"], zip_name, build)
        if stored is not None:
            return RenderedDossier(info=info, stored=stored, build=build, stored_build=seen)
        if warm:
            render_pool.warm(default_workers() if workers is None else workers)
    outputs = render_many([*(item.job for item in to_render), cover], workers=workers)
    rendered = dict(zip([item.name for item in to_render], outputs[:-1], strict=True))
    files = [BundleFile("00-bia-ho-so.docx", "bia_ho_so", outputs[-1])]
    for item in planned:
        unit_file = own[item.name]
        if unit_file is not None and item.candidate is not None:
            pin = checked[item.candidate.nomination_id].pin
            key = item.candidate.attachment.key if item.candidate.attachment else None
            files.append(
                BundleFile(item.name, item.kind, unit_file, "unit_file", key, pin.archive_key)
            )
        else:
            files.append(BundleFile(item.name, item.kind, rendered[item.name]))
    return RenderedDossier(info=info, files=files, build=build, stored_build=seen)


def _full_info(
    dossier: Dossier,
    omitted: list[dict[str, str]],
    planned: list[Planned],
    checked: dict[int, Any],
    shells: list[BundleFile],
    cover: Any,
) -> dict[str, Any]:
    """Return the dossier's info as the manifest records it, from its inputs (nothing rendered)."""
    candidates, inputs = [], {}
    for item, shell in zip(planned, shells, strict=True):
        unit_file = shell.source == "unit_file"
        inputs[item.name] = shell.sha256 if unit_file else dict(item.job.context)
        if item.candidate is not None:
            candidates.append(
                {
                    "nomination_id": item.candidate.nomination_id,
                    "kind": item.candidate.kind,
                    "name": item.candidate.full_name,
                    "proposing_unit": item.candidate.proposing_unit_code,
                    "state": item.candidate.state,
                    "achievement_report": shell.source,
                    "file": item.name,
                }
            )
    inputs["00-bia-ho-so.docx"] = dict(cover.context)
    info = _info(dossier, omitted)
    info["candidates"] = candidates
    info["unit_files"] = [
        {
            "file": item.name,
            "source_key": checked[item.candidate.nomination_id].pin.source_key,
            "sha256": checked[item.candidate.nomination_id].pin.sha256,
            "archive_key": checked[item.candidate.nomination_id].pin.archive_key,
            "used": not checked[item.candidate.nomination_id].reasons,
        }
        for item in planned
        if item.candidate is not None and item.candidate.nomination_id in checked
    ]
    info["returned"] = [
        {
            "unit": item.candidate.proposing_unit_name,
            "name": item.candidate.full_name,
            "source_key": checked[item.candidate.nomination_id].pin.source_key,
            "reasons": list(checked[item.candidate.nomination_id].reasons),
        }
        for item in planned
        if item.candidate is not None
        and item.candidate.nomination_id in checked
        and checked[item.candidate.nomination_id].reasons
    ]
    awarded = {c.nomination_id for c in dossier.awardees}
    info["awardees"] = [c["file"] for c in candidates if c["nomination_id"] in awarded]
    info["sources"]["data_sha256"] = canonical_hash(inputs)
    return info


def _source(item: Planned, unit_file: bytes | None) -> str:
    attachment = item.candidate.attachment if item.candidate else None
    return "unit_file" if unit_file is not None and attachment is not None else "generated"


def assemble(rendered: RenderedDossier, *, code_version: str) -> Bundle:
    """Merge the documents into one dossier, write the manifest and the ZIP of everything."""
    info = rendered.info
    if rendered.stored is not None:  # the same inputs as the stored dossier: taken as stored
        files, manifest = rendered.stored
        return Bundle(info, files, manifest, rendered.build, rendered.stored_build)
    phase = info["phase"]
    created = datetime.fromisoformat(info["created"])
    merged = BundleFile(
        f"ho-so-{phase}.docx",
        "ho_so",
        merge_documents(
            [item.data for item in rendered.files],
            Properties(
                title=f"{TITLES['ho_so']} {info['decider']} - {info['phase_name']} "
                f"({info['quarter']})",
                author=info["author"],
                created=created,
                keywords=f"{info['campaign']}; {phase}",
            ),
        ),
        "merged",
    )
    documents = [*rendered.files, merged]
    manifest = {
        **info,
        "candidates": [  # business keys only: a database id differs from one replay to another
            {key: value for key, value in item.items() if key != "nomination_id"}
            for item in info["candidates"]
        ],
        "code_version": code_version,
        "files": [manifest_entry(item, info["prefix"] + item.name) for item in documents],
    }
    listing = BundleFile("manifest.json", "manifest", manifest_bytes(manifest), "manifest")
    everything = [*documents, listing]
    archive = BundleFile(f"ho-so-{phase}.zip", "ho_so_zip", zip_files(everything), "archive")
    return Bundle(
        info=info,
        files=[*everything, archive],
        manifest=manifest,
        build=rendered.build,
        stored_build=rendered.stored_build,
    )
