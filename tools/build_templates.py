"""Build the Word-editable .docx templates of doc_templates/ (again after changing tools/).

Usage: .venv/bin/python -m tools.build_templates [--out doc_templates]

Every format of Decree 30/2020/NĐ-CP is a named style of the template (tools/templates/styles.py)
and every sentence a clerk may reword is text of the template (tools/templates/*): the runtime code
(tasks/documents) only supplies data. After a build, an officer may also edit the .docx in Word.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from docx.document import Document as DocumentObject

from tasks.documents.render import Properties, save_stable, templates_dir
from tools.templates.achievement import bao_cao_thanh_tich
from tools.templates.cover import bia_ho_so
from tools.templates.decision import du_thao_quyet_dinh
from tools.templates.giay_khen import quyet_dinh_giay_khen
from tools.templates.phase_documents import bien_ban, to_trinh
from tools.templates.yearly import bao_cao_tong_hop

BUILT = datetime(2025, 7, 1, tzinfo=UTC)  # fixed, so that a rebuild gives the same bytes
SETS = {
    "nd-91-2017": "Nghị định số 91/2017/NĐ-CP",
    "nd-152-2025": "Nghị định số 152/2025/NĐ-CP",
}
PHASE_TEMPLATES: dict[str, Callable[[str], DocumentObject]] = {
    "to-trinh.docx": to_trinh,
    "bien-ban.docx": bien_ban,
    "bao-cao-thanh-tich.docx": bao_cao_thanh_tich,
    "du-thao-quyet-dinh.docx": du_thao_quyet_dinh,
}
SHARED: dict[str, Callable[[], DocumentObject]] = {
    "bao-cao-tong-hop.docx": bao_cao_tong_hop,
    "bia-ho-so.docx": bia_ho_so,
    "quyet-dinh-giay-khen.docx": quyet_dinh_giay_khen,
}
TITLES = {
    "to-trinh.docx": "Mẫu Tờ trình đề nghị khen thưởng",
    "bien-ban.docx": "Mẫu Biên bản họp Hội đồng xét khen thưởng",
    "bao-cao-thanh-tich.docx": "Mẫu Báo cáo thành tích đề nghị khen thưởng theo chuyên đề",
    "du-thao-quyet-dinh.docx": "Mẫu Quyết định tặng Bằng khen",
    "bao-cao-tong-hop.docx": "Mẫu Báo cáo tổng hợp kết quả Phong trào thi đua hằng năm",
    "bia-ho-so.docx": "Mẫu bìa hồ sơ và danh mục tài liệu",
    "quyet-dinh-giay-khen.docx": "Mẫu Quyết định tặng Giấy khen của Thủ trưởng đơn vị",
}


def _properties(name: str, basis: str | None) -> Properties:
    return Properties(
        title=TITLES[name],
        subject=f"Thể thức theo Nghị định số 30/2020/NĐ-CP; {basis}" if basis else "",
        author="thidua",
        created=BUILT,
        category="Mẫu văn bản",
    )


def build_all(target: Path) -> list[Path]:
    """Write every template under target; return the paths written."""
    written = []
    for template_set, basis in SETS.items():
        folder = target / template_set
        folder.mkdir(parents=True, exist_ok=True)
        for name, build in PHASE_TEMPLATES.items():
            path = folder / name
            path.write_bytes(save_stable(build(template_set), _properties(name, basis)))
            written.append(path)
    for name, build_shared in SHARED.items():
        path = target / name
        path.write_bytes(save_stable(build_shared(), _properties(name, None)))
        written.append(path)
    return written


def main() -> None:
    """Build the templates into doc_templates/ (or --out)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=templates_dir())
    args = parser.parse_args()
    for path in build_all(args.out):
        print(path)  # noqa: T201 (a developer's script)


if __name__ == "__main__":
    main()
