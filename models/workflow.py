"""The review workflow as data: states, transitions, roles and guards, loaded from YAML."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import ConfigDict, Field, model_validator

from models.nfc_model import NfcModel

WORKFLOWS_DIR = Path(__file__).parent / "workflows"

# The data guards the engine knows; the definition names them, tasks/workflow implements them.
GuardName = Literal["dossier_valid", "dossier_invalid", "within_quota"]


class _Frozen(NfcModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class State(_Frozen):
    """A state of a nomination, and the roles whose worklist it is on."""

    title: str = Field(min_length=1)
    final: bool = False
    waits_for: list[str] = Field(default_factory=list)


class Transition(_Frozen):
    """A move between states: who may fire it, whether it needs a comment, what data decides."""

    id: str = Field(pattern=r"^[a-z][a-z_]*$")
    title: str = Field(min_length=1)
    sources: list[str] = Field(alias="from", min_length=1)
    to: str
    roles: list[str] = Field(min_length=1)
    comment_required: bool = False
    automatic: bool = Field(False, description="Fired by the system when its guard holds.")
    guard: GuardName | None = None


class Workflow(_Frozen):
    """A workflow definition, checked for consistency when loaded."""

    id: str
    title: str
    initial_state: str
    roles: dict[str, str] = Field(min_length=1)
    states: dict[str, State] = Field(min_length=1)
    transitions: list[Transition] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> Workflow:
        problems: list[str] = []
        if self.initial_state not in self.states:
            problems.append(f"initial_state '{self.initial_state}' không có trong states")
        ids = [t.id for t in self.transitions]
        problems += [
            f"transition '{i}' bị trùng" for i in sorted({i for i in ids if ids.count(i) > 1})
        ]
        for transition in self.transitions:
            for state in [*transition.sources, transition.to]:
                if state not in self.states:
                    problems.append(f"transition '{transition.id}': không có trạng thái '{state}'")
            for role in transition.roles:
                if role not in self.roles:
                    problems.append(f"transition '{transition.id}': không có vai trò '{role}'")
            if transition.automatic and transition.guard is None:
                problems.append(f"transition '{transition.id}' tự động nhưng không có guard")
        for code, definition in self.states.items():
            problems += [
                f"state '{code}': không có vai trò '{role}'"
                for role in definition.waits_for
                if role not in self.roles
            ]
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def transition(self, transition_id: str) -> Transition:
        """Return the transition with transition_id."""
        for transition in self.transitions:
            if transition.id == transition_id:
                return transition
        raise KeyError(transition_id)

    def available(self, state: str, role: str | None = None) -> list[Transition]:
        """Return the transitions that leave state (that role may fire, when given)."""
        return [
            t for t in self.transitions if state in t.sources and (role is None or role in t.roles)
        ]

    def worded(self, words: Mapping[str, str]) -> Workflow:
        """Return the workflow with {placeholders} in its titles filled from words."""
        states = {
            code: state.model_copy(update={"title": state.title.format_map(words)})
            for code, state in self.states.items()
        }
        transitions = [
            t.model_copy(update={"title": t.title.format_map(words)}) for t in self.transitions
        ]
        return self.model_copy(update={"states": states, "transitions": transitions})

    def role_title(self, role: str) -> str:
        """Return the Vietnamese name of role, or the code itself when unknown."""
        return self.roles.get(role, role)

    def state_title(self, state: str) -> str:
        """Return the Vietnamese name of state, or the code itself when unknown."""
        return self.states[state].title if state in self.states else state


def load_workflow(path: Path) -> Workflow:
    """Load and check a workflow definition file."""
    return Workflow.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


@cache
def _nomination_definition() -> Workflow:
    return load_workflow(WORKFLOWS_DIR / "nomination.yaml")


@cache
def nomination_workflow(
    noi_vu: str = "Sở Nội vụ", quyet_dinh: str = "Chủ tịch UBND tỉnh", hinh_thuc: str = "Bằng khen"
) -> Workflow:
    """Return the shipped workflow of a nomination, its titles naming the bodies given."""
    words = {"noi_vu": noi_vu, "quyet_dinh": quyet_dinh, "hinh_thuc": hinh_thuc}
    return _nomination_definition().worded(words)
