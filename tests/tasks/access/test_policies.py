"""The policy documents, SeaweedFS's identities and MinIO's setup plan say what the issue asks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from models.settings import Settings
from tasks.access import minio_setup
from tasks.access.keys import UnitKeyError, grant, load_unit_keys, new_unit_key, revoke
from tasks.access.policies import (
    PORTAL_POLICY_NAME,
    SERVICE_POLICY_NAME,
    service_policy,
    unit_policy,
)
from tasks.access.seaweedfs import identities, notification_toml

BUCKETS = {"inbox": "thidua-inbox", "output": "thidua-output"}
CDS, CB = "cds-2022-2025", "vbdt-cb-2024-2026"
BK = {"registry": "bac-kan", "campaigns": [CDS]}


def _actions(policy: dict, resource: str) -> set[str]:
    return {
        action
        for statement in policy["Statement"]
        if resource in statement["Resource"]
        for action in statement["Action"]
    }


def test_a_unit_may_upload_list_its_folder_and_read_its_feedback_and_nothing_else() -> None:
    policy = unit_policy("SO-YT", campaigns=[CDS, "cds-2026"], **BUCKETS)
    resources = {r for s in policy["Statement"] for r in s["Resource"]}
    assert resources == {
        f"arn:aws:s3:::thidua-inbox/{CDS}/*/SO-YT/*",
        "arn:aws:s3:::thidua-inbox/cds-2026/*/SO-YT/*",
        "arn:aws:s3:::thidua-inbox",
        f"arn:aws:s3:::thidua-output/phan-hoi/{CDS}/*/SO-YT/*",
        "arn:aws:s3:::thidua-output/phan-hoi/cds-2026/*/SO-YT/*",
    }
    assert _actions(policy, f"arn:aws:s3:::thidua-inbox/{CDS}/*/SO-YT/*") == {"s3:PutObject"}
    feedback = f"arn:aws:s3:::thidua-output/phan-hoi/{CDS}/*/SO-YT/*"
    assert _actions(policy, feedback) == {"s3:GetObject"}
    (listing,) = [s for s in policy["Statement"] if s["Action"] == ["s3:ListBucket"]]
    prefixes = ["cds-2026/*/SO-YT/*", f"{CDS}/*/SO-YT/*"]
    assert listing["Condition"] == {"StringLike": {"s3:prefix": sorted(prefixes)}}
    every = {a for s in policy["Statement"] for a in s["Action"]}
    assert not any("Delete" in a or "Bucket" in a.removeprefix("s3:ListBucket") for a in every)
    assert all(s["Effect"] == "Allow" for s in policy["Statement"])


def test_the_service_account_cannot_delete_in_the_inbox_or_the_archive() -> None:
    policy = service_policy(archive="thidua-archive", **BUCKETS)
    inbox = _actions(policy, "arn:aws:s3:::thidua-inbox/*")
    archive = _actions(policy, "arn:aws:s3:::thidua-archive/*")
    output = _actions(policy, "arn:aws:s3:::thidua-output/*")
    assert inbox == {
        "s3:GetObject",
        "s3:GetObjectVersion",
        "s3:ListBucket",
        "s3:ListBucketVersions",
    }
    assert "s3:PutObject" in archive
    assert not any("Delete" in a for a in inbox | archive)
    assert {"s3:PutObject", "s3:DeleteObject"} <= output
    resources = {r for s in policy["Statement"] for r in s["Resource"]}
    assert all(
        r.split(":::")[1].split("/")[0] in {"thidua-inbox", "thidua-archive", "thidua-output"}
        for r in resources
    )


def test_seaweedfs_identities_attach_one_policy_each(tmp_path: Path) -> None:
    settings = Settings(_env_file=None, var_dir=tmp_path, s3_access_key="svc")
    keys = [new_unit_key("so-yt", **BK), new_unit_key("UBND-XA-A", **BK)]
    document = identities(settings, keys)
    by_name = {i["name"]: i for i in document["identities"]}
    assert set(by_name) == {
        "thidua-admin",
        PORTAL_POLICY_NAME,
        SERVICE_POLICY_NAME,
        PORTAL_POLICY_NAME,
        "thidua-unit-bac-kan-so-yt",
        "thidua-unit-bac-kan-ubnd-xa-a",
    }
    assert by_name["thidua-admin"]["actions"][0] == "Admin"
    assert by_name["thidua-unit-bac-kan-so-yt"]["policyNames"] == ["thidua-unit-bac-kan-so-yt"]
    assert "actions" not in by_name["thidua-unit-bac-kan-so-yt"]
    policies = {p["name"]: json.loads(p["content"]) for p in document["policies"]}
    assert policies["thidua-unit-bac-kan-so-yt"] == unit_policy("SO-YT", campaigns=[CDS], **BUCKETS)
    same = Settings(
        _env_file=None, s3_access_key="thidua-admin", portal_s3_access_key="thidua-admin"
    )
    assert [i["name"] for i in identities(same)["identities"]] == ["thidua-admin"]


def test_notifications_go_to_the_receiver_for_the_inbox_only() -> None:
    text = notification_toml(Settings(_env_file=None, events_port=9911))
    assert 'endpoint = "http://127.0.0.1:9911/seaweedfs"' in text
    assert 'path_prefixes = ["/buckets/thidua-inbox/"]' in text


def test_unit_keys_are_made_once_and_kept_private(tmp_path: Path) -> None:
    path = tmp_path / "keys.json"
    first = grant(path, ["SO-YT"], **BK)
    again = grant(path, ["SO-YT", "SO-NV"], **BK)
    assert again[("bac-kan", "SO-YT")] == first[("bac-kan", "SO-YT")]
    assert load_unit_keys(path) == again
    assert path.stat().st_mode & 0o077 == 0
    assert again[("bac-kan", "SO-NV")].access_key == "unit-bac-kan-so-nv"
    with pytest.raises(UnitKeyError):
        new_unit_key("SO YT/../x", **BK)
    with pytest.raises(UnitKeyError):
        new_unit_key("SO-YT", registry="../x", campaigns=[CDS])


def test_the_same_code_in_two_registries_gets_two_keys(tmp_path: Path) -> None:
    path = tmp_path / "keys.json"
    grant(path, ["SO-YT"], **BK)
    keys = grant(path, ["SO-YT"], registry="cao-bang", campaigns=[CB])
    ours, theirs = keys[("bac-kan", "SO-YT")], keys[("cao-bang", "SO-YT")]
    assert ours.access_key == "unit-bac-kan-so-yt"
    assert theirs.access_key == "unit-cao-bang-so-yt"
    assert ours.secret_key != theirs.secret_key
    assert (ours.campaigns, theirs.campaigns) == ((CDS,), (CB,))
    revoke(path, ["so-yt"], registry="cao-bang")
    assert set(load_unit_keys(path)) == {("bac-kan", "SO-YT")}


def test_rows_written_before_registries_are_read_as_bac_kan(tmp_path: Path) -> None:
    path = tmp_path / "keys.json"
    old = [{"unit": "SO-YT", "access_key": "unit-so-yt", "secret_key": "s3cr3t"}]
    path.write_text(json.dumps(old), encoding="utf-8")
    (key,) = load_unit_keys(path).values()
    assert key.id == ("bac-kan", "SO-YT")
    assert key.campaigns == (CDS,)  # the shipped campaign that reads Bắc Kạn's registry
    assert (key.access_key, key.secret_key) == ("unit-so-yt", "s3cr3t")  # still the same key
    # Granting again keeps the old credentials and writes the registry and campaigns down.
    grant(path, ["SO-YT"], **BK)
    (row,) = json.loads(path.read_text(encoding="utf-8"))
    assert row == {**old[0], "registry": "bac-kan", "campaigns": [CDS]}


def test_the_minio_plan_creates_locked_archive_users_policies_and_webhook(tmp_path: Path) -> None:
    settings = Settings(_env_file=None, s3_access_key="svc")
    plan = minio_setup.plan(
        settings, [new_unit_key("SO-YT", **BK)], events_url="http://events:8765/minio"
    )
    assert plan.users == {
        "svc": SERVICE_POLICY_NAME,
        "thidua-portal": PORTAL_POLICY_NAME,
        "unit-bac-kan-so-yt": "thidua-unit-bac-kan-so-yt",
    }
    assert plan.policies["thidua-unit-bac-kan-so-yt"] == unit_policy(
        "SO-YT", campaigns=[CDS], **BUCKETS
    )
    text = "\n".join(plan.commands)
    assert "mc mb --ignore-existing --with-lock thidua/thidua-archive" in text
    assert "mc retention set --default COMPLIANCE 10y thidua/thidua-archive" in text
    assert "--with-versioning thidua/thidua-inbox" in text
    assert (
        "mc admin policy attach thidua thidua-unit-bac-kan-so-yt --user unit-bac-kan-so-yt" in text
    )
    assert "notify_webhook:thidua endpoint=http://events:8765/minio" in text
    assert "mc event add thidua/thidua-inbox arn:minio:sqs::thidua:webhook --event put" in text
    assert settings.s3_secret_key.get_secret_value() not in text  # secrets stay variables
    written = minio_setup.write_plan(plan, tmp_path)
    stored = json.loads((tmp_path / "policies" / "thidua-service.json").read_text())
    assert stored == plan.policies[SERVICE_POLICY_NAME]
    assert (tmp_path / "minio-setup.sh") in written
