"""The local S3 server enforces who may touch which object: units, the service account, links."""

from __future__ import annotations

import io
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pydantic import SecretStr

from deploy.local_stack import LocalStack
from models.settings import Settings
from tasks.access.keys import KeyId, UnitKey, grant, keys_file, revoke
from tasks.access.links import issue_link
from tasks.storage import ObjectExistsError, ObjectStore, StorageAuthError
from tests.conftest import stack_settings

CAMPAIGN = "cds-2022-2025"
OTHER = "vbdt-cb-2024-2026"  # reads the Cao Bằng registry, which has its own SO-YT
BAC_KAN = {"registry": "bac-kan", "campaigns": [CAMPAIGN]}
Stack = tuple[Settings, dict[KeyId, UnitKey]]
Stores = tuple[Settings, ObjectStore, ObjectStore, ObjectStore]


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """A SeaweedFS with distinct root, service and unit keys, as `thidua stack up` writes them."""
    root = tmp_path_factory.mktemp("access")
    settings = stack_settings(
        root / "var",
        s3_access_key="thidua-service",
        s3_secret_key="service-" + uuid.uuid4().hex,
        s3_admin_access_key="thidua-root",
        s3_admin_secret_key="root-" + uuid.uuid4().hex,
    )
    path = keys_file(settings.resolved_var_dir)
    grant(path, ["SO-YT", "SO-NV"], **BAC_KAN)
    keys = grant(path, ["SO-YT"], registry="cao-bang", campaigns=[OTHER])
    local = LocalStack(settings)
    local.up(only=["seaweedfs"])
    try:
        yield settings, keys
    finally:
        local.down(grace_seconds=2)


def _as(settings: Settings, key: UnitKey) -> ObjectStore:
    return ObjectStore(
        settings.model_copy(
            update={"s3_access_key": key.access_key, "s3_secret_key": SecretStr(key.secret_key)}
        )
    )


@pytest.fixture
def stores(stack: Stack) -> Stores:
    """Return the settings and stores of the root key, the service account and SO-YT."""
    settings, keys = stack
    unit = _as(settings, keys[("bac-kan", "SO-YT")])
    return settings, ObjectStore(settings.as_admin()), ObjectStore(settings), unit


def test_a_unit_writes_its_own_folder_only_and_deletes_nothing(stores: Stores) -> None:
    settings, root, _, unit = stores
    inbox = settings.inbox_bucket
    own = f"{CAMPAIGN}/2025/SO-YT/bao-cao.xlsx"
    first = unit.put_bytes(inbox, own, b"v1")
    second = unit.put_bytes(inbox, own, b"v2")  # a re-upload is a new version, not a loss
    assert first.version_id is not None
    assert second.version_id not in {None, first.version_id}
    unit.put_bytes(inbox, f"{CAMPAIGN}/2025/SO-YT/dinh-kem/to-trinh.docx", b"docx")
    for key in (f"{CAMPAIGN}/2025/SO-NV/bao-cao.xlsx", "SO-YT/bao-cao.xlsx", "bao-cao.xlsx"):
        with pytest.raises(StorageAuthError):
            unit.put_bytes(inbox, key, b"forged")
    with pytest.raises(StorageAuthError):
        unit.remove(inbox, own)
    versions = list(root.list_versions(inbox, own))
    assert {v.version_id for v in versions} == {first.version_id, second.version_id}
    assert not any(v.is_delete_marker for v in versions)


def test_the_same_code_in_two_registries_writes_its_own_campaigns_only(stack: Stack) -> None:
    settings, keys = stack
    ours, theirs = keys[("bac-kan", "SO-YT")], keys[("cao-bang", "SO-YT")]
    assert ours.access_key != theirs.access_key
    assert ours.secret_key != theirs.secret_key
    inbox = settings.inbox_bucket
    bac_kan, cao_bang = _as(settings, ours), _as(settings, theirs)
    bac_kan.put_bytes(inbox, f"{CAMPAIGN}/2025/SO-YT/bao-cao.xlsx", b"Bac Kan")
    cao_bang.put_bytes(inbox, f"{OTHER}/2025/SO-YT/bao-cao.xlsx", b"Cao Bang")
    with pytest.raises(StorageAuthError):
        bac_kan.put_bytes(inbox, f"{OTHER}/2025/SO-YT/bao-cao.xlsx", b"forged")
    with pytest.raises(StorageAuthError):
        cao_bang.put_bytes(inbox, f"{CAMPAIGN}/2025/SO-YT/bao-cao.xlsx", b"forged")
    with pytest.raises(StorageAuthError):
        list(cao_bang.list(inbox, f"{CAMPAIGN}/2025/SO-YT/"))
    assert [o.key for o in cao_bang.list(inbox, f"{OTHER}/2025/SO-YT/")] == [
        f"{OTHER}/2025/SO-YT/bao-cao.xlsx"
    ]
    root = ObjectStore(settings.as_admin())
    feedback = f"phan-hoi/{CAMPAIGN}/2025/SO-YT/bao-cao.json"
    root.put_bytes(settings.output_bucket, feedback, b"{}")
    assert bac_kan.get_bytes(settings.output_bucket, feedback) == b"{}"
    with pytest.raises(StorageAuthError):
        cao_bang.get_bytes(settings.output_bucket, feedback)
    assert root.get_bytes(inbox, f"{CAMPAIGN}/2025/SO-YT/bao-cao.xlsx") == b"Bac Kan"
    assert root.get_bytes(inbox, f"{OTHER}/2025/SO-YT/bao-cao.xlsx") == b"Cao Bang"


