"""Object storage against a real SeaweedFS server."""

from __future__ import annotations

import hashlib
import logging
import os
import tracemalloc
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from pydantic import SecretStr

from models.settings import Settings
from tasks.storage import (
    BucketNotFoundError,
    ObjectNotFoundError,
    ObjectStore,
    StorageAuthError,
    StorageUnavailableError,
)


def test_put_get_stat_round_trip(store: ObjectStore, bucket: str) -> None:
    data = "Báo cáo kết quả thi đua năm 2023".encode()
    stored = store.put_bytes(bucket, "cds-2022-2025/2023/SO-YT/bao-cao.xlsx", data)
    assert stored.sha256 == hashlib.sha256(data).hexdigest()
    assert store.get_bytes(bucket, "cds-2022-2025/2023/SO-YT/bao-cao.xlsx") == data
    info = store.stat(bucket, "cds-2022-2025/2023/SO-YT/bao-cao.xlsx")
    assert info.size == len(data)
    assert info.etag == stored.etag.strip('"')
    assert info.version_id == stored.version_id
    assert store.sha256(bucket, "cds-2022-2025/2023/SO-YT/bao-cao.xlsx") == (
        stored.sha256,
        len(data),
    )


def test_listing_crosses_pages(store: ObjectStore, bucket: str) -> None:
    keys = {f"cds/2023/unit-{i:05d}/report.xlsx" for i in range(2500)}
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(16) as pool:
        list(pool.map(lambda key: store.put_bytes(bucket, key, key.encode()), keys))
    store.put_bytes(bucket, "other/outside.txt", b"x")
    listed = [item.key for item in store.list(bucket, "cds/2023/")]
    assert len(listed) == 2500  # more than one page of 1,000
    assert set(listed) == keys
    assert listed == sorted(listed)


def test_large_object_is_streamed_not_held(store: ObjectStore, bucket: str, tmp_path: Path) -> None:
    source = tmp_path / "big.bin"
    digest = hashlib.sha256()
    with source.open("wb") as handle:
        for _ in range(50):
            block = os.urandom(1024 * 1024)
            digest.update(block)
            handle.write(block)
    tracemalloc.start()
    stored = store.put_file(bucket, "big/big.bin", source)
    _, upload_peak = tracemalloc.get_traced_memory()
    tracemalloc.reset_peak()
    sha, size = store.download(bucket, "big/big.bin", tmp_path / "copy.bin")
    _, download_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert stored.sha256 == digest.hexdigest() == sha
    assert size == stored.size == 50 * 1024 * 1024
    assert (tmp_path / "copy.bin").stat().st_size == size
    # Two 8 MiB multipart parts in flight (plus copies) at most, never the 50 MiB whole.
    assert upload_peak < 36 * 1024 * 1024
    assert download_peak < 8 * 1024 * 1024


def test_versions_are_listed_after_overwrite(store: ObjectStore, bucket: str) -> None:
    first = store.put_bytes(bucket, "cds/2023/SO-YT/bc.xlsx", b"first")
    second = store.put_bytes(bucket, "cds/2023/SO-YT/bc.xlsx", b"second upload")
    versions = list(store.list_versions(bucket, "cds/2023/"))
    assert {v.version_id for v in versions} == {first.version_id, second.version_id}
    latest = [v for v in versions if v.is_latest]
    assert [v.version_id for v in latest] == [second.version_id]
    old = store.get_bytes(bucket, "cds/2023/SO-YT/bc.xlsx", version_id=first.version_id)
    assert old == b"first"
    assert store.get_bytes(bucket, "cds/2023/SO-YT/bc.xlsx") == b"second upload"


def test_copy_keeps_the_source(store: ObjectStore, bucket: str) -> None:
    first = store.put_bytes(bucket, "inbox/a.xlsx", b"v1")
    store.put_bytes(bucket, "inbox/a.xlsx", b"v2")
    store.copy(bucket, "inbox/a.xlsx", bucket, "archive/sha", version_id=first.version_id)
    assert store.get_bytes(bucket, "archive/sha") == b"v1"
    assert store.get_bytes(bucket, "inbox/a.xlsx") == b"v2"


def test_wrong_secret_key_is_a_clear_error(s3_settings: Settings, bucket: str) -> None:
    wrong = ObjectStore(s3_settings.model_copy(update={"s3_secret_key": SecretStr("not-the-key")}))
    with pytest.raises(StorageAuthError, match="từ chối khóa truy cập"):
        list(wrong.list(bucket))
    with pytest.raises(StorageAuthError):
        wrong.put_bytes(bucket, "x", b"x")


def test_anonymous_request_is_refused(s3_settings: Settings, bucket: str) -> None:
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"{s3_settings.s3_url}/{bucket}/", timeout=5)
    assert refused.value.code == 403


def test_missing_bucket_and_object_are_clear_errors(store: ObjectStore, bucket: str) -> None:
    with pytest.raises(BucketNotFoundError, match="Không có bucket 'no-such-bucket'"):
        store.put_bytes("no-such-bucket", "x", b"x")
    with pytest.raises(BucketNotFoundError):
        store.stat("no-such-bucket", "x")
    with pytest.raises(BucketNotFoundError):
        list(store.list("no-such-bucket"))
    with pytest.raises(ObjectNotFoundError, match="Không tìm thấy"):
        store.stat(bucket, "missing.xlsx")
    with pytest.raises(ObjectNotFoundError):
        store.get_bytes(bucket, "missing.xlsx")
    assert store.exists(bucket, "missing.xlsx") is False


def test_ensure_buckets_is_idempotent(store: ObjectStore) -> None:
    names = ["idem-a-" + os.urandom(3).hex(), "idem-b-" + os.urandom(3).hex()]
    assert store.ensure_buckets(names) == {names[0]: True, names[1]: True}
    assert store.ensure_buckets(names) == {names[0]: True, names[1]: True}
    assert all(store.bucket_exists(name) for name in names)


def test_unreachable_server_fails_after_bounded_retries(
    s3_settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    import socket

    with socket.socket() as sock:  # a port that was just free and is now closed again
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    down = ObjectStore(
        s3_settings.model_copy(
            update={
                "s3_endpoint": f"127.0.0.1:{port}",
                "s3_max_attempts": 3,
                "s3_backoff_seconds": 0.01,
                "s3_timeout_seconds": 1.0,
            }
        )
    )
    with (
        caplog.at_level(logging.WARNING, logger="tasks.storage"),
        pytest.raises(StorageUnavailableError, match="Không kết nối được máy chủ lưu trữ"),
    ):
        down.put_bytes("thidua-inbox", "x", b"x")
    assert len([r for r in caplog.records if "transient" in r.getMessage()]) == 2
