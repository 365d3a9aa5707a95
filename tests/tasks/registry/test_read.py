"""Reading the registry file: CSV and XLSX, normalised text, problems that name line and column."""

from __future__ import annotations

import unicodedata
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from models.campaign import load_campaign, shipped_campaign_path
from tasks.registry.read import COLUMNS, RegistryFileError, read_registry

SHIPPED = Path(__file__).resolve().parents[3] / "models" / "data" / "units-bac-kan.csv"
HEADER = ",".join(COLUMNS)

WORDS = load_campaign(shipped_campaign_path("cds-2022-2025"))[0].unit_vocabulary
SECOND = Path(__file__).resolve().parents[2] / "fixtures" / "campaign-cao-bang-vbdt.yaml"


def _csv(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "units.csv"
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    return path


def _problems(path: Path) -> list[str]:
    with pytest.raises(RegistryFileError) as error:
        read_registry(path, vocabulary=WORDS)
    return [str(problem) for problem in error.value.problems]


def test_shipped_registry_reads() -> None:
    rows = read_registry(SHIPPED, vocabulary=WORDS)
    assert len(rows) == 72
    ttt = next(row for row in rows if row.code == "SO-TTTT")
    assert ttt.successor_code == "SO-KHCN"
    assert f"{ttt.valid_to:%Y-%m-%d}" == "2025-02-28"
    assert next(row for row in rows if row.code == "SO-VHTTDL").name == (
        "Sở Văn hóa, Thể thao và Du lịch"
    )


def test_text_is_nfc_and_trimmed(tmp_path: Path) -> None:
    name = unicodedata.normalize("NFD", "Sở Y tế")
    path = _csv(tmp_path, f"\u00a0SO-YT ,  {name}\u00a0,so_nganh,tinh,Khối văn hóa,,01/01/2022,,")
    (row,) = read_registry(path, vocabulary=WORDS)
    assert row.code == "SO-YT"
    assert row.name == "Sở Y tế"
    assert unicodedata.is_normalized("NFC", row.name)
    assert f"{row.valid_from:%Y-%m-%d}" == "2022-01-01"


def test_xlsx_is_read_like_csv(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(list(COLUMNS))
    sheet.append(["SO-YT", "Sở Y tế", "so_nganh", "tinh", "Khối VX", None, "2022-01-01"])
    sheet.append([None] * 9)  # a blank row in the middle
    sheet.append(
        ["SO-CT", "Sở Công Thương", "so_nganh", "tinh", "Khối KT", None, datetime(2022, 1, 1)]
    )  # a real Excel date
    path = tmp_path / "units.xlsx"
    workbook.save(path)
    rows = read_registry(path, vocabulary=WORDS)
    assert [row.code for row in rows] == ["SO-YT", "SO-CT"]
    assert rows[1].line == 4  # the spreadsheet's own row number
    assert rows[1].valid_from == rows[0].valid_from


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "SO-A,Sở A,so,tinh,,,2022-01-01,,",
            "dòng 2, cột loai: loại đơn vị 'so' chưa được khai báo cho danh mục này",
        ),
        (
            "SO-A,Sở A,so_nganh,tỉnh,,,2022-01-01,,",
            "dòng 2, cột cap: cấp 'tỉnh' chưa được khai báo cho danh mục này",
        ),
        ("SO-A,Sở A,so_nganh,tinh,,,2022-13-01,,", "dòng 2, cột hieu_luc_tu: ngày '2022-13-01'"),
        (
            "SO-A,Sở A,so_nganh,tinh,,,2023-01-01,2022-12-31,",
            "dòng 2, cột hieu_luc_den: ngày hết hiệu lực 31/12/2022 trước ngày có hiệu lực",
        ),
        (",Sở A,so_nganh,tinh,,,2022-01-01,,", "dòng 2, cột ma_don_vi: bắt buộc"),
        ("SO-A,,so_nganh,tinh,,,2022-01-01,,", "dòng 2, cột ten_don_vi: bắt buộc"),
        ("SO-A,Sở A,so_nganh,tinh,,,,,", "dòng 2, cột hieu_luc_tu: bắt buộc"),
        (
            "SO-A,Sở A,so_nganh,tinh,,,2022-01-01,,SO-B",
            "dòng 2, cột don_vi_ke_thua: có đơn vị kế thừa nhưng không có ngày hết hiệu lực",
        ),
        ("SO-A,Sở A,so_nganh,tinh,,SO-A,2022-01-01,,", "dòng 2, cột don_vi_cha: đơn vị không"),
    ],
)
def test_bad_row_names_line_and_column(tmp_path: Path, line: str, expected: str) -> None:
    problems = _problems(_csv(tmp_path, line))
    assert any(problem.startswith(expected) for problem in problems), problems


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    problems = _problems(
        _csv(
            tmp_path,
            "SO-A,Sở A,so_nganh,tinh,,,2022-01-01,,",
            "SO-B,Sở B,bad,tinh,,,2022-01-01,,",
            "SO-A,Sở A lần 2,so_nganh,tinh,,,2022-01-01,,",
        )
    )
    assert problems == [
        "dòng 3, cột loai: loại đơn vị 'bad' chưa được khai báo cho danh mục này (đã khai báo: "
        "so_nganh (Sở, ban, ngành), doan_the (Đoàn thể), huyen (UBND huyện, thành phố), "
        "xa (UBND xã, phường, thị trấn), doanh_nghiep_cntt (Doanh nghiệp CNTT), "
        "doanh_nghiep (Doanh nghiệp), htx (Hợp tác xã), bao_dai (Báo, đài))",
        "dòng 4, cột ma_don_vi: mã 'SO-A' trùng với dòng 2",
    ]


