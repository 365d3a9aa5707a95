"""Every document the code generates for a set of sample dossiers, by name and SHA-256.

tests/fixtures/documents-golden.json holds these digests as the code before the rendering's
speed-ups produced them (`python -m tests.tasks.documents.golden` writes the file); the test
computes them again and wants the same bytes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from tasks.documents.bundle import merge_documents
from tasks.documents.chart import GroupFigures, results_chart
from tasks.documents.dossier import assemble, render_dossier
from tasks.documents.render import Picture, Properties, render_docx, template_path
from tasks.documents.yearly import render_yearly_report, yearly_context
from tests.tasks.documents import samples

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "documents-golden.json"
STAMP = datetime(2025, 12, 5, 7, 30, tzinfo=UTC)
CASES: dict[str, dict[str, object]] = {  # label: samples.dossier's arguments
    "tong-ket-2025": {"phase_code": "tong-ket-2025"},
    "tong-ket-2025-decided": {"phase_code": "tong-ket-2025", "decided": True},
    "tong-ket-2025-no-meeting": {"phase_code": "tong-ket-2025", "with_meeting": False},
    "so-ket-2023-decided": {"phase_code": "so-ket-2023", "decided": True, "persons": 3},
    "hostile-names": {
        "phase_code": "tong-ket-2025",
        "names": {1: samples.LONG_NAME, 2: f"{samples.HOSTILE} {samples.NFD_NAME}"},
    },
    "bench-45": {"phase_code": "tong-ket-2025", "collectives": 20, "persons": 25},
}


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _dossiers() -> Iterator[tuple[str, bytes]]:
    for label, options in CASES.items():
        dossier = samples.dossier(**options)  # type: ignore[arg-type]
        rendered = render_dossier(dossier, workers=1)
        for item in assemble(rendered, code_version="golden").files:
            yield f"{label}/{item.name}", item.data
        if label == "tong-ket-2025-decided":  # merging in groups of three, then the groups
            parts = [item.data for item in rendered.files]
            properties = Properties("Hồ sơ", "Sở", STAMP)
            yield f"{label}/merged-in-groups.docx", merge_documents(parts, properties, group=3)


def _yearly() -> Iterator[tuple[str, bytes]]:
    from tests.tasks.documents.test_templates import summary

    campaign, _ = samples.campaign()
    context = yearly_context(campaign=campaign, year=2024, summary=summary(), leading=[])
    report = render_yearly_report(context, campaign=campaign, year=2024)
    yield "yearly/bao-cao-tong-hop.docx", report
    chart = results_chart([GroupFigures("Xã", 0.5, 0.5, None)], title="Năm 2024")
    properties = Properties("Báo cáo", "Sở", STAMP, keywords="golden")
    context["chart"] = Picture(chart, 120.0)
    yield (
        "yearly/another-chart.docx",
        render_docx(template_path(None, "bao-cao-tong-hop.docx"), context, properties),
    )


def digests() -> dict[str, str]:
    """Return the SHA-256 of every generated file, by case and file name."""
    return {name: _digest(data) for name, data in [*_dossiers(), *_yearly()]}


if __name__ == "__main__":
    FIXTURE.write_text(json.dumps(digests(), indent=2, sort_keys=True) + "\n", encoding="utf-8")
