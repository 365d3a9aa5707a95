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
    history_codes,
    lineage,
    units_in_block,
)
from tasks.registry.read import RegistryFileError
from tasks.registry.upsert import import_registry
from tasks.registry.version import registry_version

SHIPPED = Path(__file__).resolve().parents[3] / "models" / "data" / "units-bac-kan.csv"
SECOND = Path(__file__).resolve().parents[2] / "fixtures" / "campaign-cao-bang-vbdt.yaml"
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
    line = lineage(session, code=code)
    assert [u.code for u in line.predecessors] == predecessors
    assert [u.code for u in line.successors] == successors
    assert line.current.code == (successors[-1] if successors else code)
    assert line.ceased is False


@pytest.mark.parametrize("code", DISTRICTS)
def test_districts_ceased_on_30_june_2025(session: Session, code: str) -> None:
    line = lineage(session, code=code)
    assert line.successors == []
    assert line.ceased is True
    assert line.unit.valid_to == date(2025, 6, 30)


def test_history_codes_carry_merged_years(session: Session) -> None:
    assert history_codes(session, code="SO-NNMT") == ["SO-NNPTNT", "SO-TNMT", "SO-NNMT"]
    assert history_codes(session, code="SO-YT") == ["SO-YT"]
    with pytest.raises(KeyError):
        lineage(session, code="SO-KHONG-CO")


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
        u.code for u in units_in_block(session, block="Khối kinh tế", on=date(2024, 12, 15))
    ]
    economy_2025 = [
        u.code for u in units_in_block(session, block="Khối kinh tế", on=date(2025, 12, 15))
    ]
    assert "SO-KHDT" in economy_2024
    assert "SO-NNMT" not in economy_2024
    assert "SO-KHDT" not in economy_2025
    assert {"SO-NNMT", "SO-KHCN", "SO-TC", "SO-XD", "SO-CT"} == set(economy_2025)
    assert len(units_in_block(session, block="Khối kinh tế")) == 9
    assert "Cụm các huyện, thành phố" in blocks(session, on=date(2024, 1, 1))
    assert "Cụm các huyện, thành phố" not in blocks(session, on=date(2025, 12, 15))


def test_another_registry_changes_nothing_in_this_one(session: Session, tmp_path: Path) -> None:
    campaign, _ = load_campaign(shipped_campaign_path("cds-2022-2025"))
    on = date(2025, 12, 15)
    before = registry_version(session, registry="bac-kan", on=on)
    expected = [u.code for u in expected_units(session, campaign=campaign, year=2025)]
    header = SHIPPED.read_text(encoding="utf-8").splitlines()[0]
    other = tmp_path / "units-cao-bang.csv"
    rows = [
        "CB-SO-YT,Sở Y tế tỉnh Cao Bằng,so_nganh,tinh,Khối văn hóa - xã hội,,2022-01-01,,",
        "CB-X-A,UBND xã A,xa,xa,Cụm xã,,2022-01-01,,",
    ]
    other.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    import_registry(session, path=other)
    session.flush()
    assert registry_version(session, registry="bac-kan", on=on) == before
    assert [u.code for u in expected_units(session, campaign=campaign, year=2025)] == expected
    assert registry_version(session, registry="cao-bang", on=on) != before
    # A row of the other registry that reuses one of this registry's codes is refused whole.
    clash = tmp_path / "units-lang-son.csv"
    clash.write_text(
        f"{header}\nSO-YT,Sở Y tế tỉnh Lạng Sơn,so_nganh,tinh,Khối,,2022-01-01,,\n",
        encoding="utf-8",
    )
    with pytest.raises(RegistryFileError, match="đã thuộc danh mục 'bac-kan'"):
        import_registry(session, path=clash)
    assert registry_version(session, registry="bac-kan", on=on) == before
