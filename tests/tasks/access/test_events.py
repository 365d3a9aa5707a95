"""Notifications of the S3 servers become the shared inbox event, only for unit folders."""

from __future__ import annotations

from tasks.access.events import from_minio, from_seaweedfs, upload_of

KEY = "cds-2022-2025/2025/SO-YT/bao-cao.xlsx"


def _seaweed(event: str, path: str, *, directory: bool = False) -> dict:
    entry = {"name": path.rsplit("/", 1)[1], "is_directory": directory}
    return {"event_type": event, "key": path, "message": {"new_entry": entry}}


def test_a_new_version_in_a_versioned_inbox_is_one_upload() -> None:
    path = f"/buckets/thidua-inbox/{KEY}.versions/v_6711235"
    upload = from_seaweedfs(_seaweed("create", path), bucket="thidua-inbox")
    assert upload is not None
    assert upload.resource() == {
        "prefect.resource.id": "thidua.inbox.cds-2022-2025.2025",
        "thidua.campaign": "cds-2022-2025",
        "thidua.year": "2025",
        "thidua.unit": "SO-YT",
        "thidua.key": KEY,
    }
    plain = from_seaweedfs(
        _seaweed("create", f"/buckets/thidua-inbox/{KEY}"), bucket="thidua-inbox"
    )
    assert plain == upload


def test_folders_updates_other_buckets_and_stray_keys_are_not_uploads() -> None:
    inbox = "thidua-inbox"
    assert from_seaweedfs(_seaweed("update", f"/buckets/{inbox}/{KEY}"), bucket=inbox) is None
    assert (
        from_seaweedfs(
            _seaweed("create", f"/buckets/{inbox}/a/2025/B", directory=True), bucket=inbox
        )
        is None
    )
    assert from_seaweedfs(_seaweed("create", f"/buckets/thidua-output/{KEY}"), bucket=inbox) is None
    assert (
        from_seaweedfs(_seaweed("create", f"/buckets/{inbox}/.uploads/abc/0001.part"), bucket=inbox)
        is None
    )
    assert upload_of("cds-2022-2025/2025/readme.txt") is None
    assert upload_of("cds-2022-2025/nam/SO-YT/x.xlsx") is None
    assert upload_of("cds-2022-2025/2025/SO-YT/dinh-kem/to-trinh.docx") is not None


def test_a_minio_notification_names_its_objects_url_encoded() -> None:
    payload = {
        "EventName": "s3:ObjectCreated:Put",
        "Records": [
            {
                "eventName": "s3:ObjectCreated:Put",
                "s3": {
                    "bucket": {"name": "thidua-inbox"},
                    "object": {"key": "cds-2022-2025%2F2025%2FSO-YT%2Fb%C3%A1o+c%C3%A1o.xlsx"},
                },
            },
            {
                "eventName": "s3:ObjectRemoved:Delete",
                "s3": {"bucket": {"name": "thidua-inbox"}, "object": {"key": "x%2F2025%2FA%2Fb"}},
            },
        ],
    }
    (upload,) = from_minio(payload, bucket="thidua-inbox")
    assert upload.key == "cds-2022-2025/2025/SO-YT/báo cáo.xlsx"
    assert upload.year == 2025
