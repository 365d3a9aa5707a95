"""Resume a paused decision run as an authenticated account: the portal's one path."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from prefect.flow_runs import resume_flow_run

from models.settings import get_settings
from tasks.workflow.signature import sign_decision


def resume_signed(run_id: UUID | str, payload: dict[str, Any], *, account: str, role: str) -> None:
    """Resume run_id with payload signed by the portal's key for account acting as role."""
    key = get_settings().portal_key.get_secret_value()
    signed = sign_decision(key, str(run_id), payload, account=account, role=role)
    resume_flow_run(UUID(str(run_id)), run_input=signed)
