"""The DeNghi sheet: nominations for a phase's awards, and the completeness of their dossiers."""

from __future__ import annotations

import unicodedata
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import PurePosixPath
from typing import Any

from models.report_format import (
    DOSSIER_DOCUMENTS,
    DOSSIER_SUFFIXES,
    GENDERS,
    NOMINATION_COLUMNS,
    NOMINATION_EXTRA_COLUMNS,
    NOMINATION_KINDS,
    NOMINATION_REQUIRED,
)
from tasks.validation.cells import SheetReader
from tasks.workbook.values import clean_text, fold_key, parse_date, parse_number


@dataclass
class NominationReading:
    """One nominee as proposed by the unit."""

    row: int
    loai: str
    ten: str
    ngay_sinh: date | None = None
    gioi_tinh: str | None = None
    chuc_vu: str = ""
    don_vi_cong_tac: str = ""
    thanh_tich: str = ""
    sang_kien: str = ""
    tep_bao_cao_thanh_tich: str = ""
    chuc_vu_hien_nay: str = ""
    don_vi_hien_nay: str = ""
    ty_le_nu: float | None = None
    dossier_complete: bool | None = None
    missing_files: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """Return the nomination as JSON-ready values."""
        data = asdict(self)
        data["ngay_sinh"] = self.ngay_sinh.isoformat() if self.ngay_sinh else None
        return data


TEXT_COLUMNS = (
    "ten",
    "chuc_vu",
    "don_vi_cong_tac",
    "thanh_tich",
    "sang_kien",
    "tep_bao_cao_thanh_tich",
    "chuc_vu_hien_nay",
    "don_vi_hien_nay",
)


def read_nominations(reader: SheetReader) -> list[NominationReading]:
    """Return the nominations of the sheet, each row checked."""
    header = reader.find_header(("loai", "ten"), NOMINATION_COLUMNS + NOMINATION_EXTRA_COLUMNS)
    if header is None:
        if any(clean_text(cell) for row in reader.sheet.rows for cell in row):
            reader.add(
                "MISSING_HEADER",
                "Không tìm thấy dòng tiêu đề của danh sách đề nghị (stt | loai | ten | ...).",
            )
        return []
    header_index, positions = header
    readings: list[NominationReading] = []
    seen: dict[tuple[str, str, date | None], int] = {}
    for index in range(header_index + 1, len(reader.sheet.rows)):
        texts = {name: reader.text(index, positions.get(name), name) for name in TEXT_COLUMNS}
        kind_raw = clean_text(reader.cell(index, positions.get("loai")))
        if not kind_raw and not any(texts.values()):
            continue
        reading = _read_row(reader, index, positions, kind_raw, texts)
        if reading is None:
            continue
        identity = (reading.loai, fold_key(reading.ten), reading.ngay_sinh)
        if identity in seen:
            reader.add(
                "DUPLICATE_NOMINEE",
                f"'{reading.ten}' được đề nghị hai lần (trùng dòng {seen[identity]}).",
                row=reading.row,
                column="ten",
            )
            continue
        seen[identity] = reading.row
        readings.append(reading)
    return readings


def _read_row(
    reader: SheetReader,
    index: int,
    positions: dict[str, int],
    kind_raw: str,
    texts: dict[str, str],
) -> NominationReading | None:
    row = index + 1
    kind = fold_key(kind_raw)
    if kind not in NOMINATION_KINDS:
        reader.add(
            "NOMINATION_INVALID_VALUE",
            f"Loại '{kind_raw}' không hợp lệ: ghi tap_the (tập thể) hoặc ca_nhan (cá nhân).",
            row=row,
            column="loai",
        )
        return None
    reading = NominationReading(row=row, loai=kind, ten=texts["ten"])
    for name in TEXT_COLUMNS:
        setattr(reading, name, texts[name])
    gender_raw = clean_text(reader.cell(index, positions.get("gioi_tinh")))
    if gender_raw:
        gender = fold_key(gender_raw)
        if gender in GENDERS:
            reading.gioi_tinh = gender
        else:
            reader.add(
                "NOMINATION_INVALID_VALUE",
                f"Giới tính '{gender_raw}' không hợp lệ: ghi nam hoặc nu.",
                row=row,
                column="gioi_tinh",
            )
    birth_raw = reader.cell(index, positions.get("ngay_sinh"))
    try:
        reading.ngay_sinh = parse_date(birth_raw)
    except ValueError:
        reader.add(
            "INVALID_DATE",
            f"Ngày sinh '{clean_text(birth_raw)}' không đọc được: ghi dạng dd/mm/yyyy.",
            row=row,
            column="ngay_sinh",
        )
    share = parse_number(reader.cell(index, positions.get("ty_le_nu")))
    if share.value is not None:
        value = share.value / 100 if share.value > 1 and not share.percent else share.value
        if 0 <= value <= 1:
            reading.ty_le_nu = value
        else:
            reader.add(
                "NOMINATION_INVALID_VALUE",
                f"Tỷ lệ nữ '{share.raw}' phải từ 0 đến 100%.",
                row=row,
                column="ty_le_nu",
            )
    elif share.error:
        reader.add(
            "NOMINATION_INVALID_VALUE",
            f"Tỷ lệ nữ '{share.raw}' không phải là số.",
            row=row,
            column="ty_le_nu",
        )
    for name in NOMINATION_REQUIRED[kind]:
        value = getattr(reading, name)
        if value in (None, ""):
            reader.add(
                "NOMINATION_FIELD_MISSING",
                f"Đề nghị khen thưởng {NOMINATION_KINDS[kind]} "
                f"'{reading.ten or '(chưa có tên)'}' thiếu thông tin cột {name}.",
                row=row,
                column=name,
            )
    return reading


def _name_key(name: str) -> str:
    return unicodedata.normalize("NFC", PurePosixPath(name).name).strip().lower()


def check_dossiers(
    reader: SheetReader, readings: list[NominationReading], attachments: list[str]
) -> None:
    """Check the dinh-kem/ files: the unit's Tờ trình, Biên bản and each achievement report."""
    if not readings:
        return
    documents = [name for name in attachments if name.lower().endswith(DOSSIER_SUFFIXES)]
    folded = [fold_key(PurePosixPath(name).stem) for name in documents]
    missing_common = [
        label for key, label in DOSSIER_DOCUMENTS.items() if not any(key in name for name in folded)
    ]
    present = {_name_key(name) for name in attachments}
    for reading in readings:
        missing = list(missing_common)
        report = reading.tep_bao_cao_thanh_tich
        if report and _name_key(report) not in present:
            missing.append(f"báo cáo thành tích '{report}'")
        reading.missing_files = missing
        reading.dossier_complete = not missing and bool(report)
        if missing:
            reader.add(
                "DOSSIER_INCOMPLETE",
                f"Hồ sơ đề nghị khen thưởng '{reading.ten}' chưa đủ "
                f"trong thư mục dinh-kem/: thiếu {', '.join(missing)}. Đề nghị chỉ được "
                "xét khi hồ sơ đủ.",
                row=reading.row,
                column="tep_bao_cao_thanh_tich",
            )
