"""Run names that say what a run does, and the reporting year a scheduled run works on."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from prefect.runtime import flow_run

from models.settings import get_settings


def this_year() -> int:
    """Return the current year where the campaign runs (THIDUA_TIMEZONE)."""
    return datetime.now(ZoneInfo(get_settings().timezone)).year


def year_run_name(prefix: str) -> Callable[[], str]:
    """Return a run namer giving prefix-YEAR, this year when the run has no year parameter."""

    def name() -> str:
        year = (flow_run.parameters or {}).get("year")
        return f"{prefix}-{year or this_year()}"

    return name


def phase_run_name(prefix: str) -> Callable[[], str]:
    """Return a run namer giving prefix-PHASE, or prefix alone for the phase under way."""

    def name() -> str:
        phase = (flow_run.parameters or {}).get("phase")
        return f"{prefix}-{phase}" if phase else prefix

    return name
