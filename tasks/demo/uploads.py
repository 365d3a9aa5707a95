"""Realistic uploads of every unit for a year: on time, late, invalid then fixed, missing.

The figures, names and times come from a seeded generator, so that the same seed gives the same
uploads. Past years are uploaded with signed receipts carrying the time each file was received,
as a migration from an earlier system would (tasks/ingest/receipts.py).
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from openpyxl import Workbook
from pydantic import SecretStr

from models.campaign import Campaign
from models.report_format import ATTACHMENTS_FOLDER
from models.tables import Unit
from tasks.demo.unit_documents import report_in_form, stub_docx, tiny_pdf
from tasks.ingest.receipts import receipt_metadata
from tasks.storage import ObjectStore
from tasks.templates.report_workbook import TemplateUnit, build_sample_report, save_workbook

FAMILY = ("Nguyễn", "Hoàng", "Nông", "Lường", "Hà", "Ma", "Triệu", "Lý", "Đàm", "Lục", "Bế", "Trần")
MIDDLE_MEN = ("Văn", "Đức", "Minh", "Quang", "Tiến")
MIDDLE_WOMEN = ("Thị", "Thu", "Thanh", "Ngọc", "Hồng")
GIVEN_MEN = ("Hùng", "Tuấn", "Thắng", "Cường", "Dũng", "Long", "Hải", "Sơn", "Toàn")
GIVEN_WOMEN = ("Hoa", "Lan", "Hạnh", "Phương", "Thảo", "Hương", "Yến", "Mai", "Nhung")
SECTIONS = ("Văn phòng", "Phòng Kế hoạch - Tổng hợp", "Phòng Hành chính - Tổng hợp")
POSTS = (
    "Chuyên viên Văn phòng",
    "Phó Chánh Văn phòng",
    "Phó Trưởng phòng Kế hoạch - Tổng hợp",
    "Trưởng phòng Kế hoạch - Tổng hợp",
)
PROMOTION = {POSTS[0]: POSTS[1], POSTS[2]: POSTS[3]}
ACHIEVEMENTS = (
    "Triển khai hệ thống quản lý văn bản và điều hành, ký số trên 95% văn bản đi",
    "Số hóa hồ sơ lưu trữ, đưa cơ sở dữ liệu chuyên ngành kết nối qua nền tảng LGSP",
    "Cung cấp dịch vụ công trực tuyến toàn trình, tỷ lệ hồ sơ trực tuyến vượt chỉ tiêu",
    "Tổ chức bồi dưỡng kỹ năng số cho cán bộ, công chức và người dân",
    "Xây dựng kho dữ liệu mở và công bố trên cổng dữ liệu của tỉnh",
)
INITIATIVES = (
    "Giải pháp số hóa hồ sơ lưu trữ",
    "Sáng kiến kết nối dữ liệu qua LGSP",
    "Phần mềm nhắc việc trên nền tảng số",
    "Quy trình điện tử tiếp nhận phản ánh, kiến nghị",
)


@dataclass(frozen=True)
class Upload:
    """One object a unit puts in the inbox, with the time it was received."""

    key: str
    data: bytes
    received_at: datetime
    note: str


def _person(rng: random.Random) -> tuple[str, str]:
    woman = rng.random() < 0.5
    middle = rng.choice(MIDDLE_WOMEN if woman else MIDDLE_MEN)
    given = rng.choice(GIVEN_WOMEN if woman else GIVEN_MEN)
    return f"{rng.choice(FAMILY)} {middle} {given}", "nu" if woman else "nam"


def _nominations(
    rng: random.Random, unit: Unit, extension: str, former: str | None = None
) -> list[list[object]]:
    """Return the DeNghi rows of a unit: its own collective, or a section, and a few persons.

    former is the name of the unit the persons worked in when the achievement was made, when
    the unit has since been merged into this one; some persons have been promoted since.
    """
    rows: list[list[object]] = []
    if rng.random() < 0.6:
        own = rng.random() < 0.5
        name = unit.name if own else f"{rng.choice(SECTIONS)}, {unit.name}"
        rows.append(
            [
                "tap_the",
                name,
                None,
                None,
                None,
                unit.name,
                rng.choice(ACHIEVEMENTS),
                rng.choice(INITIATIVES),
                f"bao-cao-thanh-tich-tap-the-{len(rows) + 1}{extension}",
                None,
                None,
                round(rng.uniform(0.3, 0.85), 2),
            ]
        )
    for _ in range(rng.choice((0, 1, 1, 2))):
        name, gender = _person(rng)
        post = rng.choice(POSTS)
        promoted = PROMOTION.get(post) if rng.random() < 0.3 else None
        rows.append(
            [
                "ca_nhan",
                name,
                date(rng.randint(1970, 1995), rng.randint(1, 12), rng.randint(1, 28)),
                gender,
                post,
                former or unit.name,
                rng.choice(ACHIEVEMENTS),
                rng.choice(INITIATIVES),
                f"bao-cao-thanh-tich-ca-nhan-{len(rows) + 1}{extension}",
                promoted,
                unit.name if former or promoted else None,
                None,
            ]
        )
    return rows


def _fill_nominations(workbook: Workbook, rows: list[list[object]]) -> None:
    sheet = workbook["DeNghi"]
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.value = None
    for offset, values in enumerate(rows):
        for column, value in enumerate([offset + 1, *values], start=1):
            sheet.cell(2 + offset, column, value)


def _break(workbook: Workbook) -> None:
    """Make the mistake people make: an achieved count above its total."""
    sheet = workbook["ChiTieu"]
    for row in sheet.iter_rows(min_row=2):
        if isinstance(row[2].value, int) and row[2].value > 0:
            row[3].value = row[2].value + 7
            return


def _dossier(
    rng: random.Random,
    unit: Unit,
    rows: list[list[object]],
    folder: str,
    when: datetime,
    parent: str,
) -> list[Upload]:
    files: list[Upload] = []
    if rng.random() > 0.1:  # one unit in ten forgets its Biên bản: the dossier is incomplete
        files.append(
            Upload(f"{folder}/bien-ban-hop-xet.pdf", tiny_pdf("Bien ban hop xet"), when, "biên bản")
        )
    files.append(Upload(f"{folder}/to-trinh.pdf", tiny_pdf("To trinh"), when, "tờ trình"))
    for row in rows:
        name, report = str(row[1]), str(row[8])
        careful = len(name) % 2 == 0  # half the units send a report in the legal form
        data = (
            report_in_form(name, unit, row, parent)
            if report.endswith(".docx") and careful
            else stub_docx(
                "BÁO CÁO THÀNH TÍCH ĐỀ NGHỊ KHEN THƯỞNG",
                [f"Tên: {name}", f"Đơn vị: {unit.name}", f"Thành tích: {row[6]}"],
            )
            if report.endswith(".docx")
            else tiny_pdf(f"Bao cao thanh tich {rng.randint(1, 999)}")
        )
        files.append(Upload(f"{folder}/{report}", data, when, "báo cáo thành tích"))
    return files


def year_uploads(
    campaign: Campaign,
    units: list[Unit],
    year: int,
    *,
    seed: int = 2022,
    former: dict[str, str] | None = None,
) -> list[Upload]:
    """Return every upload of the year: most on time, some late, some fixed, a few missing.

    former maps a unit's code to the name of the unit it replaced in a merger, if any.
    """
    deadline = campaign.deadline_for(year)
    phase_end = year in {max(phase.years) for phase in campaign.phases}
    uploads: list[Upload] = []
    for unit in units:
        rng = random.Random(f"{seed}-{unit.code}-{year}")
        fate = rng.random()
        if fate < 0.04:
            continue  # this unit sends nothing this year
        when = deadline - timedelta(days=rng.randint(1, 25), minutes=rng.randint(0, 600))
        if fate > 0.93:
            when = deadline + timedelta(days=rng.randint(1, 6), minutes=rng.randint(0, 600))
        template = TemplateUnit(unit.code, unit.name, unit.kind, unit.level)
        workbook = build_sample_report(campaign=campaign, unit=template, year=year, seed=seed)
        folder = f"{campaign.code}/{year}/{unit.code}"
        rows: list[list[object]] = []
        if phase_end and "DeNghi" in workbook.sheetnames:
            extension = ".docx" if rng.random() < 0.6 else ".pdf"
            rows = _nominations(rng, unit, extension, (former or {}).get(unit.code))
            _fill_nominations(workbook, rows)
        good = save_workbook(workbook)
        name = f"{folder}/bao-cao-{unit.code.lower()}-{year}.xlsx"
        if 0.04 <= fate < 0.12:  # a first version with a mistake, fixed two days later
            _break(workbook)
            uploads.append(Upload(name, save_workbook(workbook), when - timedelta(days=2), "lỗi"))
        uploads.append(Upload(name, good, when, "muộn" if when > deadline else "đúng hạn"))
        if rows:
            uploads += _dossier(
                rng, unit, rows, f"{folder}/{ATTACHMENTS_FOLDER}", when, _parent(campaign, year)
            )
    return sorted(uploads, key=lambda u: (u.received_at, u.key))


def _parent(campaign: Campaign, year: int) -> str:
    """Return the body above the units as their headers print it: UBND TỈNH …, BỘ …."""
    body = campaign.reporting_body(year)
    return body.appraising_department.parent_header or body.issuing_authority.header


def put_uploads(store: ObjectStore, bucket: str, uploads: list[Upload], *, key: SecretStr) -> int:
    """Put the uploads not in the inbox yet, each with its signed receipt; return how many."""
    versions = list(store.list_versions(bucket, _common_prefix(uploads)))
    seen = {(info.key, info.etag.strip('"')) for info in versions}
    present = {info.key for info in versions}
    written = 0
    for upload in uploads:
        etag = hashlib.md5(upload.data, usedforsecurity=False).hexdigest()
        if (upload.key, etag) in seen or (upload.key in present and _is_older(upload, uploads)):
            continue
        digest = hashlib.sha256(upload.data).hexdigest()
        metadata = receipt_metadata(
            key, object_key=upload.key, received_at=upload.received_at, sha256=digest
        )
        store.put_bytes(bucket, upload.key, upload.data, metadata=metadata)
        written += 1
    return written


def _common_prefix(uploads: list[Upload]) -> str:
    if not uploads:
        return ""
    parts = uploads[0].key.split("/")
    return "/".join(parts[:2]) + "/"


def _is_older(upload: Upload, uploads: list[Upload]) -> bool:
    """Return whether a later upload replaces this one (its first, faulty version)."""
    return any(u.key == upload.key and u.received_at > upload.received_at for u in uploads)
