"""Run every benchmark beside its lean anchor; the last line printed is one JSON object.

Usage: .venv/bin/python bench/run.py [--full] [--only ingest,aggregate,documents,demo]

Quick mode (the default, under ten minutes on 2 cores): 1,000 reports, 1,000 units, one dossier.
Full mode: the country (60,000 units, 300,000 nominations) and the demo, first run and rerun.
Each benchmark module exposes ``run(quick: bool) -> dict[str, float]`` and runs in a process of
its own, so that one's peak memory and servers never touch another's.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MODULES = ("ingest", "aggregate", "documents")
RUNNER = (
    "import json, sys; sys.path[:0] = [{root!r}, {bench!r}]; import {name}; "
    "print(json.dumps({name}.run(quick={quick})))"
)


def run_module(name: str, *, quick: bool) -> dict[str, float]:
    """Run bench/<name>.py's run() in a fresh interpreter and return its figures."""
    code = RUNNER.format(root=str(ROOT), bench=str(ROOT / "bench"), name=name, quick=quick)
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, check=True, stdout=subprocess.PIPE, text=True
    )
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    for line in lines[:-1]:
        print(line, flush=True)
    figures: dict[str, float] = json.loads(lines[-1])
    return figures


def run_demo() -> dict[str, float]:
    """Time `thidua demo` on a new machine's state, then its rerun; stop its stack afterwards."""
    thidua = str(Path(sys.executable).with_name("thidua"))
    with tempfile.TemporaryDirectory(prefix="bench-demo-") as folder:
        env = {**os.environ, "THIDUA_VAR_DIR": str(Path(folder) / "var")}
        env.pop("THIDUA_DATABASE_URL", None)
        figures: dict[str, float] = {}
        try:
            for label in ("demo_s", "demo_rerun_s"):
                started = time.perf_counter()
                subprocess.run(
                    [thidua, "demo"], cwd=folder, env=env, check=True, stdout=subprocess.DEVNULL
                )
                figures[label] = round(time.perf_counter() - started, 2)
        finally:
            subprocess.run(
                [thidua, "stack", "down"],
                cwd=folder,
                env=env,
                check=False,
                stdout=subprocess.DEVNULL,
            )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="the country and the demo")
    parser.add_argument(
        "--only", default="", help="comma-separated: " + ",".join(MODULES) + ",demo"
    )
    args = parser.parse_args()
    chosen = [name for name in args.only.split(",") if name] or [*MODULES, "demo"]
    figures: dict[str, float] = {}
    for name in chosen:
        if name == "demo":
            if args.full or args.only:
                figures.update(run_demo())
            continue
        if name not in MODULES:
            parser.error(f"unknown benchmark {name!r}")
        figures.update(run_module(name, quick=not args.full))
    print(json.dumps(figures, sort_keys=True))


if __name__ == "__main__":
    main()
