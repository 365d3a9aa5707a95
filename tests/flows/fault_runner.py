"""Run collect-reports in this process and SIGKILL it at a chosen point: `python -m … POINT N`.

The points wrap the real functions (nothing is faked): after the Nth archive copy, after the Nth
recorded batch (its one transaction committed), or while the Nth feedback workbook is written.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable
from typing import Any

from tests.flows.e2e import CODE, YEAR


def _kill_on_call(number: int, before: bool) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    calls = 0

    def wrap(function: Callable[..., Any]) -> Callable[..., Any]:
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            nonlocal calls
            calls += 1
            mine = calls  # batches run in threads: this call's number, not the latest
            if before and mine == number:
                os.kill(os.getpid(), signal.SIGKILL)
            result = function(*args, **kwargs)
            if not before and mine == number:
                os.kill(os.getpid(), signal.SIGKILL)
            return result

        return wrapped

    return wrap


def main(point: str, number: int) -> None:
    """Arm the kill at point, then run the flow as a worker would."""
    from tasks.ingest import batch, feedback, prepare

    if point == "after-archive":
        prepare.archive_upload = _kill_on_call(number, before=False)(prepare.archive_upload)
    elif point == "after-record":
        batch.record_batch = _kill_on_call(number, before=False)(batch.record_batch)
    elif point == "during-feedback":
        # after the JSON answer is stored, before the workbook is
        feedback.feedback_workbook = _kill_on_call(number, before=True)(feedback.feedback_workbook)
    else:
        raise SystemExit(f"unknown point {point}")
    from flows.collect_reports import collect_reports

    collect_reports(campaign=CODE, year=YEAR, batch_size=2)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
