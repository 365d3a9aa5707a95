"""The demo's uploads: generated ahead while the stack starts, or not at all when the inbox holds
them already from the same inputs (no Prefect imported here).

After a year's uploads are put, a note under var/demo/ records the digest of what they were
generated from (the campaign, the year's units, the code that generates them) and every object's
key and MD5. A replay from the same inputs whose objects are all in the inbox's versions would
put nothing: it generates nothing either.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from models.campaign import Campaign
from models.database import session_scope
from models.settings import Settings
from models.tables import Unit
from tasks.campaigns import current_campaign
from tasks.demo.uploads import Upload, year_uploads
from tasks.registry.queries import expected_units, registry_units
from tasks.source_digest import source_digest
from tasks.storage import ObjectStore

# The code that writes the uploads' bytes: a change to any of it generates them again.
GENERATORS = ("tasks/demo", "tasks/templates", "tasks/workbook", "models/report_format.py")
LIBRARIES = ("openpyxl", "python-docx")
TIMESTAMPS = {"created_at", "updated_at"}  # when a unit's row was written, not what it says
Prepared = dict[tuple[str, int], tuple[list[Upload], str]]


@lru_cache(maxsize=1)
def generator_digest() -> str:
    """Return the SHA-256 of the generating code and of its libraries' versions."""
    return source_digest(GENERATORS, LIBRARIES)


def year_inputs(campaign: Campaign, year: int) -> tuple[list[Unit], dict[str, str], str]:
    """Return the units that report in year, the former names of new units, and the digest of
    everything the year's uploads are generated from."""
    with session_scope() as session:
        units = expected_units(session, campaign=campaign, year=year)
        everyone = registry_units(session, registry=campaign.registry)
    new = {u.code for u in everyone if u.valid_from.year == year and u.valid_from.month > 1}
    former: dict[str, str] = {}
    for unit in sorted(everyone, key=lambda u: u.code):
        if unit.successor_code in new and unit.successor_code not in former:
            former[unit.successor_code] = unit.name  # a unit set up this year: its first source
    payload = {
        "campaign": campaign.model_dump(mode="json"),
        "year": year,
        "units": [unit.model_dump(mode="json", exclude=TIMESTAMPS) for unit in units],
        "former": former,
        "code": generator_digest(),
    }
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True, default=str)
    return units, former, hashlib.sha256(text.encode()).hexdigest()


def year_files(campaign: Campaign, year: int) -> tuple[list[Upload], str]:
    """Return the year's generated uploads of every unit and the digest of their inputs."""
    units, former, digest = year_inputs(campaign, year)
    return year_uploads(campaign, units, year, former=former), digest


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


def _note(settings: Settings, campaign: Campaign, year: int) -> Path:
    return settings.resolved_var_dir / "demo" / f"uploads-{campaign.code}-{year}.json"


def remember(
    settings: Settings, campaign: Campaign, year: int, digest: str, uploads: list[Upload]
) -> None:
    """Record the digest of the year's inputs and the key and MD5 of every upload."""
    objects = sorted(
        {(u.key, hashlib.md5(u.data, usedforsecurity=False).hexdigest()) for u in uploads}
    )
    note = _note(settings, campaign, year)
    note.parent.mkdir(parents=True, exist_ok=True)
    note.write_text(json.dumps({"inputs": digest, "objects": objects}), encoding="utf-8")


def uploaded_before(
    settings: Settings, store: ObjectStore, campaign: Campaign, year: int, digest: str
) -> bool:
    """Return whether the inbox holds every upload generated from the same inputs already."""
    try:
        note = json.loads(_note(settings, campaign, year).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if note.get("inputs") != digest or not note.get("objects"):
        return False
    versions = store.list_versions(settings.inbox_bucket, f"{campaign.code}/{year}/")
    present = {(info.key, info.etag.strip('"')) for info in versions}
    return all((key, etag) in present for key, etag in note["objects"])
