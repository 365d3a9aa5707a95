"""The cover sheet and Danh mục tài liệu of a phase's dossier: data only (the template words it)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tasks.documents.bundle import BundleFile
from tasks.documents.common import balanced_lines, display_name, lowered, quoted
from tasks.documents.dates import month_text
from tasks.documents.records import Dossier

TITLES = {
    "to_trinh": "Tờ trình đề nghị khen thưởng của {appraiser}",
    "bien_ban": "Biên bản họp Hội đồng xét khen thưởng",
    "quyet_dinh": "Dự thảo Quyết định tặng Bằng khen, kèm danh sách",
}
SOURCES = {
    "generated": "Lập từ báo cáo năm và hồ sơ đề nghị của đơn vị",
    "unit_file": "Tệp của đơn vị (bản lưu khi thẩm định)",
}


def _title(dossier: Dossier, item: BundleFile, names: dict[str, str]) -> str:
    if item.kind == "bao_cao_thanh_tich":
        return f"Báo cáo thành tích: {names.get(item.name, '')}"
    if item.kind == "quyet_dinh" and dossier.decision is not None:
        return "Quyết định tặng Bằng khen, kèm danh sách"
    return TITLES.get(item.kind, item.name).format(
        appraiser=dossier.phase.appraising_department.name
    )


def cover_context(
    dossier: Dossier, files: Sequence[BundleFile], names: dict[str, str] | None = None
) -> dict[str, Any]:
    """Return the cover's data: who sends the dossier, what for, and the list of its documents."""
    phase = dossier.phase
    appraiser = phase.appraising_department
    names = names or {}
    day = dossier.day
    items = [
        {
            "no": i,
            "title": _title(dossier, item, names),
            "source": SOURCES.get(item.source, "")
            if item.kind == "bao_cao_thanh_tich"
            else "Lập từ kết quả xét chọn và quyết định đã ghi nhận",
        }
        for i, item in enumerate(files, start=1)
    ]
    return {
        "bodies": [
            *balanced_lines(appraiser.parent_header.upper(), max_chars=40),
            *balanced_lines(appraiser.header.upper(), max_chars=40),
        ],
        "award": f"Bằng khen của Chủ tịch {phase.issuing_authority.name}",
        "phase_name_lower": lowered(phase.name),
        "movement_name": quoted(dossier.campaign.name),
        "span": f"{min(phase.years)} - {max(phase.years)}",
        "status": "Quyết định đã ký" if dossier.decision else "Trình Chủ tịch xem xét, quyết định",
        "place": phase.place,
        "month_year": f"tháng {month_text(day.month)} năm {day.year}",
        "items": items,
        "total_line": f"Hồ sơ gồm {len(items)} tài liệu./.",
    }


def candidate_names(dossier: Dossier, planned: Sequence[Any]) -> dict[str, str]:
    """Return, per achievement report's file name, the candidate it is about."""
    return {
        item.name: display_name(item.candidate) for item in planned if item.candidate is not None
    }
