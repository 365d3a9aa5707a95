"""Importing the registry: idempotent, all or nothing, references and cycles checked."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import select

from models.database import session_scope, upgrade
from models.tables import Unit
from tasks.registry.read import COLUMNS, RegistryFileError
from tasks.registry.upsert import import_registry

SHIPPED = Path(__file__).resolve().parents[3] / "models" / "data" / "units-bac-kan.csv"


@pytest.fixture
def db(database_url: str) -> str:
    upgrade(database_url)
    return database_url


def _csv(tmp_path: Path, *lines: str, name: str = "units.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join([",".join(COLUMNS), *lines]) + "\n", encoding="utf-8")
    return path


def _codes(db: str) -> dict[str, Unit]:
    with session_scope(db) as session:
        units = session.exec(select(Unit)).all()
        session.expunge_all()
    return {unit.code: unit for unit in units}


def test_import_is_idempotent(db: str) -> None:
    with session_scope(db) as session:
        first = import_registry(session, path=SHIPPED)
    assert len(first.inserted) == 72
    before = _codes(db)
    with session_scope(db) as session:
        second = import_registry(session, path=SHIPPED)
    assert (second.inserted, second.updated, len(second.unchanged)) == ([], [], 72)
    after = _codes(db)
    assert {c: u.updated_at for c, u in after.items()} == {
        c: u.updated_at for c, u in before.items()
    }
    assert after["SO-TTTT"].successor_code == "SO-KHCN"
    assert after["X-DUCXUAN"].parent_code == "H-TPBK"


def test_reference_to_a_later_row_and_update(db: str, tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        "X-A,UBND xã A,xa,xa,Cụm xã,H-A,2022-01-01,2025-06-30,X-B",
        "X-B,UBND xã B,xa,xa,Cụm xã,H-A,2022-01-01,,",
        "H-A,UBND huyện A,huyen,huyen,Cụm huyện,,2022-01-01,2025-06-30,",
    )
    with session_scope(db) as session:
        assert len(import_registry(session, path=path, registry="bac-kan").inserted) == 3
    changed = _csv(
        tmp_path, "X-B,UBND xã B (mới),xa,xa,Cụm xã mới,H-A,2022-01-01,,", name="changed.csv"
    )
    with session_scope(db) as session:
        report = import_registry(session, path=changed, registry="bac-kan")
    assert (report.updated, report.inserted) == (["X-B"], [])
    units = _codes(db)
    assert units["X-B"].name == "UBND xã B (mới)"
    assert units["X-B"].block == "Cụm xã mới"
    assert units["X-A"].successor_code == "X-B"  # rows not in the file are kept


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            ["X-A,UBND xã A,xa,xa,,H-NONE,2022-01-01,,"],
            "dòng 2, cột don_vi_cha: đơn vị 'H-NONE' không có trong danh mục",
        ),
        (
            ["SO-A,Sở A,so_nganh,tinh,,,2022-01-01,2024-12-31,SO-NONE"],
            "dòng 2, cột don_vi_ke_thua: đơn vị 'SO-NONE' không có trong danh mục",
        ),
        (
            [
                "SO-A,Sở A,so_nganh,tinh,,,2022-01-01,2024-12-31,SO-B",
                "SO-B,Sở B,so_nganh,tinh,,,2022-01-01,2024-12-31,SO-A",
            ],
            "dòng 2, cột don_vi_ke_thua: vòng lặp kế thừa: SO-A → SO-B → SO-A",
        ),
        (
            [
                "X-A,UBND xã A,xa,xa,,X-C,2022-01-01,,",
                "X-B,UBND xã B,xa,xa,,X-A,2022-01-01,,",
                "X-C,UBND xã C,xa,xa,,X-B,2022-01-01,,",
            ],
            "dòng 2, cột don_vi_cha: vòng lặp đơn vị cha: X-A → X-C → X-B → X-A",
        ),
        (
            [
                "SO-A,Sở A,so_nganh,tinh,,,2022-01-01,2024-12-31,SO-B",
                "SO-B,Sở B,so_nganh,tinh,,,2025-06-01,,",
            ],
            "dòng 2, cột don_vi_ke_thua: đơn vị kế thừa 'SO-B' có hiệu lực từ 01/06/2025",
        ),
    ],
)
def test_bad_references_import_nothing(
    db: str, tmp_path: Path, lines: list[str], expected: str
) -> None:
    with session_scope(db) as session:
        import_registry(session, path=SHIPPED)
    before = _codes(db)
    path = _csv(tmp_path, "SO-NEW,Sở Mới,so_nganh,tinh,,,2022-01-01,,", *lines)
    with pytest.raises(RegistryFileError) as error, session_scope(db) as session:
        import_registry(session, path=path, registry="bac-kan")
    problems = [str(problem) for problem in error.value.problems]
    assert any(problem.startswith(expected.replace("dòng 2", "dòng 3")) for problem in problems), (
        problems
    )
    assert set(_codes(db)) == set(before)  # SO-NEW, on a good line, was not imported either


def test_file_may_reference_units_already_in_the_database(db: str, tmp_path: Path) -> None:
    with session_scope(db) as session:
        import_registry(session, path=SHIPPED)
    path = _csv(tmp_path, "X-MOI,UBND xã Mới,xa,xa,Cụm xã huyện Ba Bể,H-BABE,2022-01-01,,")
    with session_scope(db) as session:
        assert import_registry(session, path=path, registry="bac-kan").inserted == ["X-MOI"]
