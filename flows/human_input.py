"""Pause a flow run for a person's decision, check it, and ask again until it keeps the rules.

Only a decision signed by the portal for an account holding the step's role counts; a name typed
into Prefect's own Resume form decides nothing, and the run says so and keeps waiting. The answer
is read as raw data and checked by our code, so that no answer, however wrong, fails the run.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from typing import Any, cast

from prefect import get_client, get_run_logger, pause_flow_run
from prefect.context import FlowRunContext
from prefect.exceptions import FlowPauseTimeout
from prefect.input import RunInput
from prefect.input.actions import read_flow_run_input
from prefect.states import Running
from pydantic import BaseModel, Field, create_model
from pydantic.fields import FieldInfo

from tasks.workflow.decisions import FORMS
from tasks.workflow.identity import (
    as_decided_by,
    authenticate_decision,
    record_decider,
    refuse_identity,
)
from tasks.workflow.steps import (
    check_decision,
    decision_form,
    explain_problems,
    publish_worklist,
    record_decision,
)
from tasks.workflow.titles import step_title_of


class RawAnswer(BaseModel):
    """What the person sent, unvalidated: our rules check it, pydantic never fails the run."""

    payload: dict[str, Any]


class _LenientLoad:
    """Read the answer as raw JSON instead of validating it into the form (which could raise)."""

    @classmethod
    def load(cls, keyset: Any, flow_run_id: Any = None) -> RawAnswer:
        context = FlowRunContext.get()
        run_id = flow_run_id or (context.flow_run.id if context and context.flow_run else None)
        value = read_flow_run_input(keyset["response"], flow_run_id=run_id)
        return RawAnswer(payload=value if isinstance(value, dict) else {})


def ask_for_decision(
    campaign: str,
    phase: str,
    step: str,
    initial: dict[str, Any],
    *,
    summary: str,
    timeout_seconds: int,
    poll_seconds: float,
) -> tuple[dict[str, Any], str] | None:
    """Return a signed decision that keeps the rules and its account, or None at the timeout."""
    logger = get_run_logger()
    deadline = time.monotonic() + timeout_seconds
    title = step_title_of(campaign, phase, step)
    problems: list[str] = []
    while True:
        remaining = int(deadline - time.monotonic())
        if remaining <= 0:
            return None
        description = "\n".join(
            [
                f"## {title}",
                summary,
                "",
                "Quyết định được ghi trên cổng thidua, bởi tài khoản được cấp vai trò.",
                *(["", "**Lần trước chưa ghi nhận được vì:**"] if problems else []),
                *[f"- {problem}" for problem in problems],
            ]
        )
        form = prefilled_form(FORMS[step], description, initial)
        logger.info("Chờ %s (tối đa %d giây).", title, remaining)
        try:
            answer = cast(
                RawAnswer,
                pause_flow_run(  # type: ignore[call-overload]  # a float poll interval sleeps too
                    wait_for_input=form, timeout=remaining, poll_interval=poll_seconds
                ),
            )
        except FlowPauseTimeout:
            logger.warning("Hết thời gian chờ: chưa có quyết định nào được ghi nhận.")
            _leave_pause()
            return None
        raw = answer.payload
        decider = authenticate_decision(step, _run_id(), raw)
        if decider.problem is not None or decider.username is None:
            problems = [decider.problem or ""]
            logger.warning("Quyết định bị từ chối: %s", decider.problem)
            refuse_identity(step, problems[0])
            continue  # the form keeps the last accepted values, not the impostor's
        payload = as_decided_by(raw, decider)
        problems = check_decision(campaign, phase, step, payload)
        if not problems:
            return payload, decider.username
        logger.warning("Quyết định chưa hợp lệ: %s", " ".join(problems))
        explain_problems(step, title, problems)
        initial = {k: v for k, v in payload.items() if k in initial}


def prefilled_form(
    base: type[BaseModel], description: str, values: dict[str, Any]
) -> type[RunInput]:
    """Return the form of base as a RunInput with values as defaults, read leniently."""
    run_input = RunInput.subclass_from_base_model_type(base)
    fields: dict[str, Any] = {
        name: (info.annotation, FieldInfo.merge_field_infos(info, default=values[name]))
        for name, info in run_input.model_fields.items()
        if name in values
    }
    fields |= {  # who decides comes from the signed account, not from what is typed
        name: (str, Field(values.get(name, ""), title=title, max_length=255))
        for name, title in (
            ("decider_name", "Người quyết định (theo tài khoản đăng nhập)"),
            ("decider_role", "Vai trò (theo tài khoản đăng nhập)"),
        )
    }
    fields |= {
        name: (str, Field("", title=title, max_length=4000))
        for name, title in (
            ("portal_account", "Tài khoản (cổng thidua điền)"),
            ("portal_role", "Vai trò (cổng thidua điền)"),
            ("portal_signature", "Chữ ký của cổng thidua (cổng thidua điền)"),
        )
    }
    typed = create_model(base.__name__, __base__=run_input, **fields)
    form = cast(type[RunInput], type(base.__name__, (_LenientLoad, typed), {}))
    form._description = description  # shown above the form
    return form


def decision_step(
    campaign: str,
    phase: str,
    step: str,
    summary: Callable[[dict[str, Any]], str],
    *,
    timeout_hours: float,
    poll_seconds: float,
) -> dict[str, Any]:
    """Show a step's pre-filled form, wait for a valid answer, record it; say what waits next."""
    initial = decision_form(campaign, phase, step, date.today())
    answered = ask_for_decision(
        campaign,
        phase,
        step,
        initial,
        summary=summary(initial),
        timeout_seconds=int(timeout_hours * 3600),
        poll_seconds=poll_seconds,
    )
    if answered is None:
        return {"status": "timed_out", "waiting": publish_worklist(campaign, phase)}
    payload, username = answered
    recorded = record_decision(campaign, phase, step, payload)
    record_decider(username, step, _run_id(), f"{campaign}/{phase}")
    return {
        "status": "recorded",
        "decided_by": username,
        **recorded,
        "waiting": publish_worklist(campaign, phase),
    }


def _run_id() -> str:
    context = FlowRunContext.get()
    return str(context.flow_run.id) if context and context.flow_run else ""


def _leave_pause() -> None:
    """Take the run out of its expired pause, so that it ends Completed rather than Failed."""
    context = FlowRunContext.get()
    if context is None or context.flow_run is None:
        return
    with get_client(sync_client=True) as client:
        client.set_flow_run_state(
            context.flow_run.id,
            Running(message="Hết thời gian chờ quyết định; có thể chạy lại bất cứ lúc nào."),
            force=True,
        )
