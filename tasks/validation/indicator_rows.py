"""The indicator rows' checks: a pandera schema whose check names are finding codes.

Rows are tested first in plain Python against the same conditions; only a table where some row
fails runs the schema, which then says what failed where, with the messages below.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import TYPE_CHECKING

from tasks.validation.cells import SheetReader

if TYPE_CHECKING:
    import pandas as pd
    import pandera.pandas as pa

    from tasks.validation.indicator_sheet import IndicatorReading


def _whole(series: pd.Series) -> pd.Series:
    return series.isna() | (series % 1 == 0)


def _non_negative(series: pd.Series) -> pd.Series:
    return series.isna() | (series >= 0)


CODE_FORMAT = re.compile(r"[A-Z][A-Z0-9_]*")


def _code_format(series: pd.Series) -> pd.Series:
    return series.str.fullmatch(CODE_FORMAT.pattern).fillna(False).astype(bool)


@lru_cache(maxsize=1)
def row_schema() -> pa.DataFrameSchema:
    """Return the row checks as data: each check's name is the finding code it raises.

    Built at the first table that fails (pandas and pandera are imported then, not by every
    process that imports validation: most reports pass the plain checks).
    """
    import pandera.pandas as pa

    return pa.DataFrameSchema(
        {
            "code": pa.Column(str, pa.Check(_code_format, name="INVALID_CODE")),
            "total": pa.Column(
                float,
                [
                    pa.Check(_non_negative, name="NEGATIVE_VALUE"),
                    pa.Check(_whole, name="NOT_WHOLE_NUMBER"),
                ],
                nullable=True,
            ),
            "achieved": pa.Column(
                float,
                [
                    pa.Check(_non_negative, name="NEGATIVE_VALUE"),
                    pa.Check(_whole, name="NOT_WHOLE_NUMBER"),
                ],
                nullable=True,
            ),
        },
        checks=[
            pa.Check(
                lambda df: (
                    df["achieved"].isna()
                    | df["total"].isna()
                    | (df["total"] <= 0)
                    | (df["achieved"] < 0)
                    | (df["achieved"] <= df["total"])
                ),
                name="RATIO_ABOVE_TOTAL",
            )
        ],
        coerce=False,  # the frame is built typed: coercing would only cost time
    )


CHECK_MESSAGES = {
    "INVALID_CODE": "Mã chỉ tiêu '{value}' không hợp lệ: chỉ dùng chữ in hoa không dấu, chữ số "
    "và dấu gạch dưới, không có dấu cách (ví dụ KHAC_UNG_DUNG).",
    "NEGATIVE_VALUE": "Giá trị {value} âm: số đếm phải từ 0 trở lên.",
    "NOT_WHOLE_NUMBER": "Giá trị {value} không phải số nguyên: nhập số lượng (hồ sơ, văn bản, "
    "người...), không nhập tỷ lệ.",
    "RATIO_ABOVE_TOTAL": "Số đạt ({achieved}) lớn hơn tổng số ({total}).",
}
COLUMN_HEADERS = {"code": "ma_chi_tieu", "total": "tong_so", "achieved": "dat"}


def _count_ok(value: float | None) -> bool:
    return value is None or math.isnan(value) or (value >= 0 and value % 1 == 0)


def _row_passes(reading: IndicatorReading) -> bool:
    """Return whether a row passes every check of row_schema(), each written as it is there."""
    total, achieved = reading.total, reading.achieved
    if not (CODE_FORMAT.fullmatch(reading.code) and _count_ok(total) and _count_ok(achieved)):
        return False
    if total is None or achieved is None or math.isnan(total) or math.isnan(achieved):
        return True
    return total <= 0 or achieved < 0 or achieved <= total


def check_rows(reader: SheetReader, readings: list[IndicatorReading]) -> None:
    """Run the row schema (pandera) and turn every failure into a located finding.

    Rows that pass every check, tested first in plain Python, need no schema run: the schema
    (and its messages) decides only where something fails.
    """
    if not readings or all(_row_passes(reading) for reading in readings):
        return
    import pandas as pd
    import pandera.pandas as pa

    frame = pd.DataFrame(
        {
            "code": pd.array([r.code for r in readings], dtype=object),
            "total": pd.array([r.total for r in readings], dtype="float64"),
            "achieved": pd.array([r.achieved for r in readings], dtype="float64"),
        },
        index=[r.row for r in readings],
    )
    try:
        row_schema().validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        by_row = {r.row: r for r in readings}
        cases = errors.failure_cases.dropna(subset=["index"])
        # A frame-wide check reports one case per column: keep one finding per row and check.
        cases = cases.assign(
            column=cases["column"].where(cases["check"] != "RATIO_ABOVE_TOTAL", "achieved")
        )
        cases = cases.drop_duplicates(subset=["index", "column", "check"])
        for case in cases.sort_values(["index", "check"]).itertuples():
            code = str(case.check)
            if code not in CHECK_MESSAGES:
                raise ValueError(f"Row check {code!r} has no finding message") from errors
            row = int(case.index)
            reading = by_row[row]
            column = COLUMN_HEADERS[str(case.column)]
            message = CHECK_MESSAGES[code].format(
                value=_shown(case.failure_case),
                achieved=_shown(reading.achieved),
                total=_shown(reading.total),
            )
            reader.add(code, message, row=row, column=column)


def _shown(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
