"""The phase review's steps as Prefect tasks: propose within quota, then publish the proposal."""

from __future__ import annotations

from typing import Any

from prefect import task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NONE

from models.database import session_scope
from models.nominee_kinds import NOMINEE_KINDS
from tasks.campaigns import current_campaign
from tasks.review.proposal import Proposal, propose


def _score(value: float | None) -> str | float:
    return value if value is not None else ""


def _table(proposal: Proposal, kind: str) -> list[dict[str, Any]]:
    return [
        {
            "Hạng": placement.rank or "",
            "Họ tên / tên tập thể": facts.nominee.full_name,
            "Đơn vị đề nghị": facts.nomination.proposing_unit_code,
            "Đủ điều kiện": "có" if placement.candidate.eligible else "không",
            "Sáng kiến được công nhận": placement.candidate.initiatives,
            "Điểm cả đợt (0-100)": _score(placement.candidate.total_score),
            "Điểm từng năm (0-100)": ", ".join(
                f"{year}: {score if score is not None else '-'}"
                for year, score in sorted(facts.yearly.items())
            ),
            "Đề xuất": "có"
            if placement.selected
            else (
                "đồng hạng tại đường cắt - Hội đồng quyết định"
                if placement.tied_at_cut
                else "không"
            ),
            "Lý do": " ".join(placement.reasons + facts.notes),
            "Phân định / đồng hạng": placement.tie_break or "",
        }
        for facts, placement in proposal.placements
        if facts.nominee.kind == kind
    ]


@task(name="propose-phase", cache_policy=NONE)
def propose_phase(
    campaign_code: str,
    phase_code: str,
    collective_quota: int | None,
    individual_quota: int | None,
    weights: dict[str, float] | None = None,
) -> dict[str, Any]:
    """Rank the phase's candidates and store the proposal; publish it as artifacts."""
    with session_scope() as session:
        campaign, campaign_sha = current_campaign(session, code=campaign_code)
        phase = campaign.phase(phase_code)
        proposal = propose(
            session,
            campaign=campaign,
            campaign_sha256=campaign_sha,
            phase=phase,
            collective_quota=collective_quota,
            individual_quota=individual_quota,
            weights=weights,
        )
        label = "chinh-thuc" if proposal.result.is_official else "gia-dinh"
        for kind, name in (("tap_the", "tap-the"), ("ca_nhan", "ca-nhan")):
            create_table_artifact(
                key=f"review-{campaign_code}-{phase.code}-{label}-{name}",
                table=_table(proposal, kind) or [{"Họ tên / tên tập thể": "Không có đề nghị"}],
                description=f"{phase.name} ({phase.quarter}): xếp hạng {NOMINEE_KINDS[kind]}.",
            )
        selected = {
            kind: sum(p.selected for f, p in proposal.placements if f.nominee.kind == kind)
            for kind in NOMINEE_KINDS
        }
        eligible = {
            kind: sum(
                p.candidate.eligible for f, p in proposal.placements if f.nominee.kind == kind
            )
            for kind in NOMINEE_KINDS
        }
        tied = {
            kind: sum(p.tied_at_cut for f, p in proposal.placements if f.nominee.kind == kind)
            for kind in NOMINEE_KINDS
        }
        parameters = proposal.result.parameters
        lines = [
            f"# {phase.name} ({phase.quarter}) — "
            f"{'đề xuất chính thức' if proposal.result.is_official else 'phương án giả định'}",
            "",
            f"- Đủ điều kiện theo mục III của Kế hoạch: {eligible['tap_the']} tập thể, "
            f"{eligible['ca_nhan']} cá nhân.",
            f"- Đề xuất {selected['tap_the']}/{parameters['collective_quota']} tập thể và "
            f"{selected['ca_nhan']}/{parameters['individual_quota']} cá nhân; đồng hạng tại "
            f"đường cắt để Hội đồng biểu quyết: {tied['tap_the']} tập thể, {tied['ca_nhan']} "
            f"cá nhân.",
            f"- Mã băm kết quả `{proposal.result.result_sha256[:16]}`, tệp phong trào "
            f"`{proposal.result.campaign_sha256[:16]}`, danh mục đơn vị "
            f"`{(proposal.result.registry_sha256 or '')[:16]}`.",
        ]
        if not proposal.result.is_official:
            lines += [
                f"- So với đề xuất chính thức: thêm {', '.join(proposal.entering) or 'không'};"
                f" bớt {', '.join(proposal.leaving) or 'không'}. Đề xuất chính thức không "
                "thay đổi."
            ]
        lines += [
            "",
            "## Việc cần làm tiếp",
            "- Hội đồng thẩm định xem xét danh sách, lý do trong/ngoài chỉ tiêu và các "
            "trường hợp bằng điểm tại đường cắt.",
        ]
        create_markdown_artifact(
            key=f"review-{campaign_code}-{phase.code}-{label}",
            markdown="\n".join(lines),
            description="Kết quả xét chọn và việc cần làm tiếp.",
        )
        return {
            "result_id": proposal.result.id,
            "official": proposal.result.is_official,
            "result_sha256": proposal.result.result_sha256,
            "selected": selected,
            "eligible": eligible,
            "tied": tied,
            "registry_sha256": proposal.result.registry_sha256,
            "entering": proposal.entering,
            "leaving": proposal.leaving,
        }
