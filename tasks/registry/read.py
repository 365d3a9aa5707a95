"""Read a units registry file (CSV or XLSX) into checked rows; problems name line and column."""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from python_calamine import CalamineWorkbook

from models.vocabulary import UnitVocabulary

COLUMNS = (
    "ma_don_vi",
    "ten_don_vi",
    "loai",
    "cap",
    "cum_khoi",
    "don_vi_cha",
    "hieu_luc_tu",
    "hieu_luc_den",
    "don_vi_ke_thua",
)
REQUIRED = ("ma_don_vi", "ten_don_vi", "loai", "cap", "hieu_luc_tu")
MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class RegistryProblem:
    """One problem of the file: where, and what, in Vietnamese."""

    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = []
        if self.line is not None:
            where.append(f"dòng {self.line}")
        if self.column:
            where.append(f"cột {self.column}")
        return f"{', '.join(where)}: {self.message}" if where else self.message


class RegistryFileError(ValueError):
    """The registry file was refused; nothing of it was imported."""

    def __init__(self, path: Path, problems: list[RegistryProblem]) -> None:
        self.path = path
        self.problems = problems
        shown = "\n".join(f"  {path.name}, {problem}" for problem in problems[:50])
        more = f"\n  … và {len(problems) - 50} lỗi khác" if len(problems) > 50 else ""
        super().__init__(f"Tệp danh mục đơn vị {path} có {len(problems)} lỗi:\n{shown}{more}")


@dataclass(frozen=True)
class RegistryRow:
    """A checked row of the registry."""

    line: int
    code: str
    name: str
    kind: str
    level: str
    block: str | None
    parent_code: str | None
    valid_from: date
    valid_to: date | None
    successor_code: str | None


def clean_text(value: Any) -> str:
    """Return value as NFC text without surrounding (also non-breaking) spaces."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = unicodedata.normalize("NFC", str(value))
    return text.replace("\u00a0", " ").replace("\ufeff", "").strip()


def _header_key(value: Any) -> str:
    return clean_text(value).lower().replace(" ", "_")


def _parse_date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = clean_text(value)
    if not text:
        return None
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(f"ngày '{text}' không hợp lệ (dùng YYYY-MM-DD hoặc dd/mm/yyyy)")


def _raw_rows(path: Path) -> list[tuple[int, list[Any]]]:
    """Return (line number, cells) for every line of a CSV or the first sheet of a workbook."""
    if path.stat().st_size > MAX_BYTES:
        raise RegistryFileError(path, [RegistryProblem(None, None, "tệp quá lớn (tối đa 20 MB)")])
    suffix = path.suffix.lower()
    if suffix in {".xlsx", ".xlsm", ".xls", ".ods"}:
        try:
            workbook = CalamineWorkbook.from_path(str(path))
            sheet = workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)
        except Exception as error:
            raise RegistryFileError(
                path, [RegistryProblem(None, None, f"không đọc được bảng tính: {error}")]
            ) from error
        return [(index + 1, list(row)) for index, row in enumerate(sheet)]
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise RegistryFileError(
            path, [RegistryProblem(None, None, "tệp CSV phải mã hóa UTF-8")]
        ) from error
    return [(index + 1, row) for index, row in enumerate(csv.reader(io.StringIO(text)))]


def read_registry(path: Path, *, vocabulary: UnitVocabulary) -> list[RegistryRow]:
    """Read and check every row of path against the registry's declared kinds and levels;
    raise RegistryFileError listing all problems."""
    raw = [(line, cells) for line, cells in _raw_rows(path) if any(clean_text(c) for c in cells)]
    if not raw:
        raise RegistryFileError(path, [RegistryProblem(None, None, "tệp trống")])
    header_line, header_cells = raw[0]
    header = [_header_key(cell) for cell in header_cells]
    missing = [column for column in COLUMNS if column not in header]
    if missing:
        raise RegistryFileError(
            path,
            [
                RegistryProblem(header_line, column, "thiếu cột trong dòng tiêu đề")
                for column in missing
            ],
        )
    position = {column: header.index(column) for column in COLUMNS}
    problems: list[RegistryProblem] = []
    rows: list[RegistryRow] = []
    for line, cells in raw[1:]:
        row = _check_row(line, cells, position, problems, vocabulary)
        if row is not None:
            rows.append(row)
    problems.extend(_check_codes(rows))
    if problems:
        raise RegistryFileError(path, sorted(problems, key=lambda p: (p.line or 0, p.column or "")))
    return rows


def _check_row(
    line: int,
    cells: list[Any],
    position: dict[str, int],
    problems: list[RegistryProblem],
    vocabulary: UnitVocabulary,
) -> RegistryRow | None:
    def cell(column: str) -> Any:
        index = position[column]
        return cells[index] if index < len(cells) else None

    before = len(problems)
    values = {column: clean_text(cell(column)) for column in COLUMNS}
    for column in REQUIRED:
        if not values[column]:
            problems.append(RegistryProblem(line, column, "bắt buộc nhưng để trống"))
    for column, declared, what in (
        ("loai", vocabulary.kinds, "loại đơn vị"),
        ("cap", vocabulary.levels, "cấp"),
    ):
        if values[column] and values[column] not in declared:
            listed = ", ".join(f"{code} ({label})" for code, label in declared.items())
            problems.append(
                RegistryProblem(
                    line,
                    column,
                    f"{what} '{values[column]}' chưa được khai báo cho danh mục này "
                    f"(đã khai báo: {listed})",
                )
            )
    dates: dict[str, date | None] = {}
    for column in ("hieu_luc_tu", "hieu_luc_den"):
        try:
            dates[column] = _parse_date(cell(column))
        except ValueError as error:
            problems.append(RegistryProblem(line, column, str(error)))
            dates[column] = None
    start, end = dates["hieu_luc_tu"], dates["hieu_luc_den"]
    if start and end and end < start:
        problems.append(
            RegistryProblem(
                line,
                "hieu_luc_den",
                f"ngày hết hiệu lực {end:%d/%m/%Y} trước ngày có hiệu lực {start:%d/%m/%Y}",
            )
        )
    if values["don_vi_ke_thua"] and not end:
        problems.append(
            RegistryProblem(
                line, "don_vi_ke_thua", "có đơn vị kế thừa nhưng không có ngày hết hiệu lực"
            )
        )
    if values["don_vi_ke_thua"] and values["don_vi_ke_thua"] == values["ma_don_vi"]:
        problems.append(
            RegistryProblem(line, "don_vi_ke_thua", "đơn vị không thể kế thừa chính nó")
        )
    if values["don_vi_cha"] and values["don_vi_cha"] == values["ma_don_vi"]:
        problems.append(RegistryProblem(line, "don_vi_cha", "đơn vị không thể là cha của chính nó"))
    if len(problems) > before or start is None:
        return None
    return RegistryRow(
        line=line,
        code=values["ma_don_vi"],
        name=values["ten_don_vi"],
        kind=values["loai"],
        level=values["cap"],
        block=values["cum_khoi"] or None,
        parent_code=values["don_vi_cha"] or None,
        valid_from=start,
        valid_to=end,
        successor_code=values["don_vi_ke_thua"] or None,
    )


def _check_codes(rows: list[RegistryRow]) -> list[RegistryProblem]:
    problems = []
    first_line: dict[str, int] = {}
    for row in rows:
        if row.code in first_line:
            problems.append(
                RegistryProblem(
                    row.line, "ma_don_vi", f"mã '{row.code}' trùng với dòng {first_line[row.code]}"
                )
            )
        else:
            first_line[row.code] = row.line
    return problems