def test_a_unit_uploads_a_large_file_in_parts(stores: Stores) -> None:
    settings, root, _, unit = stores
    key = f"{CAMPAIGN}/2025/SO-YT/dinh-kem/bao-cao-thanh-tich.pdf"
    data = b"%PDF" + bytes(11 * 1024 * 1024)
    unit.client.put_object(
        settings.inbox_bucket, key, io.BytesIO(data), len(data), part_size=5 * 1024 * 1024
    )
    assert root.sha256(settings.inbox_bucket, key)[1] == len(data)


def test_a_unit_lists_its_own_folder_only(stores: Stores) -> None:
    settings, root, _, unit = stores
    inbox = settings.inbox_bucket
    root.put_bytes(inbox, f"{CAMPAIGN}/2025/SO-NV/bao-cao.xlsx", b"other")
    unit.put_bytes(inbox, f"{CAMPAIGN}/2025/SO-YT/list.xlsx", b"mine")
    mine = [o.key for o in unit.list(inbox, f"{CAMPAIGN}/2025/SO-YT/")]
    assert f"{CAMPAIGN}/2025/SO-YT/list.xlsx" in mine
    for prefix in (f"{CAMPAIGN}/2025/SO-NV/", f"{CAMPAIGN}/2025/", ""):
        with pytest.raises(StorageAuthError):
            list(unit.list(inbox, prefix))


def test_a_unit_reads_its_own_feedback_only_and_never_the_archive(stores: Stores) -> None:
    settings, root, _, unit = stores
    output, archive = settings.output_bucket, settings.archive_bucket
    mine = f"phan-hoi/{CAMPAIGN}/2025/SO-YT/bao-cao.json"
    theirs = f"phan-hoi/{CAMPAIGN}/2025/SO-NV/bao-cao.json"
    root.put_bytes(output, mine, b'{"ok": true}')
    root.put_bytes(output, theirs, b'{"ok": false}')
    root.put_bytes(archive, "sha256/ab/abcd", b"evidence")
    assert unit.get_bytes(output, mine) == b'{"ok": true}'
    for bucket, key in ((output, theirs), (archive, "sha256/ab/abcd")):
        with pytest.raises(StorageAuthError):
            unit.get_bytes(bucket, key)
    with pytest.raises(StorageAuthError):
        unit.put_bytes(output, mine, b"forged feedback")
    with pytest.raises(StorageAuthError):
        list(unit.list(archive))


def test_the_service_account_reads_the_inbox_and_cannot_change_it(stores: Stores) -> None:
    settings, root, service, unit = stores
    inbox = settings.inbox_bucket
    key = f"{CAMPAIGN}/2024/SO-YT/bao-cao.xlsx"
    unit.put_bytes(inbox, key, b"report")
    assert service.get_bytes(inbox, key) == b"report"
    with pytest.raises(StorageAuthError):
        service.remove(inbox, key)
    with pytest.raises(StorageAuthError):
        service.put_bytes(inbox, key, b"rewritten")
    with pytest.raises(StorageAuthError):
        service.ensure_bucket("thidua-other")
    # A deletion (here by the root key) stays visible to the service account as a marker.
    root.remove(inbox, key)
    versions = list(service.list_versions(inbox, key))
    assert [v.is_delete_marker for v in versions].count(True) == 1
    assert [v.is_delete_marker for v in versions].count(False) == 1


