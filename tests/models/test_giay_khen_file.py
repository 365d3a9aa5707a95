"""A Giấy khen round file: a malformed one gets Vietnamese errors naming the line, row and field."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
import yaml
from openpyxl import Workbook, load_workbook
from typer.testing import CliRunner

from cli.main import app
from models.giay_khen_file import RoundFileError, load_round

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "giay-khen-so-yt.yaml"


def test_the_example_round_is_valid() -> None:
    round_, sha256 = load_round(FIXTURE)
    assert (round_.unit_code, round_.quotas.collective, round_.quotas.individual) == ("SO-YT", 1, 2)
    assert [c.code for c in round_.criteria_for("tap_the")] == [
        "HOAN_THANH_NV",
        "TL_HO_SO_MANG",
        "SANG_KIEN",
    ]
    assert len(sha256) == 64


def _broken(tmp_path: Path) -> Path:
    data = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    second = data["candidates"][1]
    del second["full_name"]  # row 2: a required field left out
    data["candidates"][3]["gender"] = "nữ"  # row 4: not one of the codes
    data["candidates"][4]["birth_date"] = "20/11/1979"  # row 5: a date as typed in Excel
    data["candidates"][5]["results"]["KHONG_CO"] = {"achieved": 1}  # row 6: unknown criterion
    data["candidates"][0]["results"]["TL_HO_SO_MANG"] = {"achieved": 401}  # row 1: rate, no total
    data["quotas"]["individual"] = -1
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _line_of(path: Path, text: str, after: int = 0) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if i > after and text in line)


def test_a_malformed_file_gets_vietnamese_errors_naming_the_row(tmp_path: Path) -> None:
    path = _broken(tmp_path)
    with pytest.raises(RoundFileError) as caught:
        load_round(path)
    problems = caught.value.problems
    text = "\n".join(problems)
    second = _line_of(path, "code: TT02")
    assert f"dòng {second}, candidates[1] (ứng viên số 2, mã TT02).full_name: thiếu trường" in text
    gender = _line_of(path, "gender: nữ")
    assert (
        f"dòng {gender}, candidates[3] (ứng viên số 4, mã CN01).gender: giá trị không hợp lệ, "
        "chỉ nhận 'nam' hoặc 'nu'" in text
    )
    born = _line_of(path, "birth_date: 20/11/1979")
    assert (
        f"dòng {born}, candidates[4] (ứng viên số 5, mã CN02).birth_date: phải là ngày dạng "
        "YYYY-MM-DD" in text
    )
    assert "quotas.individual: phải lớn hơn hoặc bằng 0" in text
    for problem in problems:
        assert problem.startswith("dòng "), problem  # every problem says where to look
        assert "Field required" not in problem
        assert "Input should" not in problem


def test_a_file_valid_field_by_field_is_checked_as_a_whole(tmp_path: Path) -> None:
    data = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    data["candidates"][5]["results"]["KHONG_CO"] = {"achieved": 1}
    data["candidates"][0]["results"]["TL_HO_SO_MANG"] = {"achieved": 401}
    data["candidates"][6]["code"] = "CN03"
    path = tmp_path / "whole.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(RoundFileError) as caught:
        load_round(path)
    text = "\n".join(caught.value.problems)
    first = _line_of(path, "code: TT01")
    assert f"dòng {first}, candidates[0] (ứng viên số 1, mã TT01).results.TL_HO_SO_MANG: " in text
    assert "tiêu chí tỷ lệ cần 'total'" in text
    assert "candidates[5] (ứng viên số 6, mã CN03).results: không có tiêu chí KHONG_CO" in text
    assert "candidates[6] (ứng viên số 7, mã CN03): trùng mã với ứng viên số 6" in text


def test_check_command_lists_the_errors_and_exits_1(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["giay-khen", "check", str(_broken(tmp_path))])
    assert result.exit_code == 1
    assert "không hợp lệ" in result.output
    assert "(ứng viên số 2, mã TT02).full_name: thiếu trường bắt buộc" in result.output


def _sheet_round(tmp_path: Path, rows: list[list[object]]) -> Path:
    data = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    del data["candidates"]
    data["candidates_sheet"] = "ung-vien.xlsx"
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "UngVien"
    sheet.append(
        ["ma", "loai", "ho_ten", "ngay_sinh", "gioi_tinh", "chuc_vu", "sang_kien"]
        + ["HOAN_THANH_NV", "TL_HO_SO_MANG", "TL_HO_SO_MANG/tong", "SANG_KIEN"]
    )
    for row in rows:
        sheet.append(row)
    book.save(tmp_path / "ung-vien.xlsx")
    path = tmp_path / "dot-xet.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_the_candidates_may_come_from_the_clerks_excel_sheet(tmp_path: Path) -> None:
    path = _sheet_round(
        tmp_path,
        [
            ["TT01", "Tập thể", "Phòng Nghiệp vụ Y", None, None, None, "A; B", 1, 401, 420, None],
            ["CN01", "Cá nhân", "Nguyễn Thị Hoa", datetime(1985, 3, 8), "Nữ", "Bác sĩ", "A", 1]
            + [None, None, 2],
        ],
    )
    round_, sha256 = load_round(path)
    first, second = round_.candidates
    assert (first.kind, first.results["TL_HO_SO_MANG"].total) == ("tap_the", 420)
    assert (second.gender, second.birth_date, second.results["SANG_KIEN"].achieved) == (
        "nu",
        date(1985, 3, 8),
        2,
    )
    book = load_workbook(tmp_path / "ung-vien.xlsx")
    book["UngVien"]["C3"] = "Nguyễn Thị Hoà"
    book.save(tmp_path / "ung-vien.xlsx")
    assert load_round(path)[1] != sha256  # the sheet is part of what was loaded


def test_a_faulty_sheet_row_is_named_by_the_sheet_and_its_row(tmp_path: Path) -> None:
    path = _sheet_round(
        tmp_path,
        [
            ["TT01", "Tập thể", "Phòng Nghiệp vụ Y", None, None, None, "A", 1, 401, 420, None],
            ["CN01", "Cá nhân", None, "8/3/1985", "Nữ", None, None, 1],
            ["CN02", "Cá nhân", "Trần Văn Nam", None, "nam", None, None, 1, 5, None, None],
        ],
    )
    with pytest.raises(RoundFileError) as caught:
        load_round(path)
    text = "\n".join(caught.value.problems)
    where = "ung-vien.xlsx, trang UngVien, dòng"
    assert f"{where} 3, candidates[1] (ứng viên số 2, mã CN01).full_name: thiếu trường" in text
    assert f"{where} 3, candidates[1] (ứng viên số 2, mã CN01).birth_date: phải là ngày" in text
    book = load_workbook(tmp_path / "ung-vien.xlsx")  # the clerk fixes row 3
    book["UngVien"]["C3"], book["UngVien"]["D3"] = "Nguyễn Thị Hoa", datetime(1985, 3, 8)
    book.save(tmp_path / "ung-vien.xlsx")
    with pytest.raises(RoundFileError) as caught:
        load_round(path)
    problems = caught.value.problems  # then the file is checked as a whole: row 4
    row4 = f"{where} 4, candidates[2] (ứng viên số 3, mã CN02).results.TL_HO_SO_MANG: "
    assert problems == [
        row4 + "tiêu chí này không xét cho cá nhân",
        row4 + "tiêu chí tỷ lệ cần 'total'",
    ]


def test_a_head_awards_only_in_their_own_unit(tmp_path: Path) -> None:
    data = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    data["unit_code"] = "SO-NV"  # the head named is Sở Y tế's
    path = tmp_path / "other.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(RoundFileError) as caught:
        load_round(path)
    assert caught.value.problems == [
        "head.authority.unit_code: 'SO-YT' khác đơn vị khen thưởng 'SO-NV' - Thủ trưởng chỉ "
        "tặng Giấy khen cho đơn vị mình"
    ]
