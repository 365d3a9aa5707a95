"""The portal's Giấy khen page: a unit's clerk uploads its round file and sees the proposal; a
clerk of another unit is refused; a malformed file gets its errors, nothing stored."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from fastapi.testclient import TestClient
from sqlmodel import select

from models.database import session_scope, upgrade
from models.settings import get_settings
from models.tables import AccountAction, GiayKhenCandidate, GiayKhenRoundRecord
from portal.app import create_app
from tasks.accounts.store import add_account
from tasks.campaigns import load_campaign_file
from tasks.registry.upsert import import_registry
from tests.flows.e2e import CODE, REGISTRY, YEAR, campaign_file

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "giay-khen-so-yt.yaml"
PASSWORD = "mat-khau-thu-nghiem"


@pytest.fixture
def portal(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[TestClient]:
    monkeypatch.setenv("THIDUA_DATABASE_URL", database_url)
    get_settings.cache_clear()
    upgrade(database_url)
    with session_scope(database_url) as session:
        import_registry(session, path=REGISTRY)
        load_campaign_file(session, path=campaign_file(tmp_path))
        add_account(
            session,
            username="van-thu-yt",
            full_name="Văn thư Sở Y tế",
            password=PASSWORD,
            unit_code="SO-YT",
        )
        add_account(
            session,
            username="van-thu-nv",
            full_name="Văn thư Sở Nội vụ",
            password=PASSWORD,
            unit_code="SO-NV",
        )
    with TestClient(create_app(get_settings())) as client:
        yield client
    get_settings.cache_clear()


def _token(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found is not None
    return found.group(1)


def _sign_in(client: TestClient, username: str) -> None:
    token = _token(client.get("/dang-nhap").text)
    response = client.post(
        "/dang-nhap", data={"username": username, "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 200, response.text


def _round_bytes(**changes: object) -> bytes:
    data = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    data.update({"campaign": CODE, "phase": f"tong-ket-{YEAR}", "year": YEAR, **changes})
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode()


def _upload(client: TestClient, data: bytes) -> object:
    token = _token(client.get("/don-vi/giay-khen").text)
    return client.post(
        "/don-vi/giay-khen/nap",
        data={"csrf_token": token},
        files={"round_file": ("giay-khen.yaml", data, "application/yaml")},
    )


def test_the_units_clerk_loads_its_round_and_sees_the_proposal(portal: TestClient) -> None:
    _sign_in(portal, "van-thu-yt")
    response = _upload(portal, _round_bytes())
    assert response.status_code == 200, response.text
    assert "Đã nạp và xét: đề xuất CN01, TT01" in response.text
    assert "không khen hai lần" not in response.text
    assert "chưa đạt HOAN_THANH_NV" in response.text  # Lý Văn Sơn, listed with the reason
    with session_scope() as session:
        (record,) = session.exec(select(GiayKhenRoundRecord)).all()
        assert (record.unit_code, record.state) == ("SO-YT", "proposed")
        assert len(session.exec(select(GiayKhenCandidate)).all()) == 8
        actions = session.exec(select(AccountAction.action)).all()
    assert "giay_khen_load" in actions


def test_a_clerk_of_another_unit_is_refused(portal: TestClient) -> None:
    _sign_in(portal, "van-thu-nv")
    response = _upload(portal, _round_bytes())  # the file names SO-YT
    assert response.status_code == 403
    assert "chỉ nạp đợt xét Giấy khen của chính đơn vị mình" in response.text
    with session_scope() as session:
        assert session.exec(select(GiayKhenRoundRecord)).all() == []


def test_a_malformed_file_shows_its_errors_and_nothing_is_stored(portal: TestClient) -> None:
    _sign_in(portal, "van-thu-yt")
    data = yaml.safe_load(_round_bytes())
    del data["candidates"][1]["full_name"]
    response = _upload(portal, yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode())
    assert response.status_code == 400
    assert "(ứng viên số 2, mã TT02).full_name: thiếu trường bắt buộc" in response.text
    with session_scope() as session:
        assert session.exec(select(GiayKhenRoundRecord)).all() == []


def test_without_the_pages_csrf_token_nothing_is_loaded(portal: TestClient) -> None:
    _sign_in(portal, "van-thu-yt")
    response = portal.post(
        "/don-vi/giay-khen/nap",
        files={"round_file": ("giay-khen.yaml", _round_bytes(), "application/yaml")},
    )
    assert response.status_code == 403
    with session_scope() as session:
        assert session.exec(select(GiayKhenRoundRecord)).all() == []
