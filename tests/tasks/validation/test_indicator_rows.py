"""The plain-Python pass over indicator rows agrees with the pandera schema on every row."""

from __future__ import annotations

import itertools
import math

import pandas as pd
import pandera.pandas as pa

from tasks.validation.indicator_rows import _row_passes, row_schema
from tasks.validation.indicator_sheet import IndicatorReading

CODES = ("HSCV_MANG", "A", "A_1", "KHAC ung dung", "1ABC", "Ab", "")
NUMBERS = (None, math.nan, 0.0, -0.0, 5.0, 5.5, -1.0, 0.75, math.inf)


def _schema_passes(reading: IndicatorReading) -> bool:
    frame = pd.DataFrame(
        {
            "code": pd.array([reading.code], dtype=object),
            "total": pd.array([reading.total], dtype="float64"),
            "achieved": pd.array([reading.achieved], dtype="float64"),
        },
        index=[reading.row],
    )
    try:
        row_schema().validate(frame, lazy=True)
    except pa.errors.SchemaErrors:
        return False
    return True


def test_the_plain_pass_agrees_with_the_schema_on_every_row() -> None:
    rows = [(code, 5.0, 3.0) for code in CODES] + [
        ("A", *pair) for pair in itertools.product(NUMBERS, NUMBERS)
    ]
    for code, total, achieved in rows:
        reading = IndicatorReading(code, total, achieved, "", 7)
        assert _row_passes(reading) == _schema_passes(reading), (code, total, achieved)
