"""Campaign versions in the database."""

from __future__ import annotations

from pathlib import Path

import yaml

from models.campaign import shipped_campaign_path
from models.database import session_scope, upgrade
from tasks.campaigns import current_campaign, load_campaign_file

SHIPPED = shipped_campaign_path("cds-2022-2025")


def test_loading_twice_keeps_one_version(database_url: str) -> None:
    upgrade(database_url)
    with session_scope(database_url) as session:
        first = load_campaign_file(session, path=SHIPPED).id
    with session_scope(database_url) as session:
        again = load_campaign_file(session, path=SHIPPED).id
    assert first == again


def test_newest_version_is_in_force(database_url: str, tmp_path: Path) -> None:
    upgrade(database_url)
    data = yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))
    data["phases"][1]["quotas"]["collective"] = 18
    changed = tmp_path / "changed.yaml"
    changed.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with session_scope(database_url) as session:
        shipped_campaign, shipped_hash = current_campaign(session, code="cds-2022-2025")
        assert shipped_campaign.phase("final").quotas.collective == 20  # the shipped file
        load_campaign_file(session, path=SHIPPED)
        record = load_campaign_file(session, path=changed)
    with session_scope(database_url) as session:
        campaign, sha256 = current_campaign(session, code="cds-2022-2025")
    assert campaign.phase("final").quotas.collective == 18
    assert sha256 == record.sha256 != shipped_hash
