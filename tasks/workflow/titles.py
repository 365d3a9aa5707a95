"""The titles of a phase's decision steps, naming the bodies of that campaign and phase.

A province's step reads "Sở Nội vụ tỉnh Bắc Kạn thẩm tra", a ministry's "Vụ Tổ chức cán bộ thẩm
tra"; the decider is the campaign's issuer with its body: Chủ tịch Ủy ban nhân dân tỉnh Bắc Kạn,
Bộ trưởng Bộ Khoa học và Công nghệ.
"""

from __future__ import annotations

from models.campaign import Campaign, Phase
from models.database import session_scope
from models.workflow import Workflow, nomination_workflow
from tasks.campaigns import current_campaign

COUNCIL_STEP = "Hội đồng thẩm định biểu quyết"


def step_title(step: str, campaign: Campaign, phase: Phase) -> str:
    """Return the title of step (council, verification, chairman) in phase."""
    if step == "council":
        return COUNCIL_STEP
    if step == "verification":
        return f"{phase.home_affairs_department.name} thẩm tra"
    if step == "chairman":
        decider = campaign.issuer_of(phase).decider(phase.issuing_authority)
        return f"{decider} quyết định"
    raise KeyError(step)


def step_title_of(campaign_code: str, phase_code: str, step: str) -> str:
    """Return step's title in the campaign's phase, as loaded in the database."""
    with session_scope() as session:
        campaign, _ = current_campaign(session, code=campaign_code)
    return step_title(step, campaign, campaign.phase(phase_code))


def phase_workflow(campaign: Campaign, phase: Phase) -> Workflow:
    """Return the nomination workflow as the phase's people read it: its bodies named."""
    issuer = campaign.issuer_of(phase)
    return nomination_workflow(
        noi_vu=phase.home_affairs_department.name,
        quyet_dinh=issuer.decider(phase.issuing_authority),
        hinh_thuc=issuer.award_form.short,
    )