def test_missing_columns_and_empty_and_non_utf8(tmp_path: Path) -> None:
    path = tmp_path / "units.csv"
    path.write_text("ma_don_vi,ten_don_vi\nSO-A,Sở A\n", encoding="utf-8")
    problems = _problems(path)
    assert "dòng 1, cột loai: thiếu cột trong dòng tiêu đề" in problems
    path.write_text("", encoding="utf-8")
    assert _problems(path) == ["tệp trống"]
    path.write_bytes(HEADER.encode() + b"\nSO-A,S\xf5 A\n")  # a Windows code page
    assert _problems(path) == ["tệp CSV phải mã hóa UTF-8"]


def test_corrupt_workbook_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "units.xlsx"
    path.write_bytes(b"%PDF-1.4 not a workbook")
    (problem,) = _problems(path)
    assert problem.startswith("không đọc được bảng tính")


def test_kinds_and_levels_are_the_registry_s_declared_words(tmp_path: Path) -> None:
    hospital = "BV-A,Bệnh viện Đa khoa A,benh_vien,tinh,Khối y tế,,2022-01-01,,"
    central = "TW-B,Kho bạc Nhà nước khu vực,trung_uong,trung_uong,,,2022-01-01,,"
    path = _csv(tmp_path, hospital, central)
    second = load_campaign(SECOND)[0].unit_vocabulary  # declares hospitals and central units
    rows = read_registry(path, vocabulary=second)
    assert [(r.code, r.kind, r.level) for r in rows] == [
        ("BV-A", "benh_vien", "tinh"),
        ("TW-B", "trung_uong", "trung_uong"),
    ]
    with pytest.raises(RegistryFileError) as refused:
        read_registry(path, vocabulary=WORDS)  # Bắc Kạn's registry declares neither
    assert [str(p) for p in refused.value.problems] == [
        "dòng 2, cột loai: loại đơn vị 'benh_vien' chưa được khai báo cho danh mục này "
        "(đã khai báo: " + ", ".join(f"{k} ({v})" for k, v in WORDS.kinds.items()) + ")",
        "dòng 3, cột cap: cấp 'trung_uong' chưa được khai báo cho danh mục này (đã khai báo: "
        "tinh (Cấp tỉnh), huyen (Cấp huyện), xa (Cấp xã))",
        "dòng 3, cột loai: loại đơn vị 'trung_uong' chưa được khai báo cho danh mục này "
        "(đã khai báo: " + ", ".join(f"{k} ({v})" for k, v in WORDS.kinds.items()) + ")",
    ]
