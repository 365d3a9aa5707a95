"""Which documents a phase's dossier holds, in order, and how each is rendered."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time
from typing import Any

from tasks.documents.achievement import achievement_context
from tasks.documents.bien_ban import bien_ban_context
from tasks.documents.bundle import file_slug
from tasks.documents.common import display_name
from tasks.documents.decision import decision_context
from tasks.documents.records import CandidateRecord, Dossier
from tasks.documents.render import Properties, RenderJob, template_path
from tasks.documents.to_trinh import to_trinh_context

PREFIX = "ho-so"
NO_MEETING = (
    "Chưa ghi nhận cuộc họp Hội đồng xét khen thưởng của đợt: hồ sơ chưa có Biên bản "
    "(không lập Biên bản khi không có số liệu)."
)
TITLES = {
    "to_trinh": "Tờ trình đề nghị khen thưởng",
    "bien_ban": "Biên bản họp Hội đồng xét khen thưởng",
    "bao_cao_thanh_tich": "Báo cáo thành tích",
    "quyet_dinh": "Quyết định tặng Bằng khen",
    "ho_so": "Hồ sơ trình",  # + who decides, e.g. "Chủ tịch Ủy ban nhân dân tỉnh"
    "bia_ho_so": "Bìa hồ sơ và danh mục tài liệu",
}


@dataclass(frozen=True)
class Planned:
    """One document of the dossier: rendered from a template, or the unit's own file."""

    name: str
    kind: str
    job: RenderJob
    candidate: CandidateRecord | None = None


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


def shared_job(dossier: Dossier, template: str, context: dict[str, Any], kind: str) -> RenderJob:
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
