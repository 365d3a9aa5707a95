"""A decision step names the bodies of its own campaign and phase, never another issuer's."""

from __future__ import annotations

from models.campaign import load_campaign, shipped_campaign_path
from models.workflow import nomination_workflow
from tasks.workflow.titles import phase_workflow, step_title

STEPS = ("council", "verification", "chairman")


def test_a_province_names_the_bodies_of_each_phase_after_the_merger_too() -> None:
    campaign, _ = load_campaign(shipped_campaign_path("cds-2022-2025"))
    titles = {
        phase.code: [step_title(s, campaign, phase) for s in STEPS] for phase in campaign.phases
    }
    assert titles == {
        "so-ket-2023": [
            "Hội đồng thẩm định biểu quyết",
            "Sở Nội vụ tỉnh Bắc Kạn thẩm tra",
            "Chủ tịch Ủy ban nhân dân tỉnh Bắc Kạn quyết định",
        ],
        "tong-ket-2025": [  # Bắc Kạn merged into Thái Nguyên on 1 July 2025
            "Hội đồng thẩm định biểu quyết",
            "Sở Nội vụ tỉnh Thái Nguyên thẩm tra",
            "Chủ tịch Ủy ban nhân dân tỉnh Thái Nguyên quyết định",
        ],
    }


def test_a_ministry_names_its_own_department_and_its_minister() -> None:
    campaign, _ = load_campaign(shipped_campaign_path("bkhcn-cds-2026-2027"))
    phase = campaign.phases[0]
    titles = [step_title(step, campaign, phase) for step in ("verification", "chairman")]
    assert titles == [
        "Vụ Tổ chức cán bộ thẩm tra",
        "Bộ trưởng Bộ Khoa học và Công nghệ quyết định",
    ]
    assert not any("UBND" in t or "Sở Nội vụ" in t or "Chủ tịch" in t for t in titles)


def test_a_ministry_workflow_reads_in_its_own_words() -> None:
    campaign, _ = load_campaign(shipped_campaign_path("bkhcn-cds-2026-2027"))
    workflow = phase_workflow(campaign, campaign.phases[0])
    assert workflow.transition("verify").title == "Vụ Tổ chức cán bộ thẩm tra, thống nhất"
    assert workflow.transition("award").title == (
        "Bộ trưởng Bộ Khoa học và Công nghệ quyết định tặng Bằng khen"
    )
    assert workflow.state_title("submitted_to_chairman") == (
        "Đã trình Bộ trưởng Bộ Khoa học và Công nghệ"
    )
    words = [t.title for t in workflow.transitions] + [s.title for s in workflow.states.values()]
    assert not [w for w in words if "Sở Nội vụ" in w or "UBND" in w or "Chủ tịch" in w]
    assert not [w for w in words if "{" in w]  # every placeholder filled


def test_without_a_phase_the_shipped_wording_is_kept() -> None:
    workflow = nomination_workflow()
    assert workflow.transition("award").title == "Chủ tịch UBND tỉnh quyết định tặng Bằng khen"
    assert workflow.state_title("verified") == "Sở Nội vụ đã thẩm tra"
