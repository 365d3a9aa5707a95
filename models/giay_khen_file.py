"""Read a Giấy khen round file (YAML) with Vietnamese errors naming the field and the line."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from models.giay_khen import GiayKhenRound
from models.giay_khen_sheet import SHEET, SheetError, read_candidates

MESSAGES = {
    "missing": "thiếu trường bắt buộc",
    "extra_forbidden": "trường không có trong mẫu (viết sai tên?)",
    "string_type": "phải là văn bản",
    "string_too_short": "không được để trống",
    "string_pattern_mismatch": "sai định dạng mã (chữ không dấu, số, gạch nối)",
    "int_parsing": "phải là số nguyên",
    "int_type": "phải là số nguyên",
    "int_from_float": "phải là số nguyên",
    "float_parsing": "phải là số",
    "float_type": "phải là số",
    "date_from_datetime_parsing": "phải là ngày dạng YYYY-MM-DD",
    "date_parsing": "phải là ngày dạng YYYY-MM-DD",
    "date_type": "phải là ngày dạng YYYY-MM-DD",
    "greater_than_equal": "phải lớn hơn hoặc bằng {ge}",
    "less_than_equal": "phải nhỏ hơn hoặc bằng {le}",
    "greater_than": "phải lớn hơn {gt}",
    "list_type": "phải là một danh sách",
    "dict_type": "phải là một ánh xạ (khóa: giá trị)",
    "model_type": "phải là một ánh xạ (khóa: giá trị)",
    "too_short": "phải có ít nhất {min_length} mục",
    "bool_parsing": "phải là true hoặc false",
}


class RoundFileError(ValueError):
    """A round file that cannot be loaded; every problem names its field and line."""

    def __init__(self, path: Path | str, problems: list[str]) -> None:
        self.path = path
        self.problems = problems
        super().__init__(f"{path}: " + "; ".join(problems))


def _message(item: dict[str, Any]) -> str:
    kind = str(item.get("type", ""))
    if kind == "literal_error":
        expected = (item.get("ctx") or {}).get("expected", "")
        return f"giá trị không hợp lệ, chỉ nhận {expected}".replace(" or ", " hoặc ")
    if kind in ("value_error", "assertion_error"):
        return str(item["msg"]).removeprefix("Value error, ")
    template = MESSAGES.get(kind)
    if template is None:
        return str(item["msg"])
    return template.format(**(item.get("ctx") or {}))


def _lines(node: yaml.Node | None, path: tuple[int | str, ...] = ()) -> dict[tuple, Any]:
    """Return the line (1-based) of every field of the YAML document, by its path."""
    found: dict[tuple, Any] = {}
    if node is None:
        return found
    found[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            child = (*path, key.value)
            found[child] = key.start_mark.line + 1
            found.update({k: v for k, v in _lines(value, child).items() if k != child})
    elif isinstance(node, yaml.SequenceNode):
        for index, value in enumerate(node.value):
            found.update(_lines(value, (*path, index)))
    return found


def _where(location: tuple[int | str, ...], lines: dict[tuple, Any], data: Any) -> str:
    text = ""
    for index, part in enumerate(location):
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
        if index == 1 and location[0] == "candidates" and isinstance(part, int):
            code = ""
            rows = data.get("candidates") if isinstance(data, dict) else None
            if isinstance(rows, list) and part < len(rows) and isinstance(rows[part], dict):
                code = str(rows[part].get("code") or "")
            text += f" (ứng viên số {part + 1}{', mã ' + code if code else ''})"
    label = text or "(gốc)"
    for depth in range(len(location), -1, -1):
        line = lines.get(tuple(location[:depth]))
        if isinstance(line, str):
            return f"{line}, {label}"
        if line is not None:
            return f"dòng {line}, {label}"
    return label


def _located(problem: str, lines: dict[tuple, Any]) -> str:
    """Prefix a whole-file problem about a candidate with the candidate's line."""
    found = re.match(r"candidates\[(\d+)\]", problem)
    line = lines.get(("candidates", int(found.group(1)))) if found else None
    if isinstance(line, str):
        return f"{line}, {problem}"
    return f"dòng {line}, {problem}" if line else problem


def _sheet_candidates(
    data: dict[str, Any], lines: dict[tuple, Any], *, source: Path | str, folder: Path | None
) -> None:
    """Read the candidates from the Excel sheet the file names, in place; map rows to lines."""
    name = data.pop("candidates_sheet")
    if "candidates" in data:
        raise RoundFileError(source, ["chỉ dùng một trong hai: candidates hoặc candidates_sheet"])
    if not isinstance(name, str) or folder is None:
        raise RoundFileError(source, ["candidates_sheet: cần tên tệp Excel đặt cạnh tệp đợt xét"])
    path = folder / name
    try:
        rows, numbers = read_candidates(path.read_bytes(), name=name)
    except OSError as error:
        raise RoundFileError(source, [f"candidates_sheet: không đọc được {name}"]) from error
    except SheetError as error:
        raise RoundFileError(source, error.problems) from error
    data["candidates"] = rows
    for index, number in enumerate(numbers):
        lines[("candidates", index)] = f"{name}, trang {SHEET}, dòng {number}"


def parse_round(raw: bytes, *, source: Path | str, folder: Path | None = None) -> GiayKhenRound:
    """Validate a round file's bytes; raise RoundFileError listing every problem."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise RoundFileError(source, ["tệp phải mã hóa UTF-8"]) from error
    try:
        data = yaml.safe_load(text)
        lines = _lines(yaml.compose(text))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"dòng {mark.line + 1}, cột {mark.column + 1}: " if mark else ""
        raise RoundFileError(source, [f"{where}YAML không hợp lệ ({error})"]) from error
    if not isinstance(data, dict):
        raise RoundFileError(source, ["tệp phải là một ánh xạ YAML (khóa: giá trị)"])
    if "candidates_sheet" in data:
        _sheet_candidates(data, lines, source=source, folder=folder)
    try:
        return GiayKhenRound.model_validate(data)
    except ValidationError as error:
        problems: list[str] = []
        for item in error.errors(include_url=False):
            message = _message(dict(item))
            if item["type"] == "value_error" and not item["loc"]:
                problems.extend(_located(part, lines) for part in message.split("; "))
            else:
                problems.append(f"{_where(tuple(item['loc']), lines, data)}: {message}")
        raise RoundFileError(source, problems) from error


def load_round(path: Path) -> tuple[GiayKhenRound, str]:
    """Load and validate a round file; return it with the SHA-256 of its bytes (and its sheet's)."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise RoundFileError(path, [f"không đọc được tệp: {error.strerror}"]) from error
    round_ = parse_round(raw, source=path, folder=path.parent)
    digest = hashlib.sha256(raw)
    sheet = yaml.safe_load(raw.decode("utf-8")).get("candidates_sheet")
    if isinstance(sheet, str):
        digest.update((path.parent / sheet).read_bytes())
    return round_, digest.hexdigest()
