"""Findings: what is wrong with an upload, where, how bad, and what to do, in Vietnamese."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

Severity = Literal["error", "warning"]

# The stable codes and their severity; messages are written where the finding is made.
CODES: dict[str, Severity] = {
    "EMPTY_FILE": "error",
    "FILE_TOO_LARGE": "error",
    "CORRUPT_FILE": "error",
    "NOT_SPREADSHEET": "error",
    "UNSUPPORTED_FORMAT": "error",
    "PASSWORD_PROTECTED": "error",
    "ZIP_BOMB": "error",
    "SHEET_TOO_LARGE": "error",
    "MISSING_SHEET": "error",
    "EXTRA_SHEET": "warning",
    "MISSING_HEADER": "error",
    "MISSING_COLUMN": "error",
    "MISSING_FIELD": "error",
    "TEMPLATE_VERSION": "warning",
    "UNIT_MISMATCH": "error",
    "YEAR_MISMATCH": "error",
    "UNKNOWN_UNIT": "error",
    "UNIT_NOT_EXPECTED": "error",
    "INVALID_DATE": "error",
    "INVALID_EMAIL": "warning",
    "LEGACY_ENCODING": "warning",
    "MISSING_INDICATOR": "error",
    "UNKNOWN_INDICATOR": "warning",
    "INDICATOR_NOT_APPLICABLE": "warning",
    "DUPLICATE_INDICATOR": "error",
    "INVALID_CODE": "error",
    "INVALID_NUMBER": "error",
    "NEGATIVE_VALUE": "error",
    "NOT_WHOLE_NUMBER": "error",
    "RATIO_ABOVE_TOTAL": "error",
    "MISSING_TOTAL": "error",
    "MISSING_VALUE": "error",
    "BINARY_VALUE": "error",
    "FORMULA_ERROR": "error",
    "FORMULA_NOT_CALCULATED": "warning",
    "PERCENT_IN_COUNT": "warning",
    "AMBIGUOUS_NUMBER": "warning",
    "TOTAL_IGNORED": "warning",
    "NOMINATIONS_OUTSIDE_PHASE": "warning",
    "NOMINATION_SHEET_MISSING": "warning",
    "NOMINATION_FIELD_MISSING": "error",
    "NOMINATION_INVALID_VALUE": "error",
    "DUPLICATE_NOMINEE": "error",
    "DOSSIER_INCOMPLETE": "warning",
    "SEVERAL_WORKBOOKS": "warning",
    "LATE_UPLOAD": "warning",
    "RECEIPT_INVALID": "warning",
    "SUPERSEDED": "warning",
    "MACRO_WORKBOOK": "error",
    "STRAY_SUBFOLDER": "error",
    "MALFORMED_UNIT_FOLDER": "error",
    "INGEST_FAILED": "error",
    "CONTROL_CHARACTERS": "warning",
}


@dataclass(frozen=True)
class Finding:
    """One problem, located by sheet, row (as Excel numbers it) and column (its header)."""

    severity: Severity
    code: str
    message: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the finding as the JSON of report-format.md."""
        return asdict(self)

    def line(self, file_name: str | None = None) -> str:
        """Return the finding as one Vietnamese line: where, then what."""
        where = [
            part
            for part in (
                file_name,
                f"trang {self.sheet}" if self.sheet else None,
                f"dòng {self.row}" if self.row else None,
                f"cột {self.column}" if self.column else None,
            )
            if part
        ]
        label = "LỖI" if self.severity == "error" else "Cảnh báo"
        prefix = f"{', '.join(where)}: " if where else ""
        return f"[{label} {self.code}] {prefix}{self.message}"


def finding(
    code: str,
    message: str,
    *,
    sheet: str | None = None,
    row: int | None = None,
    column: str | None = None,
) -> Finding:
    """Make a finding with the code's registered severity."""
    return Finding(CODES[code], code, message, sheet, row, column)
