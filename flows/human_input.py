"""Pause a flow run for a person's decision, check it, and ask again until it keeps the rules."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from typing import Any, cast

from prefect import get_client, get_run_logger, pause_flow_run
from prefect.context import FlowRunContext
from prefect.exceptions import FlowPauseTimeout
from prefect.input import RunInput
from prefect.states import Running
from pydantic import BaseModel, create_model
from pydantic.fields import FieldInfo

from tasks.workflow.decisions import FORMS
from tasks.workflow.steps import (
    STEP_TITLES,
    check_decision,
    decision_form,
    explain_problems,
    publish_worklist,
    record_decision,
)


def ask_for_decision(
    campaign: str,
    phase: str,
    step: str,
    initial: dict[str, Any],
    *,
    summary: str,
    timeout_seconds: int,
    poll_seconds: int,
) -> dict[str, Any] | None:
    """Return a decision that keeps the rules, or None when nobody answered before the timeout."""
    logger = get_run_logger()
    deadline = time.monotonic() + timeout_seconds
    problems: list[str] = []
    while True:
        remaining = int(deadline - time.monotonic())
        if remaining <= 0:
            return None
        description = "\n".join(
            [
                f"## {STEP_TITLES[step]}",
                summary,
                *(["", "**Lần trước chưa ghi nhận được vì:**"] if problems else []),
                *[f"- {problem}" for problem in problems],
            ]
        )
        form = prefilled_form(FORMS[step], description, initial)
        logger.info("Chờ %s (tối đa %d giây).", STEP_TITLES[step].lower(), remaining)
        try:
            answer = pause_flow_run(
                wait_for_input=form, timeout=remaining, poll_interval=poll_seconds
            )
        except FlowPauseTimeout:
            logger.warning("Hết thời gian chờ: chưa có quyết định nào được ghi nhận.")
            _leave_pause()
            return None
        payload = answer.model_dump(mode="json")
        problems = check_decision(campaign, phase, step, payload)
        if not problems:
            return payload
        logger.warning("Quyết định chưa hợp lệ: %s", " ".join(problems))
        explain_problems(step, problems)
        initial = payload


def prefilled_form(
    base: type[BaseModel], description: str, values: dict[str, Any]
) -> type[RunInput]:
    """Return the form of base as a RunInput with values as defaults, titles kept for the UI."""
    run_input = RunInput.subclass_from_base_model_type(base)
    fields: dict[str, Any] = {
        name: (info.annotation, FieldInfo.merge_field_infos(info, default=values[name]))
        for name, info in run_input.model_fields.items()
        if name in values
    }
    form = cast(type[RunInput], create_model(base.__name__, __base__=run_input, **fields))
    form._description = description  # shown above the form
    return form


def decision_step(
    campaign: str,
    phase: str,
    step: str,
    summary: Callable[[dict[str, Any]], str],
    *,
    timeout_hours: float,
    poll_seconds: int,
) -> dict[str, Any]:
    """Show a step's pre-filled form, wait for a valid answer, record it; say what waits next."""
    initial = decision_form(campaign, phase, step, date.today())
    payload = ask_for_decision(
        campaign,
        phase,
        step,
        initial,
        summary=summary(initial),
        timeout_seconds=int(timeout_hours * 3600),
        poll_seconds=poll_seconds,
    )
    if payload is None:
        return {"status": "timed_out", "waiting": publish_worklist(campaign, phase)}
    recorded = record_decision(campaign, phase, step, payload)
    return {"status": "recorded", **recorded, "waiting": publish_worklist(campaign, phase)}


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
