"""A dossier stored by an earlier build from the same inputs, taken as it is instead of rendered.

Every build stores its ZIP (all of the dossier's files) with the build's fingerprint in the
object's metadata: the SHA-256 of what the files are made from (the dossier's data as the
manifest records it, every document's context and properties, the templates' bytes, the code of
tasks/documents and the versions of the libraries that render and merge). A rebuild with the same
fingerprint reads the ZIP back and checks it against the manifest inside it and against what the
bucket holds (each file's ETag, the MD5 of its bytes): when all agree, the stored files are the
ones rendering would give again, byte for byte, and nothing is rendered, merged or written.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from tasks.canonical import canonical_hash
from tasks.documents.bundle import BundleFile, one_part_etag
from tasks.documents.render import RenderJob
from tasks.source_digest import source_digest
from tasks.storage import ObjectNotFoundError, ObjectStore

BUILD_METADATA = "thidua-build"  # stored as x-amz-meta-thidua-build on the dossier's ZIP
LIBRARIES = ("docxtpl", "python-docx", "docxcompose", "lxml", "jinja2")


@lru_cache(maxsize=1)
def code_digest() -> str:
    """Return the SHA-256 of the code that makes documents and of the libraries' versions."""
    return source_digest(["tasks/documents"], LIBRARIES)


@lru_cache(maxsize=64)
def _file_digest(path: str, mtime_ns: int, size: int) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def template_digest(path: Path) -> str:
    """Return the SHA-256 of a template's bytes (read again when the file changes)."""
    stat = path.stat()
    return _file_digest(str(path), stat.st_mtime_ns, stat.st_size)


def fingerprint(
    info: dict[str, Any], jobs: dict[str, RenderJob], shared: Sequence[str], code_version: str
) -> str:
    """Return the build's fingerprint: info (with its data hash), each job's template and
    properties by file name, the files' order, the code version and the code's digest."""
    return canonical_hash(
        {
            "info": info,
            "files": list(shared),
            "jobs": {
                name: {
                    "template": template_digest(job.template),
                    "template_name": job.template.name,
                    "properties": vars(job.properties),
                }
                for name, job in jobs.items()
            },
            "code_version": code_version,
            "code": code_digest(),
        }
    )


def stored_files(
    store: ObjectStore, bucket: str, prefix: str, zip_name: str, build: str
) -> tuple[tuple[list[BundleFile], dict[str, Any]] | None, str | None]:
    """Return the stored dossier's files (the ZIP last) and its manifest when an earlier build
    with this fingerprint stored them and the bucket still holds exactly them (else None), and
    the fingerprint the stored ZIP carries (None: no ZIP, or none)."""
    try:
        data, metadata = store.get_with_metadata(bucket, prefix + zip_name)
    except ObjectNotFoundError:
        return None, None
    seen = metadata.get(BUILD_METADATA)
    if seen != build:
        return None, seen
    return _verified(store, bucket, prefix, zip_name, data), seen


def _verified(
    store: ObjectStore, bucket: str, prefix: str, zip_name: str, data: bytes
) -> tuple[list[BundleFile], dict[str, Any]] | None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        contents = {name: archive.read(name) for name in archive.namelist()}
    if "manifest.json" not in contents:
        return None
    manifest = json.loads(contents["manifest.json"])
    files = []
    for entry in manifest["files"]:
        content = contents.get(entry["name"])
        if content is None or hashlib.sha256(content).hexdigest() != entry["sha256"]:
            return None
        files.append(
            BundleFile(
                entry["name"],
                entry["kind"],
                content,
                entry["source"],
                entry.get("source_key"),
                entry.get("archive_key"),
            )
        )
    files.append(BundleFile("manifest.json", "manifest", contents["manifest.json"], "manifest"))
    if [item.name for item in files] != list(contents):
        return None  # the ZIP holds the manifest's files and the manifest, in that order
    files.append(BundleFile(zip_name, "ho_so_zip", data, "archive"))
    stored = {info.key: info.etag.strip('"') for info in store.list(bucket, prefix)}
    if any(stored.get(prefix + item.name) != one_part_etag(item.data) for item in files):
        return None
    return files, manifest
