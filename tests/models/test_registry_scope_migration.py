"""0008 on a database in use: units move into the shipped campaign's registry, codes become
unique per registry, accounts and stored campaign versions keep working; down and up again."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from alembic import command
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from models.campaign import shipped_campaign_path
from models.database import (
    alembic_config,
    current_revision,
    get_engine,
    head_revision,
    session_scope,
    upgrade,
)
from models.tables import Account, Unit
from tasks.campaigns import current_campaign
from tasks.registry.queries import get_unit, lineage

NOW = datetime(2026, 1, 1, tzinfo=UTC)
UNITS = (  # code, parent, successor, valid_to
    ("H-A", None, "H-B", "2025-06-30"),
    ("H-B", None, None, None),
    ("X-A", "H-A", None, None),
)


def _fill_0007(url: str) -> None:
    """Rows as a 0007 database holds them: units by code, a report, an account, a campaign."""
    import json

    import yaml

    data = yaml.safe_load(shipped_campaign_path("cds-2022-2025").read_text(encoding="utf-8"))
    for key in ("organisation", "unit_vocabulary", "registry"):
        data.pop(key)  # a version stored before campaigns declared their words
    with get_engine(url).begin() as connection:
        for code, _, _, valid_to in UNITS:
            connection.execute(
                text(
                    "INSERT INTO unit (code, name, kind, level, valid_from, valid_to, "
                    "created_at, updated_at) VALUES (:c, :n, 'huyen', 'huyen', '2022-01-01', "
                    ":to, :now, :now)"
                ),
                {"c": code, "n": f"Đơn vị {code}", "to": valid_to, "now": NOW},
            )
        for code, parent, successor, _ in UNITS:
            connection.execute(
                text("UPDATE unit SET parent_code = :p, successor_code = :s WHERE code = :c"),
                {"p": parent, "s": successor, "c": code},
            )
        connection.execute(
            text(
                "INSERT INTO account (username, full_name, unit_code, active, created_at) "
                "VALUES ('hb', 'Cán bộ H-B', 'H-B', true, :now)"
            ),
            {"now": NOW},
        )
        connection.execute(
            text(
                "INSERT INTO campaign (code, name, sha256, source, content, loaded_at) "
                "VALUES ('cds-2022-2025', 'x', :sha, 'cũ', :content, :now)"
            ),
            {"sha": "a" * 64, "content": json.dumps(data, default=str), "now": NOW},
        )


def test_units_move_into_the_shipped_registry_and_back(database_url: str) -> None:
    config = alembic_config(database_url)
    command.upgrade(config, "0007")
    _fill_0007(database_url)
    upgrade(database_url)
    assert current_revision(database_url) == head_revision()
    with session_scope(database_url) as session:
        units = session.exec(select(Unit).order_by(Unit.code)).all()
        assert [(u.registry_code, u.code) for u in units] == [
            ("bac-kan", "H-A"),
            ("bac-kan", "H-B"),
            ("bac-kan", "X-A"),
        ]
        assert lineage(session, registry="bac-kan", code="H-A").codes == ["H-A", "H-B"]
        account = session.exec(select(Account)).one()
        assert (account.registry_code, account.unit_code) == ("bac-kan", "H-B")
        campaign, sha = current_campaign(session, code="cds-2022-2025")
        assert (campaign.registry, sha) == ("bac-kan", "a" * 64)
        assert campaign.unit_vocabulary.kinds["huyen"] == "UBND huyện, thành phố"
        # Another registry may now use the same code; the first one's unit is untouched.
        session.add(
            Unit(
                registry_code="cao-bang",
                code="H-B",
                name="Huyện B, Cao Bằng",
                kind="huyen",
                level="huyen",
                valid_from=date(2024, 1, 1),
            )
        )
        session.flush()
        found = get_unit(session, registry="bac-kan", code="H-B")
        assert found is not None
        assert found.name == "Đơn vị H-B"
    with pytest.raises(IntegrityError), session_scope(database_url) as session:
        session.add(  # a parent must be a unit of the same registry
            Unit(
                registry_code="cao-bang",
                code="X-C",
                name="Xã C",
                kind="xa",
                level="xa",
                parent_code="H-A",
                valid_from=date(2024, 1, 1),
            )
        )
    with pytest.raises(RuntimeError, match="dùng chung mã đơn vị"):
        command.downgrade(config, "0007")
    with get_engine(database_url).begin() as connection:
        connection.execute(text("DELETE FROM unit WHERE registry_code = 'cao-bang'"))
    command.downgrade(config, "0007")
    with get_engine(database_url).connect() as connection:
        rows = connection.execute(text("SELECT code, successor_code FROM unit ORDER BY code")).all()
        assert [tuple(r) for r in rows] == [("H-A", "H-B"), ("H-B", None), ("X-A", None)]
    upgrade(database_url)
    with session_scope(database_url) as session:
        assert len(session.exec(select(Unit)).all()) == 3
