"""Helpers of the review workflow flow tests: a phase ready for appraisal, pausing runs."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import date
from typing import Any
from uuid import UUID

from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterName
from prefect.client.schemas.objects import FlowRun

from flows.aggregate_year import aggregate_year
from flows.collect_reports import collect_reports
from flows.review_phase import review_phase
from models.settings import Settings
from tasks.storage import ObjectStore
from tests.factories import NOMINATIONS
from tests.flows.e2e import CODE, YEAR, good, upload

FULL = {"NV_DUNG_HAN": (10, 10), "BC_DUNG_HAN": (4, 4), "HSCV_MANG": (100, 100), "VBDT": (50, 50)}
DOSSIER = (
    "to-trinh.pdf",
    "bien-ban.pdf",
    "bao-cao-thanh-tich-phong-cntt.docx",
    "bao-cao-thanh-tich-nguyen-thi-hoa.docx",
)
PHASE = f"tong-ket-{YEAR}"


def phase_ready(env: Settings, units: tuple[str, ...] = ("SO-YT", "SO-TP")) -> None:
    """Upload two years of reports with nominations, collect, aggregate and review the phase."""
    store = ObjectStore(env)
    for unit in units:
        upload(store, env, unit, "bc.xlsx", good(unit, year=YEAR - 1, values=FULL), year=YEAR - 1)
        upload(
            store, env, unit, "bc.xlsx", good(unit, values=FULL, nominations=own_nominations(unit))
        )
        for name in DOSSIER:
            upload(store, env, unit, f"dinh-kem/{name}", b"%PDF")
    for year in (YEAR - 1, YEAR):
        collect_reports(campaign=CODE, year=year)
        aggregate_year(campaign=CODE, year=year)
    review_phase(campaign=CODE, phase=PHASE)


PEOPLE = {"SO-TP": ("Trần Văn Nam", date(1982, 11, 20), "nam")}


def own_nominations(unit: str) -> list[list[Any]]:
    """Return the nominations of a unit: its own people (one person, one nomination a phase)."""
    rows = [list(row) for row in NOMINATIONS]
    if unit in PEOPLE:
        rows[1][2:5] = PEOPLE[unit]
    return rows


class Background:
    """Run a flow in a thread and keep what it returned or raised."""

    def __init__(self, function: Callable[..., Any], **kwargs: Any) -> None:
        self.result: Any = None
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, args=(function, kwargs), daemon=True)
        self.thread.start()

    def _run(self, function: Callable[..., Any], kwargs: dict[str, Any]) -> None:
        try:
            self.result = function(**kwargs)
        except BaseException as error:  # reported by join()
            self.error = error

    def join(self, timeout: float = 120) -> Any:
        self.thread.join(timeout)
        assert not self.thread.is_alive(), "the flow run did not finish"
        if self.error is not None:
            raise self.error
        return self.result


def flow_run(name: str) -> FlowRun | None:
    """Return the newest flow run called name."""
    with get_client(sync_client=True) as client:
        runs = client.read_flow_runs(
            flow_run_filter=FlowRunFilter(name=FlowRunFilterName(any_=[name]))
        )
    return max(runs, key=lambda r: r.created or 0) if runs else None


def wait_paused(name: str, *, after_pauses: int = 0, timeout: float = 90) -> UUID:
    """Wait until the flow run called name is paused for the (after_pauses + 1)-th time."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        run = flow_run(name)
        if (
            run is not None
            and run.state is not None
            and run.state.is_paused()
            and run.state.state_details.pause_key == str(after_pauses + 1)
        ):
            return run.id
        time.sleep(0.5)
    raise AssertionError(f"flow run {name} did not pause")
