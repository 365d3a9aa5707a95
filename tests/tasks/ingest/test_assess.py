"""The one assessment of an upload: content, place and time give every finding, never a crash."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models.campaign import Campaign, load_campaign, shipped_campaign_path
from tasks.ingest.assess import Upload, assess, has_macros, status_of
from tasks.validation.report import UnitContext
from tests.factories import NOMINATIONS, build_workbook, info_rows

SO_YT = UnitContext("SO-YT", "Sở Y tế", "so_nganh", "tinh", date(2022, 1, 1))


@pytest.fixture(scope="module")
def campaign() -> Campaign:
    return load_campaign(shipped_campaign_path("cds-2022-2025"))[0]


def _good(**kwargs: object) -> bytes:
    return build_workbook(unit="SO-YT", year=2023, info=info_rows("SO-YT", 2023), **kwargs)  # type: ignore[arg-type]


def _upload(data: bytes | None, **kwargs: object) -> Upload:
    values: dict[str, object] = {
        "file_name": "bao-cao.xlsx",
        "size": len(data or b""),
        "unit_folder": "SO-YT",
        "folder_name": "SO-YT",
    }
    values.update(kwargs)
    return Upload(data=data, **values)  # type: ignore[arg-type]


def _codes(campaign: Campaign, upload: Upload) -> list[str]:
    return [f.code for f in assess(upload, campaign=campaign, year=2023, unit=SO_YT).findings]


def test_a_good_report_in_place_and_on_time_has_no_error(campaign: Campaign) -> None:
    on_time = campaign.deadline_for(2023) - timedelta(days=1)
    result = assess(_upload(_good(), uploaded_at=on_time), campaign=campaign, year=2023, unit=SO_YT)
    assert result.ok, [f.line() for f in result.findings]
    assert status_of(result) == "valid"


def test_a_file_one_folder_deeper_is_named_and_not_counted(campaign: Campaign) -> None:
    result = assess(
        _upload(_good(), subfolder="ban-cuoi"), campaign=campaign, year=2023, unit=SO_YT
    )
    (stray,) = [f for f in result.findings if f.code == "STRAY_SUBFOLDER"]
    assert "ban-cuoi/" in stray.message
    assert "SO-YT/" in stray.message
    assert status_of(result) == "invalid"


@pytest.mark.parametrize("folder", ["so-yt", "SO-YT ", " SO-YT", "So-Yt", "SO-YT\u00a0"])
def test_a_folder_not_written_as_the_code_is_refused_with_the_right_code(
    campaign: Campaign, folder: str
) -> None:
    result = assess(_upload(_good(), folder_name=folder), campaign=campaign, year=2023, unit=SO_YT)
    (malformed,) = [f for f in result.findings if f.code == "MALFORMED_UNIT_FOLDER"]
    assert f"«{folder}»" in malformed.message
    assert "SO-YT/" in malformed.message
    assert not result.ok


def _with_vba(data: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as target:
        for entry in source.infolist():
            target.writestr(entry, source.read(entry.filename))
        target.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 macro")
    return output.getvalue()


def test_a_macro_workbook_is_refused_and_still_checked(campaign: Campaign) -> None:
    data = _with_vba(_good())
    assert has_macros(data)
    assert not has_macros(_good())
    result = assess(
        _upload(data, file_name="bao-cao.xlsm"), campaign=campaign, year=2023, unit=SO_YT
    )
    assert [f.code for f in result.findings if f.severity == "error"] == ["MACRO_WORKBOOK"]
    assert status_of(result) == "invalid"
    legacy = b"\xd0\xcf\x11\xe0" + b"\x00" * 64 + "_VBA_PROJECT_CUR".encode("utf-16-le")
    assert has_macros(legacy)


def test_late_receipt_several_workbooks_and_size_come_from_the_same_function(
    campaign: Campaign,
) -> None:
    late = campaign.deadline_for(2023) + timedelta(minutes=5)
    upload = _upload(
        _good(), uploaded_at=late, receipt_problem="chữ ký không khớp", workbooks_in_folder=3
    )
    codes = _codes(campaign, upload)
    assert {"LATE_UPLOAD", "RECEIPT_INVALID", "SEVERAL_WORKBOOKS"} <= set(codes)
    too_large = assess(
        _upload(None, size=30 * 1024 * 1024), campaign=campaign, year=2023, unit=SO_YT
    )
    assert [f.code for f in too_large.findings] == ["FILE_TOO_LARGE"]
    assert "30 MB" in too_large.findings[0].message
    assert status_of(too_large) == "unreadable"


def test_an_indicator_code_with_spaces_is_a_located_finding(campaign: Campaign) -> None:
    result = assess(
        _upload(_good(values={"KHAC ung dung": (3, 2)})), campaign=campaign, year=2023, unit=SO_YT
    )
    (invalid,) = [f for f in result.findings if f.code == "INVALID_CODE"]
    assert (invalid.sheet, invalid.column) == ("ChiTieu", "ma_chi_tieu")
    assert invalid.row
    assert "KHAC_UNG_DUNG" in invalid.message


def test_control_characters_in_a_name_are_removed_with_a_warning(campaign: Campaign) -> None:
    rows = [list(row) for row in NOMINATIONS]
    rows[0][2] = "Phòng Công_x0007_ nghệ thông tin"
    result = assess(_upload(_good(nominations=rows)), campaign=campaign, year=2023, unit=SO_YT)
    assert result.nominations[0].ten == "Phòng Công nghệ thông tin"
    (warning,) = [f for f in result.findings if f.code == "CONTROL_CHARACTERS"]
    assert (warning.sheet, warning.row, warning.column) == ("DeNghi", 2, "ten")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(noise=st.binary(max_size=4096), name=st.text(max_size=80), folder=st.text(max_size=20))
def test_no_bytes_name_or_folder_make_the_assessment_raise(
    campaign: Campaign, noise: bytes, name: str, folder: str
) -> None:
    for data in (noise, b"PK\x03\x04" + noise, _good()[: len(noise)]):
        result = assess(
            _upload(data, file_name=name, folder_name=folder or "SO-YT"),
            campaign=campaign,
            year=2023,
            unit=SO_YT,
        )
        assert status_of(result) in {"valid", "invalid", "unreadable"}
        assert all(f.message for f in result.findings)


def test_uploaded_at_is_compared_in_absolute_time(campaign: Campaign) -> None:
    deadline = campaign.deadline_for(2023)
    same_instant = deadline.astimezone(UTC)
    assert "LATE_UPLOAD" not in _codes(campaign, _upload(_good(), uploaded_at=same_instant))
    just_after = (deadline + timedelta(seconds=1)).astimezone(UTC)
    assert "LATE_UPLOAD" in _codes(campaign, _upload(_good(), uploaded_at=just_after))
    assert datetime.now(UTC) > deadline
