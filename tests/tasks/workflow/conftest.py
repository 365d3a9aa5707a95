"""Fixtures of the workflow tests: a migrated database with the registry and nominations."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session

from models.campaign import Campaign, Phase, Quotas, load_campaign, shipped_campaign_path
from models.database import session_scope, upgrade
from models.tables import Nomination, Nominee
from tasks.registry.upsert import import_registry
from tests.factories import submission_row

REGISTRY = Path(__file__).resolve().parents[3] / "models" / "data" / "units-bac-kan.csv"


@pytest.fixture
def campaign() -> Campaign:
    return load_campaign(shipped_campaign_path("cds-2022-2025"))[0]


@pytest.fixture
def phase(campaign: Campaign) -> Phase:
    """The preliminary review with small quotas: one collective, two individuals."""
    return campaign.phase("so-ket-2023").model_copy(
        update={"quotas": Quotas(collective=1, individual=2)}
    )


@pytest.fixture
def db(database_url: str) -> str:
    upgrade(database_url)
    with session_scope(database_url) as session:
        import_registry(session, path=REGISTRY)
    return database_url


_counter = iter(range(1, 10**6))


def nominate(
    session: Session,
    unit: str = "SO-YT",
    name: str = "Nguyễn Thị Hoa",
    *,
    kind: str = "ca_nhan",
    state: str = "submitted",
    complete: bool = True,
    status: str = "valid",
    counted: bool = True,
) -> Nomination:
    """Add a nomination of unit in its counted 2023 report, in state."""
    n = next(_counter)
    submission = submission_row(unit, n, year=2023, status=status, counted=counted)
    nominee = Nominee(kind=kind, full_name=name)
    session.add_all([submission, nominee])
    session.flush()
    nomination = Nomination(
        campaign_code="cds-2022-2025",
        phase_code="so-ket-2023",
        submission_id=submission.id,
        proposing_unit_code=unit,
        nominee_id=nominee.id,  # type: ignore[arg-type]
        row=n,
        dossier_complete=complete,
        state=state,
    )
    session.add(nomination)
    session.flush()
    return nomination
