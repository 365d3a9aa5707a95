"""Who decided: only a decision signed by the portal for an account holding the role counts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from prefect import task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NONE

from models.database import session_scope
from models.settings import get_settings
from tasks.accounts.store import find_person, record_action
from tasks.workflow.signature import signer_of, unsigned

STEP_ROLES = {"council": "council", "verification": "home_affairs", "chairman": "chairman_office"}


@dataclass(frozen=True)
class Decider:
    """The authenticated account behind a decision, or why there is none."""

    username: str | None
    full_name: str
    role: str
    problem: str | None


@task(name="authenticate-decision", cache_policy=NONE)
def authenticate_decision(step: str, run_id: str, payload: dict[str, Any]) -> Decider:
    """Return the signed account behind payload; a typed name or a forged signature has none."""
    signer = signer_of(get_settings().portal_key.get_secret_value(), run_id, payload)
    if signer is None:
        return Decider(
            None,
            str(payload.get("decider_name", "")),
            "",
            "Quyết định không đến từ cổng thidua (không có chữ ký hợp lệ của một tài khoản đã "
            "đăng nhập): tên người quyết định gõ vào biểu mẫu không có giá trị. Hãy ghi quyết "
            "định trên cổng thidua; lần chạy vẫn chờ.",
        )
    username, role = signer
    with session_scope() as session:
        person = find_person(session, username)
    if person is None:
        return Decider(username, username, role, f"Tài khoản «{username}» không còn hiệu lực.")
    if role not in person.roles or role != STEP_ROLES[step]:
        return Decider(
            username,
            person.full_name,
            role,
            f"Tài khoản «{username}» không được cấp vai trò cần cho bước này ({STEP_ROLES[step]}).",
        )
    return Decider(username, person.full_name, role, None)


def as_decided_by(payload: dict[str, Any], decider: Decider) -> dict[str, Any]:
    """Return payload without its signature, decided by the authenticated account."""
    return {**unsigned(payload), "decider_name": decider.full_name, "decider_role": decider.role}


@task(name="record-decider", cache_policy=NONE)
def record_decider(username: str, step: str, run_id: str, detail: str) -> None:
    """Record that username decided step in run_id."""
    with session_scope() as session:
        record_action(
            session, username=username, action=f"decision:{step}", subject=run_id, detail=detail
        )


def refuse_identity(step: str, problem: str) -> None:
    """Say on the run why its last answer decided nothing."""
    create_markdown_artifact(
        key=f"{step}-identity".replace("_", "-"),
        markdown=f"# Quyết định không được ghi nhận\n\n{problem}\n",
        description="Chỉ quyết định ký bởi cổng thidua được ghi nhận.",
    )
