"""Registry queries on the demo registry: who reports when, lineage of every merger, blocks."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlmodel import Session

from models.campaign import load_campaign, shipped_campaign_path
from models.database import get_engine, session_scope, upgrade
from tasks.registry.queries import (
    blocks,
    expected_units,
    get_unit,
    history_codes,
    lineage,
    units_in_block,
)
from tasks.registry.read import RegistryFileError
from tasks.registry.scope import registry_loads
from tasks.registry.upsert import import_registry
from tasks.registry.version import registry_version

SHIPPED = Path(__file__).resolve().parents[3] / "models" / "data" / "units-bac-kan.csv"
SECOND = Path(__file__).resolve().parents[2] / "fixtures" / "campaign-cao-bang-vbdt.yaml"
SECOND_REGISTRY = SECOND.with_name("units-cao-bang.csv")
DISTRICTS = [
    "H-BABE",
    "H-BACHTHONG",
    "H-CHODON",
    "H-CHOMOI",
    "H-NARI",
    "H-NGANSON",
    "H-PACNAM",
    "H-TPBK",
]
MERGED_DEPARTMENTS = ["SO-GTVT", "SO-KHDT", "SO-LDTBXH", "SO-NNPTNT", "SO-TNMT", "SO-TTTT"]


@pytest.fixture
def session(database_url: str) -> Session:
    upgrade(database_url)
    with session_scope(database_url) as setup:
        import_registry(setup, path=SHIPPED)
    with Session(get_engine(database_url)) as open_session:
        yield open_session  # type: ignore[misc]


@pytest.mark.parametrize(
    ("code", "predecessors", "successors"),
    [
        ("SO-KHCN", ["SO-TTTT"], []),
        ("SO-TTTT", [], ["SO-KHCN"]),
        ("SO-TC", ["SO-KHDT"], []),
        ("SO-KHDT", [], ["SO-TC"]),
        ("SO-NNMT", ["SO-NNPTNT", "SO-TNMT"], []),
        ("SO-NNPTNT", [], ["SO-NNMT"]),
        ("SO-TNMT", [], ["SO-NNMT"]),
        ("SO-XD", ["SO-GTVT"], []),
        ("SO-GTVT", [], ["SO-XD"]),
        ("SO-NV", ["SO-LDTBXH"], []),
        ("SO-LDTBXH", [], ["SO-NV"]),
        ("SO-YT", [], []),
    ],
)
def test_lineage_of_every_merger(
    session: Session, code: str, predecessors: list[str], successors: list[str]
) -> None:
    line = lineage(session, registry="bac-kan", code=code)
    assert [u.code for u in line.predecessors] == predecessors
    assert [u.code for u in line.successors] == successors
    assert line.current.code == (successors[-1] if successors else code)
    assert line.ceased is False


@pytest.mark.parametrize("code", DISTRICTS)
def test_districts_ceased_on_30_june_2025(session: Session, code: str) -> None:
    line = lineage(session, registry="bac-kan", code=code)
    assert line.successors == []
    assert line.ceased is True
    assert line.unit.valid_to == date(2025, 6, 30)


def test_history_codes_carry_merged_years(session: Session) -> None:
    assert history_codes(session, registry="bac-kan", code="SO-NNMT") == [
        "SO-NNPTNT",
        "SO-TNMT",
        "SO-NNMT",
    ]
    assert history_codes(session, registry="bac-kan", code="SO-YT") == ["SO-YT"]
    with pytest.raises(KeyError):
        lineage(session, registry="bac-kan", code="SO-KHONG-CO")


def test_expected_units_by_year(session: Session) -> None:
    campaign, _ = load_campaign(shipped_campaign_path("cds-2022-2025"))
    for year in (2022, 2023, 2024):
        codes = {u.code for u in expected_units(session, campaign=campaign, year=year)}
        assert len(codes) == 49
        assert "SO-NNMT" not in codes
        assert set(DISTRICTS) | set(MERGED_DEPARTMENTS) <= codes
    codes_2025 = {u.code for u in expected_units(session, campaign=campaign, year=2025)}
    assert len(codes_2025) == 34  # after the 2025 reorganisation (models/data/units-bac-kan.md)
    assert not (set(DISTRICTS) | set(MERGED_DEPARTMENTS)) & codes_2025
    assert {"SO-NNMT", "SO-KHCN", "X-DUCXUAN", "DN-VNPT-TN", "HTX-MIENDONG"} <= codes_2025
    assert not {"X-CHORA", "X-NAPHAC", "X-BANGLUNG", "BAO-BK", "MTTQ", "DN-VNPT"} & codes_2025


def test_expected_units_follow_the_campaign_kinds(session: Session) -> None:
    campaign, _ = load_campaign(SECOND)  # covers departments and communes only
    # Read against the demo registry to check the kinds filter (its own registry is cao-bang).
    campaign = campaign.model_copy(update={"registry": "bac-kan"})
    units = expected_units(session, campaign=campaign, year=2025)
    assert {u.kind for u in units} == {"so_nganh", "xa"}
    assert "SO-TTTT" not in {u.code for u in units}


def test_units_of_a_block(session: Session) -> None:
    economy_2024 = [
        u.code
        for u in units_in_block(
            session, registry="bac-kan", block="Khối kinh tế", on=date(2024, 12, 15)
        )
    ]
    economy_2025 = [
        u.code
        for u in units_in_block(
            session, registry="bac-kan", block="Khối kinh tế", on=date(2025, 12, 15)
        )
    ]
    assert "SO-KHDT" in economy_2024
    assert "SO-NNMT" not in economy_2024
    assert "SO-KHDT" not in economy_2025
    assert {"SO-NNMT", "SO-KHCN", "SO-TC", "SO-XD", "SO-CT"} == set(economy_2025)
    assert len(units_in_block(session, registry="bac-kan", block="Khối kinh tế")) == 9
    assert "Cụm các huyện, thành phố" in blocks(session, registry="bac-kan", on=date(2024, 1, 1))
    assert "Cụm các huyện, thành phố" not in blocks(
        session, registry="bac-kan", on=date(2025, 12, 15)
    )


def test_another_registry_with_the_same_codes_changes_nothing_in_this_one(
    session: Session,
) -> None:
    campaign, _ = load_campaign(shipped_campaign_path("cds-2022-2025"))
    second, _ = load_campaign(SECOND)
    on = date(2025, 12, 15)
    before = registry_version(session, registry="bac-kan", on=on)
    expected = [u.code for u in expected_units(session, campaign=campaign, year=2025)]
    yt = get_unit(session, registry="bac-kan", code="SO-YT")
    assert yt is not None
    assert yt.name == "Sở Y tế"
    report = import_registry(
        session, path=SECOND_REGISTRY, registry="cao-bang", vocabulary=second.unit_vocabulary
    )
    session.flush()
    assert "SO-YT" in report.inserted  # a code Bắc Kạn uses too: another unit, in its registry
    assert registry_version(session, registry="bac-kan", on=on) == before
    assert [u.code for u in expected_units(session, campaign=campaign, year=2025)] == expected
    assert get_unit(session, registry="bac-kan", code="SO-YT").name == "Sở Y tế"  # type: ignore[union-attr]
    assert get_unit(session, registry="cao-bang", code="SO-YT").name == "Sở Y tế tỉnh Cao Bằng"  # type: ignore[union-attr]
    assert registry_version(session, registry="cao-bang", on=on) != before
    # Lineage, blocks and history stay within each registry although the codes are the same.
    assert lineage(session, registry="cao-bang", code="X-CHORA").codes == [
        "X-CHORA",
        "X-HOAAN",
    ]
    assert lineage(session, registry="bac-kan", code="X-CHORA").codes != ["X-CHORA", "X-HOAAN"]
    assert history_codes(session, registry="cao-bang", code="SO-KHCN") == ["SO-TTTT", "SO-KHCN"]
    assert blocks(session, registry="cao-bang") == ["Cụm xã", "Khối các sở", "Khối y tế"]
    assert "Khối y tế" not in blocks(session, registry="bac-kan")
    second_expected = {u.code for u in expected_units(session, campaign=second, year=2025)}
    assert second_expected == {
        "SO-NV",
        "SO-YT",
        "SO-TC",
        "SO-KHCN",
        "BV-DKT",
        "BV-YHCT",
        "X-HOAAN",
        "X-QUANGUYEN",
    }  # hospitals report; the central unit (trung_uong) is in the registry but not concerned
    assert registry_loads(session, registry="cao-bang")[-1].version_sha256 == registry_version(
        session, registry="cao-bang", on=date(9999, 12, 31)
    )


def test_a_file_without_a_registry_is_refused(session: Session, tmp_path: Path) -> None:
    nameless = tmp_path / "danh-muc.csv"
    nameless.write_text(SHIPPED.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(RegistryFileError, match="--registry"):
        import_registry(session, path=nameless)
    with pytest.raises(RegistryFileError, match="chưa có phong trào nào dùng danh mục 'lang-son'"):
        import_registry(session, path=nameless, registry="lang-son")
