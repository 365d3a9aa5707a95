"""No internal artefact in any document of a rendered dossier (the clerk's first check)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tasks.documents.dossier import assemble, render_dossier
from tasks.documents.records import YearResult
from tests.tasks.documents import samples
from tests.tasks.documents.artefacts import problems


def test_the_scanner_finds_what_a_clerk_sends_back() -> None:
    from datetime import UTC, datetime

    from docx import Document

    from tasks.documents.render import Properties, save_stable

    document = Document()
    for line in (
        "Đơn vị H-BACHTHONG đề nghị",
        "Người ký (minh họa)",
        'Phong trào "Chuyển đổi số"',
        "Điểm: 87.53",
        "Điểm: 87,53",
        "-",
    ):
        document.add_paragraph(line)
    data = save_stable(document, Properties("t", "a", datetime(2025, 1, 1, tzinfo=UTC)))
    found = problems(data)
    assert len(found) == 6, found


@pytest.mark.parametrize("phase", ["so-ket-2023", "tong-ket-2025"])
@pytest.mark.parametrize("decided", [False, True])
def test_no_artefact_in_any_document_of_a_dossier(phase: str, decided: bool) -> None:
    dossier = samples.dossier(phase, collectives=2, persons=3, decided=decided)
    merged_from = replace(
        dossier.candidates[0],
        years=(
            YearResult(2022, "on_time", 87.534, 1, "Khối kinh tế", from_units=("Sở Tài chính",)),
            YearResult(2023, "late", 71.25),
            YearResult(2024, "missing"),
        ),
    )
    dossier = replace(dossier, candidates=(merged_from, *dossier.candidates[1:]))
    bundle = assemble(render_dossier(dossier, workers=1), code_version="v1")
    for item in bundle.files:
        if item.name.endswith(".docx"):
            assert problems(item.data) == [], item.name
