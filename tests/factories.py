"""Small factories: yearly report workbooks built by code, with every kind of human mess."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import openpyxl
import pandas as pd
import xlwt
from msoffcrypto.format.ooxml import OOXMLFile

from models.report_format import NOMINATION_COLUMNS, NOMINATION_EXTRA_COLUMNS
from models.tables import Submission

DEPARTMENT_VALUES: dict[str, tuple[Any, Any]] = {
    "NV_DUNG_HAN": (40, 38),
    "BC_DUNG_HAN": (12, 12),
    "HSCV_MANG": (1200, 1150),
    "VBDT": (3400, 3400),
    "CSDL_LGSP": (3, 2),
    "SANG_KIEN": (None, 3),
    "DAO_TAO": (85, 80),
    "TUYEN_TRUYEN": (None, 24),
    "DU_LIEU_MO": (None, 2),
}
NOMINATIONS = [
    [
        "1",
        "tap_the",
        "Phòng Công nghệ thông tin",
        None,
        None,
        None,
        "Sở Y tế",
        "Triển khai bệnh án điện tử",
        "Bệnh án điện tử",
        "bao-cao-thanh-tich-phong-cntt.docx",
        None,
        None,
        0.75,
    ],
    [
        "2",
        "ca_nhan",
        "Nguyễn Thị Hoa",
        date(1985, 3, 8),
        "nu",
        "Trưởng phòng",
        "Phòng Công nghệ thông tin, Sở Y tế",
        "Chủ trì số hóa hồ sơ",
        "Hệ thống nhắc lịch",
        "bao-cao-thanh-tich-nguyen-thi-hoa.docx",
        "Phó Giám đốc",
        "Sở Y tế",
        None,
    ],
]
NOMINATION_HEADER = list(NOMINATION_COLUMNS + NOMINATION_EXTRA_COLUMNS)


def info_rows(unit: str, year: int, name: str = "Sở Y tế", **overrides: Any) -> list[list[Any]]:
    """Return the ThongTin rows, with fields overridden (None removes a field)."""
    fields: dict[str, Any] = {
        "phien_ban_mau": "BCTD-1",
        "ma_don_vi": unit,
        "ten_don_vi": name,
        "nam": year,
        "nguoi_lap": "Lê Văn Bình",
        "chuc_vu_nguoi_lap": "Chuyên viên",
        "dien_thoai": "0209 3870 000",
        "email": "cntt@backan.gov.vn",
        "thu_truong": "Hoàng Văn Đức",
        "chuc_vu_thu_truong": "Giám đốc",
        "ngay_bao_cao": date(year, 12, 10),
    }
    fields.update(overrides)
    return [["truong", "gia_tri"]] + [[k, v] for k, v in fields.items() if v is not None]


def build_workbook(
    *,
    unit: str = "SO-YT",
    year: int = 2023,
    info: list[list[Any]] | None = None,
    values: dict[str, tuple[Any, Any]] | None = None,
    nominations: list[list[Any]] | None = None,
    sheet_names: tuple[str, str, str] = ("ThongTin", "ChiTieu", "DeNghi"),
    header_offset: int = 0,
    edit: Callable[[openpyxl.Workbook], None] | None = None,
) -> bytes:
    """Return an .xlsx report; values map code to (tong_so, dat); edit mutates the workbook."""
    workbook = openpyxl.Workbook()
    info_sheet = workbook.active
    assert info_sheet is not None
    info_sheet.title = sheet_names[0]
    for row in info if info is not None else info_rows(unit, year):
        info_sheet.append(row)
    indicator_sheet = workbook.create_sheet(sheet_names[1])
    for _ in range(header_offset):
        indicator_sheet.append(["BÁO CÁO KẾT QUẢ PHONG TRÀO THI ĐUA"])
    indicator_sheet.append(["ma_chi_tieu", "noi_dung", "tong_so", "dat", "ghi_chu"])
    rows = DEPARTMENT_VALUES if values is None else values
    for code, (total, achieved) in rows.items():
        indicator_sheet.append([code, f"Nội dung {code}", total, achieved, None])
    if nominations is not None:
        nomination_sheet = workbook.create_sheet(sheet_names[2])
        nomination_sheet.append(NOMINATION_HEADER)
        for row in nominations:
            nomination_sheet.append(row)
    if edit is not None:
        edit(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def with_cached_error(data: bytes, sheet_index: int, cell: str, error: str = "#DIV/0!") -> bytes:
    """Return the workbook with a formula cell whose cached value is an Excel error."""
    source = zipfile.ZipFile(io.BytesIO(data))
    output = io.BytesIO()
    part = f"xl/worksheets/sheet{sheet_index}.xml"
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            content = source.read(entry.filename)
            if entry.filename == part:
                text = content.decode()
                text = re.sub(
                    rf'<c r="{cell}"[^>]*?(/>|>.*?</c>)',
                    f'<c r="{cell}" t="e"><f>1/0</f><v>{error}</v></c>',
                    text,
                    count=1,
                )
                content = text.encode()
            target.writestr(entry, content)
    return output.getvalue()


def zip_bomb(size_mb: int = 300) -> bytes:
    """Return an .xlsx-looking zip whose one member inflates to size_mb megabytes."""
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            block = b"0" * (1024 * 1024)
            for _ in range(size_mb):
                member.write(block)
    return output.getvalue()


def encrypted(data: bytes, password: str = "matkhau") -> bytes:
    """Return the workbook protected by a password to open, as Excel saves it."""
    output = io.BytesIO()
    OOXMLFile(io.BytesIO(data)).encrypt(password, output)
    return output.getvalue()


def sheets_as_xls(sheets: dict[str, list[list[Any]]]) -> bytes:
    """Return a legacy .xls (BIFF8) workbook holding the given rows."""
    workbook = xlwt.Workbook(encoding="utf-8")
    date_style = xlwt.easyxf(num_format_str="dd/mm/yyyy")
    for name, rows in sheets.items():
        worksheet = workbook.add_sheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if isinstance(value, date):
                    worksheet.write(r, c, value, date_style)
                elif value is not None:
                    worksheet.write(r, c, value)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def sheets_as_ods(sheets: dict[str, list[list[Any]]]) -> bytes:
    """Return an OpenDocument spreadsheet holding the given rows."""
    output = io.BytesIO()
    with pd.ExcelWriter(output, engine="odf") as writer:
        for name, rows in sheets.items():
            pd.DataFrame(rows).to_excel(writer, sheet_name=name, index=False, header=False)
    return output.getvalue()


def report_sheets(unit: str = "SO-YT", year: int = 2023) -> dict[str, list[list[Any]]]:
    """Return the rows of a good report, sheet by sheet."""
    indicators = [["ma_chi_tieu", "noi_dung", "tong_so", "dat", "ghi_chu"]] + [
        [code, f"Nội dung {code}", total, achieved, None]
        for code, (total, achieved) in DEPARTMENT_VALUES.items()
    ]
    return {"ThongTin": info_rows(unit, year), "ChiTieu": indicators}


def submission_row(
    unit: str,
    n: int,
    *,
    status: str,
    late: bool = False,
    counted: bool = False,
    year: int = 2023,
    minutes: int = 0,
) -> Submission:
    """Return a submission row of the shipped campaign, as ingestion would record it."""
    return Submission(
        campaign_code="cds-2022-2025",
        year=year,
        folder_unit_code=unit,
        unit_code=unit,
        bucket="b",
        object_key=f"k{n}",
        version_key=f"v{n}",
        etag="e",
        sha256="0" * 64,
        size=1,
        uploaded_at=datetime(year, 12, 1, tzinfo=UTC) + timedelta(minutes=minutes),
        status=status,
        is_late=late,
        is_counted=counted,
    )
