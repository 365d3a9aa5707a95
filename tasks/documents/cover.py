"""The cover sheet and Danh mục tài liệu of a phase's dossier: data only (the template words it)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tasks.documents.bundle import BundleFile
from tasks.documents.common import award, balanced_lines, display_name, lowered, quoted
from tasks.documents.dates import month_text
from tasks.documents.records import Dossier


def cover_context(
    dossier: Dossier, files: Sequence[BundleFile], names: dict[str, str] | None = None
) -> dict[str, Any]:
    """Return the cover's data: who sends the dossier, what for, and the list of its documents."""
    phase = dossier.phase
    appraiser = phase.appraising_department
    issuer = dossier.campaign.issuer_of(phase)
    names = names or {}
    day = dossier.day
    return {
        "bodies": [
            *balanced_lines(appraiser.parent_header.upper(), max_chars=40),
            *balanced_lines(appraiser.header.upper(), max_chars=40),
        ],
        "appraiser": appraiser.name,
        "award": award(phase, issuer),
        "head": issuer.head,
        "phase_name_lower": lowered(phase.name),
        "movement_name": quoted(dossier.campaign.name),
        "span": f"{min(phase.years)} - {max(phase.years)}",
        "decided": dossier.decision is not None,
        "place": phase.place,
        "month": month_text(day.month),
        "year": str(day.year),
        "items": [
            {"no": i, "kind": item.kind, "source": item.source, "name": names.get(item.name, "")}
            for i, item in enumerate(files, start=1)
        ],
    }


def candidate_names(dossier: Dossier, planned: Sequence[Any]) -> dict[str, str]:
    """Return, per achievement report's file name, the candidate it is about."""
    return {
        item.name: display_name(item.candidate) for item in planned if item.candidate is not None
    }
