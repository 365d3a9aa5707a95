"""The demo's uploads, generated ahead while the stack starts (no Prefect imported here)."""

from __future__ import annotations

from collections.abc import Callable

from models.campaign import Campaign
from models.database import session_scope
from tasks.campaigns import current_campaign
from tasks.demo.uploads import Upload, year_uploads
from tasks.registry.queries import expected_units, registry_units

Prepared = dict[tuple[str, int], list[Upload]]


def year_files(campaign: Campaign, year: int) -> list[Upload]:
    """Return the year's generated uploads of every unit (the same for the same registry)."""
    with session_scope() as session:
        units = expected_units(session, campaign=campaign, year=year)
        everyone = registry_units(session, registry=campaign.registry)
    new = {u.code for u in everyone if u.valid_from.year == year and u.valid_from.month > 1}
    former: dict[str, str] = {}
    for unit in sorted(everyone, key=lambda u: u.code):
        if unit.successor_code in new and unit.successor_code not in former:
            former[unit.successor_code] = unit.name  # a unit set up this year: its first source
    return year_uploads(campaign, units, year, former=former)


def prepare_uploads(codes: list[str], ready: Callable[[], bool]) -> Prepared:
    """Generate the campaigns' uploads, year by year, until ready() (the stack has started)."""
    prepared: Prepared = {}
    for code in codes:
        with session_scope() as session:
            campaign = current_campaign(session, code=code)[0]
        for year in campaign.years:
            if ready():
                return prepared
            prepared[(code, year)] = year_files(campaign, year)
    return prepared
