"""A version listing read the lean way: one pass over each page's XML, no search per field.

The SDK's listing looks every field of every entry up by a namespaced path (about 0.1 ms an
entry); a year's inbox of a country is listed on every collect run, so the pages are read here
in one pass, giving what the SDK's parse gives (tests/tasks/test_storage_listing.py compares).
The request itself is the SDK's own (signed, retried by the caller), through the same private
call tasks/storage.py's conditional PUT uses.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote_plus

from minio.time import from_iso8601utc

from tasks.storage_objects import ObjectInfo

Page = tuple[list[ObjectInfo], bool, str | None, str | None]


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _entry(element: ET.Element, bucket: str, url: bool, deleted: bool) -> ObjectInfo:
    fields = {_local(child.tag): child.text or "" for child in element}
    key = fields.get("Key", "")
    stamp = fields.get("LastModified")
    return ObjectInfo(
        bucket=bucket,
        key=unquote_plus(key) if url else key,
        size=int(fields.get("Size") or 0),
        etag=fields.get("ETag", "").replace('"', ""),
        last_modified=None if stamp is None else from_iso8601utc(stamp),
        version_id=fields.get("VersionId"),
        is_latest=fields.get("IsLatest", "").lower() == "true",
        is_delete_marker=deleted,
    )


def parse_versions(data: bytes, bucket: str) -> Page:
    """Return a ListObjectVersions page's entries (the SDK's order), and where the next starts."""
    root = ET.fromstring(data)
    entries: list[ET.Element] = []
    markers: list[ET.Element] = []
    url, truncated = False, False
    key_marker: str | None = None
    version_marker: str | None = None
    for child in root:
        tag = _local(child.tag)
        if tag in ("Contents", "Version"):
            entries.append(child)
        elif tag == "DeleteMarker":
            markers.append(child)
        elif tag == "EncodingType":
            url = child.text == "url"
        elif tag == "IsTruncated":
            truncated = (child.text or "").lower() == "true"
        elif tag == "NextKeyMarker":
            key_marker = child.text or ""
        elif tag == "NextVersionIdMarker":
            version_marker = child.text or ""
    if key_marker and url:
        key_marker = unquote_plus(key_marker)
    items = [_entry(item, bucket, url, False) for item in entries]
    items += [_entry(item, bucket, url, True) for item in markers]
    return items, truncated, key_marker, version_marker


def list_versions_pages(client: Any, bucket: str, prefix: str) -> Iterator[ObjectInfo]:
    """Yield every version and delete marker under prefix, page after page."""
    key_marker: str | None = None
    version_marker: str | None = None
    while True:
        # As the SDK asks: empty delimiter and 1000 keys, for bucket policies to evaluate.
        query = {
            "versions": "",
            "delimiter": "",
            "encoding-type": "url",
            "max-keys": "1000",
            "prefix": prefix,
        }
        if key_marker:
            query["key-marker"] = key_marker
        if version_marker:
            query["version-id-marker"] = version_marker
        response = client._execute("GET", bucket, query_params=query)  # noqa: SLF001
        items, truncated, key_marker, version_marker = parse_versions(response.data, bucket)
        yield from items
        if not truncated:
            return
