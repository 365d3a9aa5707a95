"""Scale-out: collect-reports on a local Dask cluster gives what the thread runner gives."""

from __future__ import annotations

import pytest
from prefect_dask import DaskTaskRunner
from sqlmodel import select

from flows.collect_reports import collect_reports
from flows.runners import batch_task_runner
from models.database import session_scope
from models.settings import Settings
from models.tables import Submission
from tasks.storage import ObjectStore
from tests.flows.e2e import CODE, YEAR, good, upload

pytestmark = pytest.mark.slow


def test_the_runner_follows_the_settings(env: Settings) -> None:
    threads = batch_task_runner(env)
    assert type(threads).__name__ == "ThreadPoolTaskRunner"
    dask = batch_task_runner(env.model_copy(update={"task_runner": "dask"}))
    assert isinstance(dask, DaskTaskRunner)
    remote = batch_task_runner(
        env.model_copy(update={"task_runner": "dask", "dask_address": "tcp://127.0.0.1:8786"})
    )
    assert isinstance(remote, DaskTaskRunner)


def test_collect_reports_on_a_local_dask_cluster(env: Settings) -> None:
    store = ObjectStore(env)
    units = ("SO-YT", "SO-TP", "SO-TC", "SO-NV", "SO-GDDT")
    for unit in units:
        upload(store, env, unit, "bc.xlsx", good(unit))
    upload(store, env, "SO-XD", "bc.xlsx", b"not a workbook")
    runner = DaskTaskRunner(
        cluster_kwargs={"n_workers": 2, "threads_per_worker": 1, "dashboard_address": None}
    )
    summary = collect_reports.with_options(task_runner=runner)(
        campaign=CODE, year=YEAR, batch_size=2
    )
    assert summary["processed"] == 6
    with session_scope() as session:
        rows = session.exec(select(Submission)).all()
        assert sorted(r.folder_unit_code for r in rows) == sorted([*units, "SO-XD"])
        assert {r.folder_unit_code for r in rows if r.status == "valid"} == set(units)
    again = collect_reports.with_options(task_runner=runner)(campaign=CODE, year=YEAR)
    assert again["processed"] == 0
