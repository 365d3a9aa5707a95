"""Campaign versions in the database."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
import yaml
from sqlmodel import Session

from models.campaign import Campaign, load_campaign, shipped_campaign_path
from models.database import session_scope, upgrade
from models.settings import get_settings
from tasks.campaigns import (
    CampaignChoiceError,
    current_campaign,
    current_phase_code,
    default_campaign_code,
    known_campaigns,
    load_campaign_file,
    store_campaign,
)
from tests.tasks.test_campaign_schedules import at, other_campaign

SHIPPED = shipped_campaign_path("cds-2022-2025")
SHIPPED_CAMPAIGN, _ = load_campaign(SHIPPED)


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


def _store(session: Session, campaign: Campaign) -> None:
    content = json.dumps(campaign.model_dump(mode="json"), sort_keys=True).encode()
    store_campaign(
        session, campaign=campaign, sha256=hashlib.sha256(content).hexdigest(), source="test"
    )


def test_the_default_campaign_is_the_setting_else_the_one_running_else_the_one_there_is(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("THIDUA_DEFAULT_CAMPAIGN", raising=False)
    get_settings.cache_clear()
    # Nothing loaded: the shipped files, of which only the ministry's runs in 2026.
    assert default_campaign_code(None, now=at(2026, 3, 1)) == "bkhcn-cds-2026-2027"
    upgrade(database_url)
    new = other_campaign()  # 2026-2027
    with session_scope(database_url) as session:
        load_campaign_file(session, path=SHIPPED)
        assert default_campaign_code(session, now=at(2030, 1, 1)) == "cds-2022-2025"
        _store(session, new)
    with session_scope(database_url) as session:
        assert known_campaigns(session) == [SHIPPED_CAMPAIGN, new]
        assert default_campaign_code(session, now=at(2026, 3, 1)) == new.code  # cds has ended
        with pytest.raises(CampaignChoiceError, match="cds-2022-2025, tinh-khac-2026-2027"):
            default_campaign_code(session, now=at(2025, 6, 1))  # both running: name one
        with pytest.raises(CampaignChoiceError, match="THIDUA_DEFAULT_CAMPAIGN"):
            default_campaign_code(session, now=at(2030, 1, 1))  # both ended
        monkeypatch.setenv("THIDUA_DEFAULT_CAMPAIGN", "cds-2022-2025")
        get_settings.cache_clear()
        try:
            assert default_campaign_code(session, now=at(2026, 3, 1)) == "cds-2022-2025"
        finally:
            monkeypatch.delenv("THIDUA_DEFAULT_CAMPAIGN")
            get_settings.cache_clear()


def test_the_phase_under_way() -> None:
    assert current_phase_code(SHIPPED_CAMPAIGN, 2022) == "so-ket-2023"
    assert current_phase_code(SHIPPED_CAMPAIGN, 2023) == "so-ket-2023"
    assert current_phase_code(SHIPPED_CAMPAIGN, 2024) == "tong-ket-2025"
    assert current_phase_code(SHIPPED_CAMPAIGN, 2031) == "tong-ket-2025"
