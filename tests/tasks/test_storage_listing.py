"""The lean version listing gives what the SDK's listing gives, on a real SeaweedFS server."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from hypothesis import given
from hypothesis import strategies as st

from tasks.storage import ObjectStore
from tasks.storage_listing import list_versions_pages, parse_versions
from tasks.storage_objects import info_of

NS = "http://s3.amazonaws.com/doc/2006-03-01/"
ODD_KEYS = (
    "cds/2024/SO-YT/Báo cáo năm 2024 (bản cuối).xlsx",
    "cds/2024/SO-YT/a+b=c&d%20e.xlsx",
    "cds/2024/SO YT /  hai  khoảng .xlsx",
    "cds/2024/SO-YT/dinh-kem/😀 <x> 'y' \"z\".pdf",
    "cds/2024/SO-YT/~!@#$^*()_[]{};,.xlsx",
)


def sdk_listing(store: ObjectStore, bucket: str, prefix: str) -> list[object]:
    items = store.client.list_objects(bucket, prefix=prefix, recursive=True, include_version=True)
    return [info_of(bucket, item) for item in items]


def test_the_lean_listing_is_the_sdks_across_pages(store: ObjectStore, bucket: str) -> None:
    keys = [f"cds/2024/X-{i:05d}/bao-cao.xlsx" for i in range(1100)]
    with ThreadPoolExecutor(16) as pool:
        list(pool.map(lambda key: store.put_bytes(bucket, key, key.encode()), keys))
    for key in ODD_KEYS:
        store.put_bytes(bucket, key, b"first")
        store.put_bytes(bucket, key, b"second")  # two versions of each
    store.client.remove_object(bucket, ODD_KEYS[0])  # a delete marker
    store.put_bytes(bucket, "khac/2024/x.xlsx", b"outside the prefix")
    lean = list(list_versions_pages(store.client, bucket, "cds/2024/"))
    assert lean == sdk_listing(store, bucket, "cds/2024/")
    assert len(lean) == 1100 + 2 * len(ODD_KEYS) + 1  # more than one page of 1,000
    assert sum(item.is_delete_marker for item in lean) == 1
    assert {item.key for item in lean} >= set(ODD_KEYS)
    assert list(store.list_versions(bucket, "cds/2024/")) == lean


def _page(entries: str, tail: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><ListVersionsResult xmlns="{NS}">'
        f"<Name>b</Name><EncodingType>url</EncodingType>{tail}{entries}</ListVersionsResult>"
    ).encode()


@given(
    key=st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=40),
    latest=st.sampled_from(["true", "false", "TRUE", ""]),
    stamp=st.sampled_from(["2024-12-14T16:59:59.123Z", "2024-12-14T16:59:59Z"]),
)
def test_a_page_reads_as_the_sdk_reads_it(key: str, latest: str, stamp: str) -> None:
    from urllib.parse import quote_plus
    from xml.sax.saxutils import escape

    from minio.datatypes import parse_list_objects

    entry = (
        f"<Version><Key>{escape(quote_plus(key))}</Key><VersionId>v1</VersionId>"
        f"<IsLatest>{latest}</IsLatest><LastModified>{stamp}</LastModified>"
        f"<ETag>&quot;abc&quot;</ETag><Size>12</Size></Version>"
        f"<DeleteMarker><Key>{escape(quote_plus(key))}</Key><VersionId></VersionId>"
        f"<LastModified>{stamp}</LastModified></DeleteMarker>"
    )
    tail = (
        f"<IsTruncated>true</IsTruncated><NextKeyMarker>{escape(quote_plus(key))}</NextKeyMarker>"
    )
    data = _page(entry, tail + "<NextVersionIdMarker>v1</NextVersionIdMarker>")

    class Response:
        pass

    response = Response()
    response.data = data  # type: ignore[attr-defined]
    objects, truncated, marker, version = parse_list_objects(response)  # type: ignore[arg-type]
    items, lean_truncated, lean_marker, lean_version = parse_versions(data, "b")
    assert items == [info_of("b", item) for item in objects]
    assert (lean_truncated, lean_marker, lean_version) == (truncated, marker, version)
