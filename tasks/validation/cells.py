"""Cell access shared by the sheet checks: header search, text repair, locations."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from tasks.validation.findings import Finding, finding
from tasks.workbook.legacy_text import repair_legacy
from tasks.workbook.open import RawSheet
from tasks.workbook.values import clean_text, fold_key

HEADER_SEARCH_ROWS = 30
# C0 and C1 control characters (tab, line feed and carriage return are folded as spaces before).
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


@dataclass
class SheetReader:
    """Reads one sheet's cells, collecting findings located by Excel row and column header."""

    sheet: RawSheet
    label: str
    findings: list[Finding] = field(default_factory=list)

    def add(
        self, code: str, message: str, *, row: int | None = None, column: str | None = None
    ) -> None:
        """Record a finding on this sheet."""
        self.findings.append(finding(code, message, sheet=self.label, row=row, column=column))

    def find_header(
        self, required: tuple[str, ...], known: tuple[str, ...]
    ) -> tuple[int, dict[str, int]] | None:
        """Return the index of the header row (it may have moved down) and column positions."""
        for index, row in enumerate(self.sheet.rows[:HEADER_SEARCH_ROWS]):
            keys = [fold_key(cell) for cell in row]
            if required[0] in keys:
                positions = {}
                for key in known:
                    if key in keys:
                        positions[key] = keys.index(key)
                return index, positions
        return None

    def cell(self, index: int, column: int | None) -> Any:
        """Return the raw value at a 0-based row index and column position, or None."""
        if column is None or index >= len(self.sheet.rows):
            return None
        row = self.sheet.rows[index]
        return row[column] if column < len(row) else None

    def formula_problem(self, index: int, column: int | None, header: str) -> bool:
        """Record a failed or uncalculated formula at that cell; return whether there was one."""
        if column is None:
            return False
        error = self.sheet.formula_errors.get((index, column))
        if error:
            self.add(
                "FORMULA_ERROR",
                f"Công thức cho kết quả lỗi {error}: sửa công thức hoặc nhập số trực tiếp.",
                row=index + 1,
                column=header,
            )
            return True
        if (index, column) in self.sheet.uncalculated:
            self.add(
                "FORMULA_NOT_CALCULATED",
                "Ô có công thức nhưng chưa có giá trị tính sẵn: "
                "mở tệp bằng Excel/LibreOffice, lưu lại rồi tải lên.",
                row=index + 1,
                column=header,
            )
        return False

    def text(self, index: int, column: int | None, header: str) -> str:
        """Return the cell as clean NFC text, converting legacy TCVN3/VNI text with a warning."""
        value = clean_text(self.cell(index, column))
        if not value:
            return ""
        stripped = CONTROL_CHARACTERS.sub("", value)
        if stripped != value:
            self.add(
                "CONTROL_CHARACTERS",
                f"Ô có ký tự điều khiển không in được (thường do sao chép từ phần mềm khác), "
                f"đã được bỏ đi: '{stripped}'. Hãy gõ lại nội dung ô này.",
                row=index + 1,
                column=header,
            )
            value = stripped
        repaired, encoding = repair_legacy(value)
        if encoding:
            self.add(
                "LEGACY_ENCODING",
                f"Văn bản gõ bằng phông cũ {encoding.upper()} đã được "
                f"chuyển sang Unicode: '{repaired}'. Hãy dùng phông Unicode (Times New "
                "Roman).",
                row=index + 1,
                column=header,
            )
        return repaired
