"""A phase's dossier for the Chairman: its documents rendered, merged, listed and archived."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from tasks.documents import render_pool
from tasks.documents.bundle import (
    BundleFile,
    canonical_hash,
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
from tasks.documents.sources import Dossier
from tasks.documents.unit_files import unit_files
from tasks.storage import ObjectStore

log = logging.getLogger(__name__)


@dataclass
class RenderedDossier:
    """The dossier's documents with what they were made from (JSON-able info)."""

    info: dict[str, Any]
    files: list[BundleFile] = field(default_factory=list)


@dataclass
class Bundle:
    """Everything stored for a phase: documents, merged dossier, manifest and ZIP."""

    info: dict[str, Any]
    files: list[BundleFile]
    manifest: dict[str, Any]


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
) -> RenderedDossier:
    """Render every document; a unit's own DOCX (pinned, in form) replaces its generated report.

    A unit's file that fails the form's check is not sent on: it is listed in the manifest's
    'returned' with the reasons, for its unit to complete, and the generated report stands in.
    """
    planned, omitted = plan(dossier)
    if len(planned) >= POOL_THRESHOLD:  # the pool's processes start while the units' files load
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
    to_render = [item for item in planned if own[item.name] is None]
    rendered = dict(
        zip(
            [item.name for item in to_render],
            render_many([item.job for item in to_render], workers=workers),
            strict=True,
        )
    )
    files, candidates, inputs = [], [], {}
    for item in planned:
        unit_file = own[item.name]
        attachment = item.candidate.attachment if item.candidate else None
        if unit_file is not None and attachment is not None:
            pin = checked[item.candidate.nomination_id].pin  # type: ignore[union-attr]
            files.append(
                BundleFile(
                    item.name, item.kind, unit_file, "unit_file", attachment.key, pin.archive_key
                )
            )
        else:
            files.append(BundleFile(item.name, item.kind, rendered[item.name]))
        inputs[item.name] = files[-1].sha256 if unit_file is not None else dict(item.job.context)
        if item.candidate is not None:
            candidates.append(
                {
                    "nomination_id": item.candidate.nomination_id,
                    "kind": item.candidate.kind,
                    "name": item.candidate.full_name,
                    "proposing_unit": item.candidate.proposing_unit_code,
                    "state": item.candidate.state,
                    "achievement_report": files[-1].source,
                    "file": item.name,
                }
            )
    cover = shared_job(
        dossier,
        "bia-ho-so.docx",
        cover_context(dossier, files, candidate_names(dossier, planned)),
        "bia_ho_so",
    )
    files.insert(0, BundleFile("00-bia-ho-so.docx", "bia_ho_so", render_many([cover])[0]))
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
    return RenderedDossier(info=info, files=files)


def assemble(rendered: RenderedDossier, *, code_version: str) -> Bundle:
    """Merge the documents into one dossier, write the manifest and the ZIP of everything."""
    info = rendered.info
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
    return Bundle(info=info, files=[*everything, archive], manifest=manifest)
