"""Benchmark the final review's dossier (45 awardees) beside plain docxtpl, in the same run.

Usage: .venv/bin/python bench/documents.py [--full] [--collectives 20] [--persons 25]
       [--database-url URL]

Starts its own SeaweedFS and Prefect server (the local stack) on free ports in a temporary folder
and seeds a temporary SQLite database (or --database-url) with the registry, four years of
results, the nominations, the council's meeting and its votes (bench/documents_seed.py). Then:

- the build-dossier flow (flows/build_dossier.py) against that stack: the process's first call
  (Prefect's lazy imports and the render pool's start included), a full build in the warm process
  (every file written again), then a rerun with nothing new (nothing written);
- the whole dossier without Prefect (render, merge, manifest, ZIP, store, record);
- rendering the dossier's 48 documents as the dossier does (render_many, default processes) and in
  one process, beside the anchor: plain docxtpl on the same templates and contexts in one process
  and in a pool of two (bench/documents_anchor.py), each the best of a few interleaved rounds.

`run(quick)` returns the figures; run as a script, the last line printed is them as one JSON
object. Quick mode: 3 rounds; full mode: 7.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.documents_anchor import AnchorPool, cpu_time, plain_docxtpl, timed  # noqa: E402
from bench.documents_seed import CAMPAIGN, PHASE, seed, stack_env  # noqa: E402
from deploy.local_stack import LocalStack  # noqa: E402
from models.settings import Settings, get_settings  # noqa: E402


def run(
    quick: bool = True,
    *,
    collectives: int = 20,
    persons: int = 25,
    database_url: str | None = None,
) -> dict[str, float]:
    """Start a private stack, seed it, time the flow and the rendering; return the figures."""
    folder = Path(tempfile.mkdtemp(prefix="thidua-bench-documents-"))
    saved = dict(os.environ)
    os.environ.update(stack_env(folder, database_url))
    get_settings.cache_clear()
    settings = get_settings()
    stack = LocalStack(settings)
    try:
        stack.up(only=["seaweedfs", "prefect"])  # no worker: scheduled runs would interfere
        return _measure(settings, collectives, persons, rounds=3 if quick else 7)
    finally:
        stack.down(grace_seconds=2)
        os.environ.clear()
        os.environ.update(saved)
        get_settings.cache_clear()


def _flow(settings: Settings) -> tuple[dict[str, Any], dict[str, float]]:
    """Run build-dossier on the stack's Prefect server: the process's first call, a full build
    in a warm process (the first call's files removed first), then a rerun with nothing new."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from flows.build_dossier import build_dossier
    from tasks.storage import ObjectStore

    store = ObjectStore(settings)
    box: dict[str, Any] = {}
    seconds = {}
    # Prefect read its settings when deploy/ imported it: point it at the stack's server now.
    with temporary_settings(updates={PREFECT_API_URL: settings.prefect_api_url}):
        for label in ("first", "full", "rerun"):
            if label == "full":
                for info in list(store.list(settings.output_bucket, box["prefix"])):
                    store.remove(settings.output_bucket, info.key)
            run = lambda: box.update(build_dossier(campaign=CAMPAIGN, phase=PHASE))  # noqa: E731
            cpu = time.process_time()
            seconds[label] = timed(run)
            seconds[f"{label}_cpu"] = time.process_time() - cpu
    return box, seconds


def _measure(settings: Settings, collectives: int, persons: int, rounds: int) -> dict[str, float]:
    from models.database import session_scope, upgrade
    from models.version import code_version
    from tasks.campaigns import current_campaign

    try:
        from tasks.documents import render_pool
    except ImportError:  # the code before the render pool: a pool per call, from 120 jobs
        render_pool = None
    from tasks.documents.dossier import plan
    from tasks.documents.publish import build_phase_dossier, dossier_of
    from tasks.documents.render import default_workers, render_job, render_many
    from tasks.storage import ObjectStore

    upgrade()
    seed(settings, collectives, persons)
    # The flow first, while nothing of the rendering is warm in this process.
    flowed, flow = _flow(settings)
    work_bucket = "bench-whole-dossier"
    ObjectStore(settings.as_admin()).ensure_bucket(work_bucket)
    box: dict[str, Any] = {}

    def whole() -> None:
        with session_scope() as session:
            box.update(
                build_phase_dossier(
                    session,
                    campaign_code=CAMPAIGN,
                    phase_code=PHASE,
                    store=ObjectStore(settings.as_admin()),  # a bucket of its own
                    output_bucket=work_bucket,
                    code_version=code_version(),
                    archive_bucket=settings.archive_bucket,
                )
            )

    whole_s = timed(whole)
    assert box["manifest_sha256"] == flowed["manifest_sha256"]  # the same dossier, byte for byte
    with session_scope() as session:
        campaign, sha = current_campaign(session, code=CAMPAIGN)
        dossier = dossier_of(
            session, campaign=campaign, campaign_sha256=sha, phase_code=PHASE, store=None
        )
    jobs = [item.job for item in plan(dossier)[0]]
    if render_pool is not None:
        render_pool.shutdown()  # the flow may have started it: the cold figure starts afresh
    ours_cold_s = timed(lambda: render_many(jobs))
    cpu = {  # CPU seconds in this process: what a busy machine's waiting does not inflate
        "anchor": cpu_time(lambda: [plain_docxtpl(job) for job in jobs]),
        "ours": cpu_time(lambda: [render_job(job) for job in jobs]),
    }
    for ready in render_pool.warm(default_workers()) if render_pool else []:
        ready.result()  # started before timing, as the anchor's
    pool = AnchorPool(jobs)
    best: dict[str, float] = {}
    try:
        for _ in range(rounds):  # interleaved, so that a busy moment of the machine hits all
            for label, work in (
                ("anchor", lambda: [plain_docxtpl(job) for job in jobs]),
                ("anchor_2p", pool.render),
                ("ours", lambda: render_many(jobs)),
                ("ours_1p", lambda: [render_job(job) for job in jobs]),
            ):
                seconds = timed(work)
                best[label] = min(best.get(label, seconds), seconds)
    finally:
        pool.close()
    n = len(jobs)
    figures = {
        "docs_per_s": round(n / best["ours"], 1),
        "docs_1p_per_s": round(n / best["ours_1p"], 1),
        "docs_cold_per_s": round(n / ours_cold_s, 1),
        "docs_anchor_per_s": round(n / best["anchor"], 1),
        "docs_anchor_2p_per_s": round(n / best["anchor_2p"], 1),
        "docs_per_cpu_s": round(n / cpu["ours"], 1),
        "docs_anchor_per_cpu_s": round(n / cpu["anchor"], 1),
        "dossier_flow_s": round(flow["full"], 2),
        "dossier_flow_cpu_s": round(flow["full_cpu"], 2),
        "dossier_flow_first_call_s": round(flow["first"], 2),
        "dossier_flow_rerun_s": round(flow["rerun"], 2),
        "dossier_whole_s": round(whole_s, 2),
    }
    _print(figures, n, collectives, persons, len(flowed["files"]))
    return figures


def _print(f: dict[str, float], n: int, collectives: int, persons: int, stored: int) -> None:
    print(
        f"awardees: {collectives} collectives + {persons} persons; {n} documents rendered from "
        f"templates; {stored} files stored (documents, merged DOCX, manifest, ZIP); "
        f"{os.cpu_count()} CPUs"
    )
    print(
        f"render, as the dossier does: {f['docs_per_s']} docs/s; anchor plain docxtpl in 2 "
        f"processes {f['docs_anchor_2p_per_s']} docs/s; ratio "
        f"{f['docs_per_s'] / f['docs_anchor_2p_per_s']:.2f}"
    )
    print(
        f"render, 1 process: {f['docs_1p_per_s']} docs/s; anchor plain docxtpl in 1 process "
        f"{f['docs_anchor_per_s']} docs/s; ratio {f['docs_1p_per_s'] / f['docs_anchor_per_s']:.2f}"
    )
    print(f"render, first call in the process (cold): {f['docs_cold_per_s']} docs/s")
    print(
        f"render, documents per CPU second in 1 process: {f['docs_per_cpu_s']}; anchor "
        f"{f['docs_anchor_per_cpu_s']}; "
        f"ratio {f['docs_per_cpu_s'] / f['docs_anchor_per_cpu_s']:.2f}"
    )
    print(
        f"flow build-dossier, every file written: {f['dossier_flow_s']} s (the process's first "
        f"call, with Prefect's and the pool's start: {f['dossier_flow_first_call_s']} s); rerun "
        f"with nothing new {f['dossier_flow_rerun_s']} s; the whole dossier without Prefect "
        f"{f['dossier_whole_s']} s"
    )
    print(f"flow build-dossier, every file written: {f['dossier_flow_cpu_s']} CPU s, this process")


def main() -> None:
    """Parse the options, run, and print the figures as one JSON line last."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="7 rounds instead of 3")
    parser.add_argument("--collectives", type=int, default=20)
    parser.add_argument("--persons", type=int, default=25)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    figures = run(
        not args.full,
        collectives=args.collectives,
        persons=args.persons,
        database_url=args.database_url,
    )
    print(json.dumps(figures, sort_keys=True))


if __name__ == "__main__":
    main()
