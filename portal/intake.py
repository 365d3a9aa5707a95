"""A unit's upload: checked at once with the pipeline's own validation, stored in the inbox
under the unit's folder with the portal's signed receipt, announced with a Prefect event."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, datetime

from prefect.events import emit_event

from models.campaign import Campaign
from models.database import session_scope
from models.report_format import ATTACHMENTS_FOLDER
from models.settings import Settings
from models.tables import Unit
from tasks.accounts.store import record_action
from tasks.ingest.archive import READ_LIMIT
from tasks.ingest.assess import Upload, assess
from tasks.ingest.receipts import receipt_metadata
from tasks.registry.lookup import context_of
from tasks.storage import ObjectStore
from tasks.validation.findings import Finding

EVENT = "thidua.inbox.object-created"
MAX_BYTES = 20 * 1024 * 1024
REPORT_SUFFIXES = (".xlsx", ".xls", ".ods", ".xlsm")


@dataclass
class Stored:
    """One file the portal put in the inbox."""

    key: str
    name: str
    sha256: str


@dataclass
class Intake:
    """What an upload did: the files stored, the self-check of the report, refusals."""

    stored: list[Stored] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    checked: bool = False
    ok: bool = False
    refused: list[str] = field(default_factory=list)


def safe_name(name: str) -> str:
    """Return a file name of ASCII letters, digits, dot, dash and underscore."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1].replace("đ", "d").replace("Đ", "D")
    folded = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode()
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", folded).strip("-.")
    return cleaned or "tep"


def unit_prefix(campaign: str, year: int, unit_code: str) -> str:
    """Return the unit's own inbox folder."""
    return f"{campaign}/{year}/{unit_code}/"


def self_check(
    data: bytes, *, name: str, unit: Unit, year: int, campaign: Campaign, attachments: list[str]
) -> tuple[bool, list[Finding]]:
    """Return the pipeline's verdict and findings on a report, as it will judge it."""
    upload = Upload(
        data=data if len(data) <= READ_LIMIT else None,
        file_name=name,
        size=len(data),
        unit_folder=unit.code,
        folder_name=unit.code,
        uploaded_at=datetime.now(UTC),
        attachments=tuple(attachments),
    )
    result = assess(upload, campaign=campaign, year=year, unit=context_of(unit))
    return result.ok, result.findings


def store_upload(
    settings: Settings,
    *,
    username: str,
    campaign: str,
    year: int,
    unit_code: str,
    name: str,
    data: bytes,
    attachment: bool,
) -> Stored:
    """Put one file in the unit's folder with a signed receipt; record who uploaded it."""
    folder = unit_prefix(campaign, year, unit_code) + (
        f"{ATTACHMENTS_FOLDER}/" if attachment else ""
    )
    key = folder + safe_name(name)
    digest = hashlib.sha256(data).hexdigest()
    metadata = {"thidua-account": username}
    if settings.receipt_key is not None:
        metadata |= receipt_metadata(
            settings.receipt_key, object_key=key, received_at=datetime.now(UTC), sha256=digest
        )
    ObjectStore(settings.as_portal()).put_bytes(settings.inbox_bucket, key, data, metadata=metadata)
    with session_scope() as session:
        record_action(session, username=username, action="upload", subject=key, detail=digest)
    emit_event(
        event=EVENT,
        resource={
            "prefect.resource.id": f"thidua.inbox.{campaign}.{year}",
            "thidua.campaign": campaign,
            "thidua.year": str(year),
            "thidua.unit": unit_code,
            "thidua.key": key,
        },
    )
    return Stored(key, name, digest)


def attachments_in_inbox(settings: Settings, campaign: str, year: int, unit_code: str) -> list[str]:
    """Return the names of the dossier files already in the unit's folder."""
    prefix = unit_prefix(campaign, year, unit_code) + f"{ATTACHMENTS_FOLDER}/"
    return sorted(
        info.key[len(prefix) :]
        for info in ObjectStore(settings.as_portal()).list(settings.inbox_bucket, prefix)
    )
