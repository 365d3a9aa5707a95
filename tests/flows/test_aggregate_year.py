"""aggregate-year end to end: collected reports become stored, ranked, summarised results."""

from __future__ import annotations

import json

from sqlmodel import select

from flows.aggregate_year import aggregate_year
from flows.collect_reports import collect_reports
from models.database import session_scope
from models.settings import Settings
from models.tables import UnitYearResult
from tasks.storage import ObjectStore
from tests.flows.e2e import CODE, YEAR, artifacts, good, upload

FULL = {"NV_DUNG_HAN": (10, 10), "BC_DUNG_HAN": (4, 4), "HSCV_MANG": (100, 100), "VBDT": (50, 50)}


def test_aggregate_year_scores_ranks_and_is_reproducible(env: Settings) -> None:
    store = ObjectStore(env)
    upload(store, env, "SO-KHCN", "bc.xlsx", good("SO-KHCN", values=FULL))
    upload(store, env, "SO-TC", "bc.xlsx", good("SO-TC", values=dict(FULL, BC_DUNG_HAN=(4, 2))))
    upload(store, env, "SO-CT", "bc.xlsx", b"%PDF-1.4")
    collect_reports(campaign=CODE, year=YEAR)

    first = aggregate_year(campaign=CODE, year=YEAR)
    with session_scope() as session:
        rows = {r.unit_code: r for r in session.exec(select(UnitYearResult)).all()}
    assert first["expected"] == len(rows)
    assert first["reported"] == 2
    assert (rows["SO-KHCN"].score, rows["SO-KHCN"].rank_in_block) == (100.0, 1)
    assert (rows["SO-TC"].score, rows["SO-TC"].rank_in_block) == (87.5, 2)
    assert rows["SO-CT"].report_status == "invalid"
    stored = json.loads(store.get_bytes(env.output_bucket, first["object_key"]))
    assert stored["result_sha256"] == first["result_sha256"]
    assert stored["summary"]["province"]["reported"] == 2
    kinds = {g["group"]: g for g in stored["summary"]["by_kind"]}
    assert kinds["Sở, ban, ngành"]["criteria_met"]["BC_DUNG_HAN"] == {
        "met": 1,
        "applicable": 2,
        "share": 0.5,
    }
    assert artifacts(f"aggregate-{CODE}-{YEAR}-ranking")
    assert artifacts(f"aggregate-{CODE}-{YEAR}-summary")

    second = aggregate_year(campaign=CODE, year=YEAR)
    assert second["result_sha256"] == first["result_sha256"]  # same inputs, same result
    with session_scope() as session:
        assert len(session.exec(select(UnitYearResult)).all()) == len(rows)
