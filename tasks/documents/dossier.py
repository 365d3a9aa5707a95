"""A phase's dossier for the Chairman: which documents, rendered, bundled and stored."""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime, time
from typing import Any

from docx import Document

from tasks.documents.achievement import achievement_context
from tasks.documents.bien_ban import bien_ban_context
from tasks.documents.bundle import (
    BundleFile,
    canonical_hash,
    file_slug,
    manifest_bytes,
    manifest_entry,
    merge_documents,
    zip_files,
)
from tasks.documents.common import display_name
from tasks.documents.cover import candidate_names, cover_context
from tasks.documents.decision import decision_context
from tasks.documents.render import Properties, RenderJob, render_many, template_path
from tasks.documents.sources import CandidateRecord, Dossier
from tasks.documents.to_trinh import to_trinh_context
from tasks.storage import ObjectStore, StorageError

log = logging.getLogger(__name__)

PREFIX = "ho-so"
MAX_UNIT_FILE_BYTES = 50 * 1024 * 1024
NO_MEETING = (
    "Chưa ghi nhận cuộc họp Hội đồng xét khen thưởng của đợt: hồ sơ chưa có Biên bản "
    "(không lập Biên bản khi không có số liệu)."
)
TITLES = {
    "to_trinh": "Tờ trình đề nghị khen thưởng",
    "bien_ban": "Biên bản họp Hội đồng xét khen thưởng",
    "bao_cao_thanh_tich": "Báo cáo thành tích",
    "quyet_dinh": "Quyết định tặng Bằng khen",
    "ho_so": "Hồ sơ trình Chủ tịch Ủy ban nhân dân tỉnh",
    "bia_ho_so": "Bìa hồ sơ và danh mục tài liệu",
}


@dataclass(frozen=True)
class Planned:
    """One document of the dossier: rendered from a template, or the unit's own file."""

    name: str
    kind: str
    job: RenderJob
    candidate: CandidateRecord | None = None


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


def prefix(campaign: str, phase: str) -> str:
    """Return where a phase's dossier is stored in the output bucket."""
    return f"{PREFIX}/{campaign}/{phase}/"


def dossier_time(dossier: Dossier) -> datetime:
    """Return the timestamp written into the documents: from the records, never the clock."""
    return datetime.combine(dossier.day, time(0), tzinfo=UTC)


def _properties(dossier: Dossier, kind: str, subject: str = "") -> Properties:
    phase = dossier.phase
    return Properties(
        title=f"{TITLES[kind]} - {phase.name} ({phase.quarter})",
        subject=subject,
        author=phase.appraising_department.name,
        created=dossier_time(dossier),
        keywords=f"{dossier.campaign.code}; {phase.code}",
        category=phase.legal_basis.decree,
    )


def _job(
    dossier: Dossier, template: str, context: dict[str, Any], kind: str, subject: str = ""
) -> RenderJob:
    return RenderJob(
        template=template_path(dossier.phase.template_set, template),
        context=context,
        properties=_properties(dossier, kind, subject),
    )


def _job_shared(dossier: Dossier, template: str, context: dict[str, Any], kind: str) -> RenderJob:
    return RenderJob(
        template=template_path(None, template),
        context=context,
        properties=_properties(dossier, kind),
    )


def achievement_name(index: int, candidate: CandidateRecord) -> str:
    """Return the bundle name of a candidate's achievement report."""
    kind = "tap-the" if candidate.kind == "tap_the" else "ca-nhan"
    return f"03-bao-cao-thanh-tich/{index:03d}-{kind}-{file_slug(candidate.full_name)}.docx"


def plan(dossier: Dossier) -> tuple[list[Planned], list[dict[str, str]]]:
    """Return the documents to produce, in dossier order, and those left out with why."""
    planned = [
        Planned(
            "01-to-trinh.docx",
            "to_trinh",
            _job(dossier, "to-trinh.docx", to_trinh_context(dossier), "to_trinh"),
        )
    ]
    omitted = []
    if dossier.meeting is not None:
        planned.append(
            Planned(
                "02-bien-ban.docx",
                "bien_ban",
                _job(dossier, "bien-ban.docx", bien_ban_context(dossier), "bien_ban"),
            )
        )
    else:
        omitted.append({"document": "02-bien-ban.docx", "reason": NO_MEETING})
    for index, candidate in enumerate(dossier.candidates, start=1):
        context = achievement_context(dossier, candidate)
        job = _job(
            dossier,
            "bao-cao-thanh-tich.docx",
            context,
            "bao_cao_thanh_tich",
            subject=display_name(candidate),
        )
        planned.append(
            Planned(achievement_name(index, candidate), "bao_cao_thanh_tich", job, candidate)
        )
    decided = dossier.decision is not None
    planned.append(
        Planned(
            "04-quyet-dinh.docx" if decided else "04-du-thao-quyet-dinh.docx",
            "quyet_dinh",
            _job(dossier, "du-thao-quyet-dinh.docx", decision_context(dossier), "quyet_dinh"),
        )
    )
    return planned, omitted


def _unit_file(store: ObjectStore | None, candidate: CandidateRecord | None) -> bytes | None:
    """Return the unit's own DOCX when it has one that opens; never modify it."""
    if store is None or candidate is None or candidate.attachment is None:
        return None
    attachment = candidate.attachment
    try:
        data = store.get_bytes(
            attachment.bucket,
            attachment.key,
            version_id=attachment.version_id,
            max_bytes=MAX_UNIT_FILE_BYTES,
        )
        Document(io.BytesIO(data))
    except (StorageError, ValueError, KeyError, OSError) as error:
        log.warning("Tệp %s của đơn vị không dùng được: %s", attachment.key, error)
        return None
    except Exception as error:  # noqa: BLE001 (a broken DOCX raises anything from zip or lxml)
        log.warning("Tệp %s của đơn vị không mở được: %s", attachment.key, error)
        return None
    return data


def _info(dossier: Dossier, omitted: list[dict[str, str]]) -> dict[str, Any]:
    phase = dossier.phase
    return {
        "campaign": dossier.campaign.code,
        "phase": phase.code,
        "phase_name": phase.name,
        "quarter": phase.quarter,
        "template_set": phase.template_set,
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
    dossier: Dossier, *, store: ObjectStore | None = None, workers: int | None = None
) -> RenderedDossier:
    """Render every document of the dossier; a unit's own DOCX replaces its generated report."""
    planned, omitted = plan(dossier)
    own = {item.name: _unit_file(store, item.candidate) for item in planned}
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
            files.append(BundleFile(item.name, item.kind, unit_file, "unit_file", attachment.key))
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
    cover = _job_shared(
        dossier,
        "bia-ho-so.docx",
        cover_context(dossier, files, candidate_names(dossier, planned)),
        "bia_ho_so",
    )
    files.insert(0, BundleFile("00-bia-ho-so.docx", "bia_ho_so", render_many([cover])[0]))
    inputs["00-bia-ho-so.docx"] = dict(cover.context)
    info = _info(dossier, omitted)
    info["candidates"] = candidates
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
                title=f"{TITLES['ho_so']} - {info['phase_name']} ({info['quarter']})",
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
