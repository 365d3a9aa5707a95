"""The ingest bench's report: one commune's workbook, personalised per unit by substitution."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import openpyxl

YEAR = 2024
PLACEHOLDER_CODE = "UNITCODE0000000"
PLACEHOLDER_NAME = "UNITNAME0000000"


def template_bytes(year: int = YEAR) -> bytes:
    """Return one commune report whose code and name are placeholders to substitute."""
    workbook = openpyxl.Workbook()
    info = workbook.active
    assert info is not None
    info.title = "ThongTin"
    for row in (
        ["truong", "gia_tri"],
        ["phien_ban_mau", "BCTD-1"],
        ["ma_don_vi", PLACEHOLDER_CODE],
        ["ten_don_vi", PLACEHOLDER_NAME],
        ["nam", year],
        ["nguoi_lap", "Lê Thị Lan"],
        ["thu_truong", "Hoàng Văn Đức"],
        ["chuc_vu_thu_truong", "Chủ tịch"],
        ["ngay_bao_cao", date(year, 12, 5)],
    ):
        info.append(row)
    indicators = workbook.create_sheet("ChiTieu")
    indicators.append(["ma_chi_tieu", "noi_dung", "tong_so", "dat", "ghi_chu"])
    for code, total, achieved in (
        ("HSCV_MANG", 420, 390),
        ("VBDT", "1.250", "1.250"),
        ("CSDL_LGSP", 0, 0),
        ("SANG_KIEN", None, 2),
        ("DAO_TAO", 35, 30),
        ("TUYEN_TRUYEN", None, 12),
    ):
        indicators.append([code, f"Nội dung {code}", total, achieved, None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def personalise(template: bytes, code: str, name: str) -> bytes:
    """Return the template with the unit's code and name in place of the placeholders."""
    source = zipfile.ZipFile(io.BytesIO(template))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            content = source.read(entry.filename)
            if entry.filename.startswith("xl/") and PLACEHOLDER_CODE.encode() in content:
                text = content.decode().replace(PLACEHOLDER_CODE, code)
                content = text.replace(PLACEHOLDER_NAME, name).encode()
            target.writestr(entry, content)
    return output.getvalue()