def test_the_portal_puts_units_uploads_and_reads_feedback_only(stores: Stores) -> None:
    settings, root, service, unit = stores
    portal = ObjectStore(settings.as_portal())
    inbox, output = settings.inbox_bucket, settings.output_bucket
    key = f"{CAMPAIGN}/2024/SO-NV/bao-cao.xlsx"
    portal.put_bytes(inbox, key, b"report of SO-NV")  # the portal binds accounts to units
    with pytest.raises(StorageAuthError):
        portal.get_bytes(inbox, key)
    with pytest.raises(StorageAuthError):
        portal.remove(inbox, key)
    feedback = f"phan-hoi/{CAMPAIGN}/2024/SO-NV/bao-cao.xlsx"
    service.put_bytes(output, feedback, b"feedback")
    assert portal.get_bytes(output, feedback) == b"feedback"
    service.put_bytes(output, "ho-so/dossier.zip", b"dossier")
    with pytest.raises(StorageAuthError):
        portal.get_bytes(output, "ho-so/dossier.zip")
    with pytest.raises(StorageAuthError):
        portal.put_bytes(settings.archive_bucket, "sha256/aa/aa", b"x")


def test_the_archive_is_write_once_for_the_service_account(stores: Stores) -> None:
    settings, _, service, _ = stores
    archive = settings.archive_bucket
    key = f"sha256/{uuid.uuid4().hex[:2]}/{uuid.uuid4().hex}"
    service.put_bytes(archive, key, b"original", if_absent=True)
    with pytest.raises(ObjectExistsError):
        service.put_bytes(archive, key, b"changed", if_absent=True)
    with pytest.raises(StorageAuthError):
        service.remove(archive, key)
    assert service.get_bytes(archive, key) == b"original"
    service.put_bytes(settings.output_bucket, "tong-hop/x.json", b"{}")  # output is writable


def test_a_link_lasts_hours_and_an_expired_one_is_refused(stores: Stores) -> None:
    settings, root, service, _ = stores
    key = f"ho-so/{CAMPAIGN}/so-ket-2023/ho-so.zip"
    root.put_bytes(settings.output_bucket, key, b"zip bytes")
    link = issue_link(settings, key)
    assert f"X-Amz-Expires={settings.link_hours * 3600}" in link.url
    assert link.expires_at - datetime.now(UTC) <= timedelta(hours=settings.link_hours)
    with urllib.request.urlopen(link.url, timeout=10) as response:  # noqa: S310 (loopback)
        assert response.read() == b"zip bytes"
    # The same link signed a lifetime ago: the server refuses it.
    lifetime = timedelta(hours=settings.link_hours)
    expired = service.client.presigned_get_object(
        settings.output_bucket,
        key,
        expires=lifetime,
        request_date=datetime.now(UTC) - lifetime - timedelta(seconds=5),
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(expired, timeout=10)  # noqa: S310
    assert refused.value.code == 403


def test_a_key_granted_later_works_and_a_revoked_one_stops_after_a_reload(
    stack: Stack,
) -> None:
    settings, _ = stack
    keys = grant(keys_file(settings.resolved_var_dir), ["UBND-XA-A"], **BAC_KAN)
    assert LocalStack(settings).reload_identities()
    unit = _as(settings, keys[("bac-kan", "UBND-XA-A")])
    key = f"{CAMPAIGN}/2025/UBND-XA-A/bao-cao.xlsx"
    deadline = datetime.now(UTC) + timedelta(seconds=20)
    while True:  # SIGHUP reloads the identities file in the background
        try:
            unit.put_bytes(settings.inbox_bucket, key, b"new unit")
            break
        except StorageAuthError:
            if datetime.now(UTC) > deadline:
                raise
    with pytest.raises(StorageAuthError):
        unit.put_bytes(settings.inbox_bucket, f"{CAMPAIGN}/2025/SO-YT/x.xlsx", b"x")

    # Revoked: the same key is refused once the server has restarted (SIGHUP keeps it).
    assert [
        k.unit
        for k in revoke(keys_file(settings.resolved_var_dir), ["ubnd-xa-a"], registry="bac-kan")
    ] == ["UBND-XA-A"]
    assert LocalStack(settings).reload_identities(removed=True)
    with pytest.raises(StorageAuthError):
        unit.put_bytes(settings.inbox_bucket, key, b"after revoke")
    root = ObjectStore(settings.as_admin())
    assert root.get_bytes(settings.inbox_bucket, key) == b"new unit"  # data survives the restart


def test_the_keys_file_is_private(stack: Stack) -> None:
    settings, _ = stack
    path: Path = keys_file(settings.resolved_var_dir)
    assert path.stat().st_mode & 0o077 == 0
    identities = settings.resolved_var_dir / "seaweedfs" / "s3-identities.json"
    assert identities.stat().st_mode & 0o077 == 0
