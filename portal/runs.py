"""The paused decision runs the portal answers, read from the Prefect API."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import (
    FlowFilter,
    FlowFilterName,
    FlowRunFilter,
    FlowRunFilterState,
    FlowRunFilterStateType,
)
from prefect.client.schemas.objects import StateType
from prefect.client.schemas.sorting import FlowRunSort

from tasks.workflow.identity import STEP_ROLES

STEP_FLOWS = {
    "council": "appraise-phase",
    "verification": "verify-phase",
    "chairman": "record-decision",
}
STATE_TITLES = {
    "PAUSED": "Đang chờ quyết định",
    "RUNNING": "Đang ghi nhận",
    "COMPLETED": "Đã ghi nhận",
    "FAILED": "Lỗi",
    "CRASHED": "Lỗi",
    "SCHEDULED": "Chờ chạy",
    "PENDING": "Chờ chạy",
    "CANCELLED": "Đã hủy",
}


@dataclass(frozen=True)
class DecisionRun:
    """A decision run: which step, campaign and phase; its state."""

    id: UUID
    name: str
    step: str
    campaign: str
    phase: str
    state: str
    pause_key: str | None

    @property
    def role(self) -> str:
        """Return the role that decides this step."""
        return STEP_ROLES[self.step]

    @property
    def state_title(self) -> str:
        """Return the state in Vietnamese."""
        return STATE_TITLES.get(self.state, self.state)


def _as_decision_run(run: object, flow_name: str) -> DecisionRun | None:
    step = next((s for s, f in STEP_FLOWS.items() if f == flow_name), None)
    parameters = getattr(run, "parameters", {}) or {}
    state = getattr(run, "state", None)
    if step is None or state is None:
        return None
    return DecisionRun(
        id=run.id,  # type: ignore[attr-defined]
        name=run.name,  # type: ignore[attr-defined]
        step=step,
        campaign=str(parameters.get("campaign", "")),
        phase=str(parameters.get("phase", "")),
        state=state.type.value,
        pause_key=state.state_details.pause_key,
    )


def paused_runs(roles: tuple[str, ...]) -> list[DecisionRun]:
    """Return the paused decision runs whose step one of roles decides, oldest first."""
    flows = {f: s for s, f in STEP_FLOWS.items() if STEP_ROLES[s] in roles}
    if not flows:
        return []
    found: list[DecisionRun] = []
    with get_client(sync_client=True) as client:
        for flow_name in sorted(flows):
            runs = client.read_flow_runs(
                flow_filter=FlowFilter(name=FlowFilterName(any_=[flow_name])),
                flow_run_filter=FlowRunFilter(
                    state=FlowRunFilterState(type=FlowRunFilterStateType(any_=[StateType.PAUSED]))
                ),
                sort=FlowRunSort.START_TIME_DESC,
                limit=50,
            )
            found += [r for run in runs if (r := _as_decision_run(run, flow_name))]
    return sorted(found, key=lambda r: (r.campaign, r.phase, r.step, r.name))


def decision_run(run_id: UUID) -> DecisionRun | None:
    """Return the decision run run_id, or None when it is not one."""
    with get_client(sync_client=True) as client:
        try:
            run = client.read_flow_run(run_id)
        except Exception:  # an unknown id: the portal says it is not found
            return None
        flow = client.read_flow(run.flow_id)
    return _as_decision_run(run, flow.name)
