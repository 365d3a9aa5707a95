"""Same inputs, same bytes: rendering, merging, the manifest and the ZIP; merging in groups."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import UTC, datetime

from docx.oxml.ns import qn

from tasks.documents.bundle import file_slug, merge_documents
from tasks.documents.chart import GroupFigures, results_chart
from tasks.documents.dossier import assemble, plan, render_dossier
from tasks.documents.render import Properties, render_many
from tests.tasks.documents import samples
from tests.tasks.documents.reading import open_docx, texts

PROPERTIES = Properties(title="Hồ sơ", author="Sở", created=datetime(2025, 12, 5, tzinfo=UTC))


def test_same_inputs_same_bytes_and_manifest() -> None:
    first = assemble(render_dossier(samples.dossier(), workers=1), code_version="v1")
    again = assemble(render_dossier(samples.dossier(), workers=1), code_version="v1")
    assert [(f.name, f.sha256) for f in first.files] == [(f.name, f.sha256) for f in again.files]
    assert first.manifest == again.manifest
    document = open_docx(first.files[0].data)
    core = document.core_properties
    stamps = {core.created, core.modified, core.last_printed}
    assert {s.replace(tzinfo=None) for s in stamps} == {datetime(2025, 12, 5)}
    assert core.revision == 1
    assert core.author == "Sở Khoa học và Công nghệ tỉnh Thái Nguyên"


def test_manifest_lists_every_file_with_its_hash_and_sources() -> None:
    dossier = samples.dossier(with_meeting=False)
    bundle = assemble(render_dossier(dossier, workers=1), code_version="v1")
    manifest = bundle.manifest
    names = [entry["name"] for entry in manifest["files"]]
    assert "02-bien-ban.docx" not in names
    assert manifest["omitted"][0]["document"] == "02-bien-ban.docx"
    assert manifest["sources"]["campaign_sha256"] == dossier.campaign_sha256
    assert manifest["sources"]["phase_result_sha256"] == "r" * 64
    assert manifest["sources"]["council_meeting_sha256"] is None
    assert len(manifest["sources"]["data_sha256"]) == 64
    assert manifest["code_version"] == "v1"
    by_name = {item.name: item for item in bundle.files}
    for entry in manifest["files"]:
        assert entry["sha256"] == by_name[entry["name"]].sha256
        assert entry["key"] == f"ho-so/cds-2022-2025/tong-ket-2025/{entry['name']}"
    with zipfile.ZipFile(io.BytesIO(by_name["ho-so-tong-ket-2025.zip"].data)) as archive:
        assert archive.namelist() == [*names, "manifest.json"]
        assert json.loads(archive.read("manifest.json")) == manifest
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_merged_dossier_restarts_page_numbers_for_each_document() -> None:
    bundle = assemble(render_dossier(samples.dossier(), workers=1), code_version="v1")
    parts = [f for f in bundle.files if f.name.startswith("0")]
    merged = open_docx(next(f.data for f in bundle.files if f.kind == "ho_so"))
    assert len(merged.sections) == len(parts)
    for section in merged.sections:
        restart = section._sectPr.find(qn("w:pgNumType"))
        assert restart is not None
        assert restart.get(qn("w:start")) == "1"
        assert section.different_first_page_header_footer
    text = texts(merged)
    assert text.count("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") == len(parts) - 1  # not the cover
    assert text[:3] == ["UBND TỈNH THÁI NGUYÊN", "SỞ KHOA HỌC VÀ CÔNG NGHỆ", "HỒ SƠ"]
    listing = text.index("DANH MỤC TÀI LIỆU")
    assert f"Hồ sơ gồm {len(parts) - 1} tài liệu./." in text[listing:]  # after the cover


def test_merging_in_groups_keeps_every_document_in_order() -> None:
    files = render_dossier(samples.dossier(collectives=2, persons=3), workers=1).files
    parts = [f.data for f in files]
    whole = merge_documents(parts, PROPERTIES)
    grouped = merge_documents(parts, PROPERTIES, group=3)
    assert texts(open_docx(whole)) == texts(open_docx(grouped))
    assert merge_documents(parts, PROPERTIES, group=3) == grouped


def test_process_pool_renders_the_same_bytes() -> None:
    jobs = [item.job for item in plan(samples.dossier(collectives=2, persons=4))[0]]
    assert render_many(jobs, workers=2, min_jobs=2) == render_many(jobs, workers=1)


def test_chart_is_a_stable_png_without_software_stamp() -> None:
    groups = [GroupFigures("Sở, ban, ngành", 0.9, 0.75, 87.5), GroupFigures("Xã", 0.5, 0.5, None)]
    png = results_chart(groups, title="Kết quả năm 2024")
    assert png.startswith(b"\x89PNG")
    assert b"matplotlib" not in png
    assert results_chart(groups, title="Kết quả năm 2024") == png


def test_file_slug() -> None:
    assert file_slug("Phòng Công nghệ thông tin, Sở Y tế") == "phong-cong-nghe-thong-tin-so-y-te"
    assert file_slug("Đoàn & <x>") == "doan-x"
    assert file_slug("***") == "van-ban"
