"""The dossier bundle: one merged DOCX (docxcompose), the manifest, a ZIP, stored and recorded."""

from __future__ import annotations

import hashlib
import io
import json
import re
import unicodedata
import zipfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from docx import Document
from docx.document import Document as DocumentObject
from docx.oxml.ns import qn
from sqlmodel import Session, select

from models.tables import GeneratedDocument
from tasks.documents import ooxml
from tasks.documents.compose import CachedStylesComposer as Composer
from tasks.documents.render import ZIP_EPOCH, Properties, save_stable
from tasks.storage import ObjectNotFoundError, ObjectStore

UPLOAD_THREADS = 8
MERGE_GROUP = 100  # docxcompose slows down past about a hundred documents per merge
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CONTENT_TYPES = {
    ".docx": DOCX_TYPE,
    ".json": "application/json; charset=utf-8",
    ".zip": "application/zip",
}


@dataclass(frozen=True)
class BundleFile:
    """One file of the bundle, as stored."""

    name: str
    kind: str
    data: bytes
    source: str = "generated"  # generated, unit_file, merged, manifest, archive
    source_key: str | None = None
    archive_key: str | None = None  # the write-once archived copy of a unit's own file

    @cached_property
    def sha256(self) -> str:
        """Return the SHA-256 of the file's bytes (computed once)."""
        return hashlib.sha256(self.data).hexdigest()


def file_slug(text: str, *, limit: int = 60) -> str:
    """Return text as an ASCII file-name part: no marks, lower case, hyphens."""
    folded = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    ascii_text = folded.encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    return slug[:limit].rstrip("-") or "van-ban"


# --- merging -----------------------------------------------------------------------------------


def _append(composer: Composer, document: DocumentObject) -> None:
    """Append document in a new section that starts a page and numbers its pages from 1."""
    body = composer.doc.element.body
    body_sectpr = body.find(qn("w:sectPr"))
    if body_sectpr is not None:
        body.insert(body.index(body_sectpr), ooxml.section_break(body_sectpr))
    composer.append(document)


def _merge_group(parts: Sequence[bytes]) -> DocumentObject:
    composer = Composer(Document(io.BytesIO(parts[0])))
    for part in parts[1:]:
        _append(composer, Document(io.BytesIO(part)))
    ooxml.stable_numbering_ids(composer.doc.part.numbering_part.element)
    body_sectpr = composer.doc.element.body.find(qn("w:sectPr"))
    if body_sectpr is not None:  # the last document numbers its pages from 1 too
        ooxml.restart_page_numbers(body_sectpr)
    return composer.doc


def merge_documents(
    parts: Sequence[bytes], properties: Properties, *, group: int = MERGE_GROUP
) -> bytes:
    """Return one DOCX of all parts in order, each from a new page, merged in groups."""
    if not parts:
        raise ValueError("Không có văn bản nào để ghép.")
    if len(parts) <= group:
        return save_stable(_merge_group(parts), properties)
    merged = [
        merge_documents(parts[start : start + group], properties, group=group)
        for start in range(0, len(parts), group)
    ]
    return merge_documents(merged, properties, group=group)


# --- manifest and archive ----------------------------------------------------------------------


def manifest_entry(item: BundleFile, key: str) -> dict[str, Any]:
    """Return the manifest's line for one stored file."""
    entry: dict[str, Any] = {
        "name": item.name,
        "kind": item.kind,
        "key": key,
        "sha256": item.sha256,
        "size": len(item.data),
        "source": item.source,
    }
    if item.source_key:
        entry["source_key"] = item.source_key
    if item.archive_key:
        entry["archive_key"] = item.archive_key
    return entry


def manifest_bytes(manifest: dict[str, Any]) -> bytes:
    """Return the manifest as stable, readable JSON."""
    return (json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


def zip_files(files: Sequence[BundleFile]) -> bytes:
    """Return a ZIP of files in their order, with fixed dates: the same files, the same bytes."""
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in files:
            info = zipfile.ZipInfo(item.name, date_time=ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.flag_bits |= 0x800  # names are UTF-8
            archive.writestr(info, item.data)
    return output.getvalue()


# --- storing -----------------------------------------------------------------------------------


def content_type(name: str) -> str:
    """Return the content type stored with a file of that name."""
    for suffix, value in CONTENT_TYPES.items():
        if name.endswith(suffix):
            return value
    return "application/octet-stream"


def one_part_etag(data: bytes) -> str:
    """Return the ETag S3 gives an object stored in one part: the MD5 of its bytes."""
    return hashlib.md5(data, usedforsecurity=False).hexdigest()


def upload(store: ObjectStore, bucket: str, key: str, item: BundleFile) -> None:
    """Store one file, unless the same bytes are already there."""
    try:
        same = store.stat(bucket, key).etag.strip('"') == one_part_etag(item.data)
    except ObjectNotFoundError:
        same = False
    if not same:
        store.put_bytes(bucket, key, item.data, content_type=content_type(item.name))


def upload_all(
    store: ObjectStore,
    bucket: str,
    prefix: str,
    files: dict[str, BundleFile],
    *,
    metadata: dict[str, dict[str, str]] | None = None,
    rewrite: frozenset[str] = frozenset(),
) -> list[str]:
    """Store files (by key) under prefix in one listing and parallel PUTs; remove the stale.

    One LIST of the prefix says which keys already hold the same bytes (their one-part ETag):
    those are not written again (no new version on a rerun), the others are PUT (with their
    metadata, by key), and whatever an earlier build left under prefix that is not in files is
    removed. A key in rewrite is PUT even with the same bytes (its metadata changes). Returns the
    removed keys.
    """
    stored = {info.key: info.etag.strip('"') for info in store.list(bucket, prefix)}
    changed = [
        (key, item)
        for key, item in files.items()
        if key in rewrite or stored.get(key) != one_part_etag(item.data)
    ]
    metadata = metadata or {}
    with ThreadPoolExecutor(max_workers=UPLOAD_THREADS) as pool:
        list(
            pool.map(
                lambda pair: store.put_bytes(
                    bucket,
                    pair[0],
                    pair[1].data,
                    content_type=content_type(pair[1].name),
                    metadata=metadata.get(pair[0]),
                ),
                changed,
            )
        )
    stale = sorted(key for key in stored if key not in files)
    for key in stale:
        store.remove(bucket, key)
    return stale


def record(
    session: Session,
    *,
    campaign: str,
    phase: str | None,
    year: int | None,
    kind: str,
    key: str,
    sha256: str,
    sources: dict[str, Any],
    rules_version: str,
) -> GeneratedDocument:
    """Record a generated file once: the same key and bytes again add no row."""
    row = session.exec(
        select(GeneratedDocument).where(
            GeneratedDocument.object_key == key, GeneratedDocument.sha256 == sha256
        )
    ).first()
    if row is None:
        row = GeneratedDocument(
            campaign_code=campaign,
            phase_code=phase,
            year=year,
            kind=kind,
            object_key=key,
            sha256=sha256,
            source_hashes=sources,
            rules_version=rules_version[:64],
        )
        session.add(row)
        session.flush()
    return row
