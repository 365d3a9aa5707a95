"""Scan a rendered document for what a clerk would send back: codes, placeholders, ASCII quotes."""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

from tests.tasks.documents.reading import open_docx, texts

REGISTRY = Path(__file__).resolve().parents[3] / "models" / "data" / "units-bac-kan.csv"
PLACEHOLDERS = re.compile(
    r"minh họa|minh hoạ|\(minh|placeholder|TODO|\{\{|\{%|\bNone\b|\bnan\b|⎵|___",
    re.IGNORECASE,
)
SYSTEM_NOTES = re.compile(r"hệ thống lập|do hệ thống|đơn vị không gửi tệp|tiền thân [A-Z]")
RAW_DECIMAL = re.compile(r"(?<![\d.])\d+\.\d{1,2}(?![\d.])")  # 87.5 (a point, not a comma)
LONG_DECIMAL = re.compile(r"\d,\d{2,}(?!\d*%)")  # a score with two decimals: 87,53


@lru_cache(maxsize=1)
def unit_codes() -> frozenset[str]:
    """Return every code of the shipped units registry."""
    with REGISTRY.open(encoding="utf-8") as handle:
        return frozenset(row["ma_don_vi"] for row in csv.DictReader(handle))


def problems(data: bytes) -> list[str]:
    """Return what is wrong with a document's text, one finding per line of text."""
    document = open_docx(data)
    lines = texts(document)
    for section in document.sections:
        lines += [p.text for p in section.header.paragraphs]
    codes = re.compile(r"(?<![\w/-])(" + "|".join(map(re.escape, unit_codes())) + r")(?![\w-])")
    found = []
    for line in lines:
        for label, pattern in (
            ("mã đơn vị", codes),
            ("chỗ giữ chỗ", PLACEHOLDERS),
            ("ghi chú hệ thống", SYSTEM_NOTES),
            ("số thập phân dấu chấm", RAW_DECIMAL),
            ("điểm hai chữ số thập phân", LONG_DECIMAL),
        ):
            if match := pattern.search(line):
                found.append(f"{label}: {match.group(0)!r} trong {line!r}")
        if '"' in line or "'" in line:
            found.append(f"dấu ngoặc kép ASCII trong {line!r}")
        if line.strip() == "-":
            found.append("ô chỉ có dấu '-'")
    return found
