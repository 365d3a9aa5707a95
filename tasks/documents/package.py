"""Write a python-docx package straight into the stable zip (one deflate per part, not three).

python-docx's save deflates every part, and the stable zip then inflated and deflated them again
with fixed dates. Writing the parts once, in the order python-docx writes them, with the stable
zip's entry settings, gives the very same bytes.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from docx.opc.package import OpcPackage
from docx.opc.pkgwriter import PackageWriter

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
CONTENT_TYPES = "[Content_Types].xml"


class _StableWriter:
    """The physical writer PackageWriter writes to: entries with fixed dates and attributes."""

    def __init__(self) -> None:
        self.output = io.BytesIO()
        self.zip = zipfile.ZipFile(self.output, "w", zipfile.ZIP_DEFLATED)
        self.names: list[str] = []

    def write(self, pack_uri: Any, blob: bytes) -> None:
        name = pack_uri.membername
        if name in self.names:  # zipfile would write a duplicate; stable_zip kept one
            raise ValueError(f"Tên tệp trùng trong gói DOCX: {name}")
        if self.names == [] and name != CONTENT_TYPES:
            raise ValueError("Gói DOCX phải bắt đầu bằng [Content_Types].xml")
        self.names.append(name)
        info = zipfile.ZipInfo(name, date_time=ZIP_EPOCH)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        self.zip.writestr(info, blob)

    def close(self) -> bytes:
        self.zip.close()
        return self.output.getvalue()


def package_bytes(package: OpcPackage) -> bytes:
    """Return the package saved as python-docx saves it, written as a stable zip."""
    parts = package.parts
    for part in parts:
        part.before_marshal()
    writer = _StableWriter()
    PackageWriter._write_content_types_stream(writer, parts)  # noqa: SLF001
    PackageWriter._write_pkg_rels(writer, package.rels)  # noqa: SLF001
    PackageWriter._write_parts(writer, parts)  # type: ignore[arg-type]  # noqa: SLF001
    return writer.close()
