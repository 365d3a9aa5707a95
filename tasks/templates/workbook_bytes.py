"""A workbook's bytes, the same for the same content: fixed times, fixed zip dates."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime

from openpyxl import Workbook

from tasks.workbook.text_cells import keep_text_as_text

FIXED_TIME = datetime(2022, 10, 10, 8, 0, 0)  # Plan 635's date: bytes stay the same run to run


def save_workbook(workbook: Workbook) -> bytes:
    """Return the workbook's bytes, identical for identical content (fixed times, zip dates)."""
    if not workbook.write_only:
        keep_text_as_text(workbook)  # names and notes from people stay text, never formulas
    workbook.properties.created = FIXED_TIME
    workbook.properties.modified = FIXED_TIME
    workbook.properties.lastModifiedBy = "thidua"
    buffer = io.BytesIO()
    workbook.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    entries = []
    for entry in source.infolist():
        content = source.read(entry.filename)
        if entry.filename == "docProps/core.xml":
            # openpyxl stamps the save time into dcterms:modified; pin it.
            content = _pin_modified(content)
        entries.append((entry.filename, content))
    return fixed_zip(entries)


def fixed_zip(entries: list[tuple[str, bytes]]) -> bytes:
    """Return the parts zipped as save_workbook zips them: in order, deflated, fixed dates."""
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in entries:
            fixed = zipfile.ZipInfo(name, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, content)
    return output.getvalue()


def _pin_modified(core: bytes) -> bytes:
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    return re.sub(
        rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", rb"\g<1>" + stamp + rb"\g<2>", core
    )
