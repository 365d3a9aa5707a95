"""Vietnamese messages for a form's type errors, placed next to the field they concern."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from pydantic import ValidationError

_TYPES = {
    "missing": "không được để trống",
    "string_too_short": "không được để trống",
    "too_short": "cần ít nhất {min_length} mục",
    "int_parsing": "phải là số nguyên",
    "int_type": "phải là số nguyên",
    "int_from_float": "phải là số nguyên",
    "greater_than_equal": "không được nhỏ hơn {ge}",
    "string_pattern_mismatch": "sai định dạng giờ (HH:MM, ví dụ 08:30)",
    "date_parsing": "ngày không hợp lệ",
    "date_from_datetime_parsing": "ngày không hợp lệ",
    "date_type": "ngày không hợp lệ",
    "string_too_long": "dài quá {max_length} ký tự",
    "bool_parsing": "chỉ nhận có hoặc không",
}
_COLUMN_TITLES = {
    "votes_for": "Số phiếu đồng ý",
    "votes_against": "Số phiếu không đồng ý",
    "votes_abstain": "Số phiếu không biểu quyết",
    "reason": "Lý do",
    "comment": "Ý kiến",
}
_NOMINATION = re.compile(r"Đề nghị số (\d+)")


def field_errors(
    error: ValidationError, rows: dict[int, int]
) -> tuple[dict[str, list[str]], dict[int, list[str]]]:
    """Return the type errors by form field, and by nomination (rows: list index → id)."""
    fields: dict[str, list[str]] = defaultdict(list)
    nominations: dict[int, list[str]] = defaultdict(list)
    for item in error.errors(include_url=False):
        context: dict[str, Any] = dict(item.get("ctx") or {})
        if item["type"] == "value_error":
            text = str(context.get("error", item["msg"]))
        else:
            text = _TYPES.get(item["type"], "giá trị không hợp lệ").format(**context)
        location = [str(p) for p in item["loc"]]
        if len(location) >= 2 and location[1].isdigit() and int(location[1]) in rows:
            column = _COLUMN_TITLES.get(location[-1], location[-1])
            nominations[rows[int(location[1])]].append(f"{column}: {text}")
        else:
            fields[location[0] if location else ""].append(text)
    return dict(fields), dict(nominations)


def split_problems(problems: list[str]) -> tuple[list[str], dict[int, list[str]]]:
    """Return the rule problems that concern no one nomination, and those by nomination."""
    general: list[str] = []
    nominations: dict[int, list[str]] = defaultdict(list)
    for problem in problems:
        found = _NOMINATION.search(problem)
        if found:
            nominations[int(found.group(1))].append(problem)
        else:
            general.append(problem)
    return general, dict(nominations)
