"""The documents' steps as Prefect tasks: render, bundle, publish; the yearly report."""

from __future__ import annotations

from typing import Any

from prefect import task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NONE

from models.database import session_scope
from models.settings import get_settings
from models.version import code_version
from tasks.campaigns import current_campaign
from tasks.documents.dossier import RenderedDossier, assemble, render_dossier
from tasks.documents.publish import dossier_of, store_bundle
from tasks.documents.yearly import build_yearly_report
from tasks.storage import ObjectStore

KIND_LABELS = {
    "bia_ho_so": "Bìa hồ sơ và danh mục tài liệu",
    "to_trinh": "Tờ trình",
    "bien_ban": "Biên bản họp Hội đồng",
    "bao_cao_thanh_tich": "Báo cáo thành tích",
    "quyet_dinh": "Quyết định",
    "ho_so": "Hồ sơ ghép (một tệp DOCX)",
    "manifest": "Danh mục tệp (manifest.json)",
    "ho_so_zip": "Toàn bộ hồ sơ (ZIP)",
}


@task(name="render-dossier-documents", cache_policy=NONE)
def render_phase_documents(campaign_code: str, phase_code: str) -> RenderedDossier:
    """Render every document of a phase's dossier; the bytes stay in this process.

    Nothing is stored yet: the next task merges the same bytes and stores everything at once.
    """
    settings = get_settings()
    store = ObjectStore(settings)
    with session_scope() as session:
        campaign, campaign_sha = current_campaign(session, code=campaign_code)
        dossier = dossier_of(
            session,
            campaign=campaign,
            campaign_sha256=campaign_sha,
            phase_code=phase_code,
            store=store,
        )
    return render_dossier(
        dossier,
        store=store,
        archive=settings.archive_bucket,
        reuse=(settings.output_bucket, code_version()),
    )


@task(name="assemble-dossier", cache_policy=NONE)
def assemble_phase_bundle(rendered: RenderedDossier) -> dict[str, Any]:
    """Merge the documents, write the manifest and the ZIP, store and record every file."""
    settings = get_settings()
    bundle = assemble(rendered, code_version=code_version())
    with session_scope() as session:
        return store_bundle(
            session, store=ObjectStore(settings), bucket=settings.output_bucket, bundle=bundle
        )


def dossier_markdown(result: dict[str, Any]) -> str:
    """Return the artifact's note: what was produced, from what, and what to do next."""
    candidates = result["candidates"]
    own = sum(c["achievement_report"] == "unit_file" for c in candidates)
    generated = len(candidates) - own
    decided = result["decision"] == "recorded"
    lines = [
        f"# Hồ sơ trình {result['decider']}: {result['phase']}",
        "",
        f"- Hồ sơ ghép: `{result['merged_key']}`",
        f"- Toàn bộ hồ sơ (ZIP): `{result['zip_key']}`",
        f"- Danh mục và mã băm: `{result['manifest_key']}` (`{result['manifest_sha256'][:16]}`)",
        f"- {len(candidates)} báo cáo thành tích: {own} tệp DOCX của đơn vị (bản đã ghim), "
        f"{generated} lập từ báo cáo năm và hồ sơ đề nghị (ghi ở bìa và danh mục hồ sơ).",
        "- Danh sách lấy theo trạng thái xử lý hồ sơ đề nghị."
        if result["selection"] == "nominations"
        else "- Danh sách lấy theo đề xuất chính thức của đợt (chưa có hồ sơ nào được xử lý).",
        f"- {'Quyết định đã ghi nhận số, ngày ký.' if decided else 'Quyết định còn là dự thảo.'}",
    ]
    lines += [f"- Chưa lập: {item['document']} - {item['reason']}" for item in result["omitted"]]
    lines += [
        f"- Trả lại đơn vị để hoàn thiện: báo cáo thành tích của {item['name']} ({item['unit']}): "
        + "; ".join(item["reasons"])
        for item in result.get("returned", [])
    ]
    lines += ["", "## Văn bản", "", "| Văn bản | Tệp |", "|---|---|"]
    lines += [
        f"| {KIND_LABELS.get(f['kind'], f['kind'])} | `{f['key']}` |" for f in result["files"]
    ]
    lines += ["", "## Việc cần làm tiếp"]
    if result["omitted"]:
        lines.append(
            "- Ghi nhận cuộc họp Hội đồng và kết quả biểu quyết, rồi lập lại hồ sơ để có Biên bản."
        )
    if generated:
        lines.append(
            f"- Rà soát {generated} báo cáo thành tích do hệ thống lập, bổ sung các mục để trống; "
            "đơn vị xác nhận, ký."
        )
    lines.append(f"- Trình ký Tờ trình và gửi hồ sơ qua {result['advisory']}.")
    if not decided:
        lines.append(
            f"- Khi {result['head']} đã ký Quyết định: ghi nhận số, ngày ký rồi lập lại hồ sơ."
        )
    lines.append(
        f"- Tải một tệp: `thidua link <khóa>` (bucket {result['bucket']}); đường dẫn chỉ cấp "
        "khi cần và hết hạn sau vài giờ."
    )
    return "\n".join(lines)


@task(name="publish-dossier", cache_policy=NONE)
def publish_dossier(result: dict[str, Any]) -> None:
    """Publish the dossier's object keys (not bearer links) with what to do next."""
    create_markdown_artifact(
        key=f"dossier-{result['campaign']}-{result['phase']}",
        markdown=dossier_markdown(result),
        description=f"Hồ sơ trình {result['decider']} và việc cần làm tiếp.",
    )


@task(name="render-year-report", cache_policy=NONE)
def render_year_report(campaign_code: str, year: int, summary_key: str) -> dict[str, Any]:
    """Render the year's Báo cáo tổng hợp from its stored results; publish its link."""
    settings = get_settings()
    store = ObjectStore(settings)
    with session_scope() as session:
        campaign, campaign_sha = current_campaign(session, code=campaign_code)
        stored = build_yearly_report(
            session,
            campaign=campaign,
            campaign_sha256=campaign_sha,
            year=year,
            store=store,
            bucket=settings.output_bucket,
            summary_key=summary_key,
            code_version=code_version(),
        )
    create_markdown_artifact(
        key=f"aggregate-{campaign_code}-{year}-bao-cao",
        markdown=f"Báo cáo tổng hợp năm {year} (DOCX): `{stored['key']}` - tải bằng "
        f"`thidua link {stored['key']}`.",
        description=f"Báo cáo tổng hợp kết quả Phong trào thi đua năm {year}, trình "
        f"{campaign.reporting_body(year).issuing_authority.name}.",
    )
    return stored
