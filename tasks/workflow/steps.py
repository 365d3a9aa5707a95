"""The review workflow's steps as Prefect tasks: open, check, record, publish."""

from __future__ import annotations

from datetime import date
from typing import Any

from prefect import task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NONE

from models.database import session_scope
from tasks.campaigns import current_campaign
from tasks.review.candidates import phase_nominations
from tasks.review.proposal import propose
from tasks.workflow import decisions, forms
from tasks.workflow.decisions import DecisionRejected, official_result
from tasks.workflow.engine import Actor, fire_automatic
from tasks.workflow.titles import phase_workflow, step_title
from tasks.workflow.worklist import worklist, worklist_rows


@task(name="open-appraisal", cache_policy=NONE)
def open_appraisal(campaign_code: str, phase_code: str) -> dict[str, int]:
    """Make sure an official proposal exists, check the dossiers, start the appraisal."""
    with session_scope() as session:
        campaign, sha = current_campaign(session, code=campaign_code)
        phase = campaign.phase(phase_code)
        if official_result(session, campaign_code=campaign.code, phase_code=phase.code) is None:
            propose(session, campaign=campaign, campaign_sha256=sha, phase=phase)
        return decisions.open_appraisal(session, campaign=campaign, phase=phase)


@task(name="check-nominations", cache_policy=NONE)
def check_nominations(campaign_code: str, year: int) -> int:
    """Fire the automatic transitions of the nominations of the phases ending in year."""
    with session_scope() as session:
        campaign, _ = current_campaign(session, code=campaign_code)
        fired = 0
        for phase in (p for p in campaign.phases if max(p.years) == year):
            nominations = [n for n, _ in phase_nominations(session, campaign=campaign, phase=phase)]
            workflow = phase_workflow(campaign, phase)
            fired += len(fire_automatic(session, nominations, phase=phase, workflow=workflow))
        return fired


@task(name="decision-form", cache_policy=NONE)
def decision_form(campaign_code: str, phase_code: str, step: str, today: date) -> dict[str, Any]:
    """Publish the candidates of a step as a table and return its pre-filled form."""
    with session_scope() as session:
        campaign, _ = current_campaign(session, code=campaign_code)
        phase = campaign.phase(phase_code)
        found = decisions.items(
            session,
            campaign_code=campaign.code,
            phase_code=phase.code,
            states=forms.form_states(step),
        )
        create_table_artifact(
            key=f"{step}-{campaign.code}-{phase.code}".replace("_", "-"),
            table=forms.candidate_rows(found)
            or [{"Tên": "Không có trường hợp nào chờ quyết định"}],
            description=f"{phase.name} ({phase.quarter}): {step_title(step, campaign, phase)}.",
        )
        if step == "council":
            return forms.council_form(session, campaign=campaign, phase=phase, today=today)
        if step == "verification":
            return forms.verification_form(session, campaign=campaign, phase=phase)
        return forms.chairman_form(session, campaign=campaign, phase=phase, today=today)


def _apply(
    campaign_code: str, phase_code: str, step: str, payload: dict[str, Any], *, save: bool
) -> tuple[list[str], Any]:
    with session_scope() as session:
        campaign, _ = current_campaign(session, code=campaign_code)
        return decisions.apply(
            session,
            campaign=campaign,
            phase=campaign.phase(phase_code),
            step=step,
            payload=payload,
            save=save,
        )


@task(name="check-decision", cache_policy=NONE)
def check_decision(
    campaign_code: str, phase_code: str, step: str, payload: dict[str, Any]
) -> list[str]:
    """Return every rule the decision breaks, in Vietnamese; empty when it can be recorded."""
    problems, _ = _apply(campaign_code, phase_code, step, payload, save=False)
    return problems


@task(name="record-decision", cache_policy=NONE)
def record_decision(
    campaign_code: str, phase_code: str, step: str, payload: dict[str, Any]
) -> dict[str, Any]:
    """Record a decision and its transitions in one transaction; raise if a rule breaks."""
    problems, outcome = _apply(campaign_code, phase_code, step, payload, save=True)
    if problems:
        raise DecisionRejected(problems)
    if step == "council":
        return {
            "meeting_id": outcome.id,
            "data_sha256": outcome.data_sha256,
            "quorum_met": outcome.quorum_met,
            "no_quorum_reason": outcome.no_quorum_reason,
        }
    if step == "verification":
        return {"verified": outcome}
    return {"decision_id": outcome.id, "number": outcome.number}


@task(name="submit-to-chairman", cache_policy=NONE)
def submit_verified(
    campaign_code: str, phase_code: str, operator_name: str, operator_role: str
) -> list[int]:
    """Move the verified nominations to the Chairman, as the operator."""
    with session_scope() as session:
        campaign, _ = current_campaign(session, code=campaign_code)
        phase = campaign.phase(phase_code)
        return decisions.submit_verified(
            session, campaign=campaign, phase=phase, actor=Actor(operator_name, operator_role)
        )


@task(name="publish-worklist", cache_policy=NONE)
def publish_worklist(campaign_code: str, phase_code: str) -> dict[str, int]:
    """Publish what waits for whom as a table artifact; return the count per role."""
    with session_scope() as session:
        found = worklist(session, campaign_code=campaign_code, phase_code=phase_code)
    create_table_artifact(
        key=f"worklist-{campaign_code}-{phase_code}",
        table=worklist_rows(found) or [{"Vai trò": "Không có việc nào đang chờ"}],
        description="Việc đang chờ: ai cần làm gì với đề nghị nào.",
    )
    counts: dict[str, int] = {}
    for item in found:
        counts[item.role] = counts.get(item.role, 0) + 1
    return counts


def explain_problems(step: str, title: str, problems: list[str]) -> None:
    """Publish why a decision was not recorded, for the person to correct it."""
    create_markdown_artifact(
        key=f"{step}-problems".replace("_", "-"),
        markdown="\n".join(
            [
                f"# {title}: quyết định chưa được ghi nhận",
                "",
                *[f"- {problem}" for problem in problems],
                "",
                "Hãy sửa các điểm trên rồi gửi lại (Resume) trong Prefect UI; mọi dữ liệu đã "
                "nhập vẫn được giữ.",
            ]
        ),
        description="Lý do quyết định chưa được ghi nhận.",
    )
