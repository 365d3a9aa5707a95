"""Production storage on MinIO: buckets, object lock, users, policies and the upload webhook."""

from __future__ import annotations

import json
import shlex
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from models.settings import Settings
from tasks.access.keys import UnitKey
from tasks.access.policies import (
    PORTAL_POLICY_NAME,
    SERVICE_POLICY_NAME,
    portal_policy,
    service_policy,
    unit_policy,
    unit_policy_name,
)

ALIAS = "thidua"
WEBHOOK_ID = "thidua"
WEBHOOK_ARN = f"arn:minio:sqs::{WEBHOOK_ID}:webhook"
RETENTION_YEARS = 10  # the archive of a campaign's evidence, Decree 30/2020's permanent files aside


@dataclass(frozen=True)
class MinioPlan:
    """What the MinIO setup creates: policy documents by name, and the mc commands doing it."""

    policies: dict[str, dict[str, Any]]
    users: dict[str, str]  # access key -> policy name
    commands: list[str]


def plan(settings: Settings, units: Iterable[UnitKey], *, events_url: str) -> MinioPlan:
    """Return the policies and `mc` commands that set MinIO up for thidua (secrets as variables)."""
    s = settings
    buckets = {"inbox": s.inbox_bucket, "output": s.output_bucket}
    policies = {SERVICE_POLICY_NAME: service_policy(archive=s.archive_bucket, **buckets)}
    policies[PORTAL_POLICY_NAME] = portal_policy(**buckets)
    users = {s.s3_access_key: SERVICE_POLICY_NAME, s.portal_s3_access_key: PORTAL_POLICY_NAME}
    for key in sorted(units, key=lambda k: k.id):
        name = unit_policy_name(key.registry, key.unit)
        policies[name] = unit_policy(key.unit, campaigns=key.campaigns, **buckets)
        users[key.access_key] = name
    q = shlex.quote
    commands = [
        f'mc alias set {ALIAS} {q(s.s3_url)} "$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD"',
        f"mc mb --ignore-existing --with-versioning {ALIAS}/{q(s.inbox_bucket)}",
        f"mc mb --ignore-existing --with-lock {ALIAS}/{q(s.archive_bucket)}",
        f"mc retention set --default COMPLIANCE {RETENTION_YEARS}y {ALIAS}/{q(s.archive_bucket)}",
        f"mc mb --ignore-existing --with-versioning {ALIAS}/{q(s.output_bucket)}",
    ]
    for name in policies:
        commands.append(f"mc admin policy create {ALIAS} {q(name)} policies/{q(name)}.json")
    for access, name in users.items():
        secret = {
            SERVICE_POLICY_NAME: "$THIDUA_S3_SECRET_KEY",
            PORTAL_POLICY_NAME: "$THIDUA_PORTAL_S3_SECRET_KEY",
        }.get(name, f"$(cat keys/{access})")
        commands.append(f'mc admin user add {ALIAS} {q(access)} "{secret}"')
        commands.append(f"mc admin policy attach {ALIAS} {q(name)} --user {q(access)}")
    commands += [
        f"mc admin config set {ALIAS} notify_webhook:{WEBHOOK_ID} endpoint={q(events_url)} "
        'auth_token="$THIDUA_EVENTS_TOKEN" queue_limit=10000',
        f"mc admin service restart {ALIAS}",
        f"mc event add {ALIAS}/{q(s.inbox_bucket)} {WEBHOOK_ARN} --event put,delete",
    ]
    return MinioPlan(policies=policies, users=users, commands=commands)


def write_plan(minio_plan: MinioPlan, folder: Path) -> list[Path]:
    """Write the policy documents and the command script into folder; return the files."""
    (folder / "policies").mkdir(parents=True, exist_ok=True)
    written = []
    for name, document in minio_plan.policies.items():
        path = folder / "policies" / f"{name}.json"
        path.write_text(json.dumps(document, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        written.append(path)
    script = folder / "minio-setup.sh"
    lines = ["#!/usr/bin/env bash", "set -euo pipefail", 'cd "$(dirname "$0")"']
    script.write_text("\n".join([*lines, *minio_plan.commands]) + "\n", encoding="utf-8")
    script.chmod(0o755)
    return [*written, script]


def _admin(settings: Settings) -> Any:
    from minio.credentials import StaticProvider
    from minio.minioadmin import MinioAdmin

    root = settings.as_admin()
    return MinioAdmin(
        endpoint=root.s3_endpoint,
        credentials=StaticProvider(root.s3_access_key, root.s3_secret_key.get_secret_value()),
        region=root.s3_region,
        secure=root.s3_secure,
    )


def remove_users(settings: Settings, access_keys: list[str]) -> None:
    """Remove users (a unit's revoked key) from MinIO."""
    admin = _admin(settings)
    for access in access_keys:
        admin.user_remove(access)


def apply(settings: Settings, units: Iterable[UnitKey], *, events_url: str) -> MinioPlan:
    """Create the buckets, object lock, policies, users and the inbox webhook on MinIO."""
    from minio import Minio
    from minio.commonconfig import COMPLIANCE
    from minio.notificationconfig import NotificationConfig, QueueConfig
    from minio.objectlockconfig import YEARS, ObjectLockConfig
    from minio.versioningconfig import ENABLED, VersioningConfig

    keys = list(units)
    minio_plan = plan(settings, keys, events_url=events_url)
    root = settings.as_admin()
    secret = root.s3_secret_key.get_secret_value()
    client = Minio(
        root.s3_endpoint,
        access_key=root.s3_access_key,
        secret_key=secret,
        secure=root.s3_secure,
        region=root.s3_region,
    )
    for bucket in (root.inbox_bucket, root.archive_bucket, root.output_bucket):
        if not client.bucket_exists(bucket):
            client.make_bucket(bucket, object_lock=bucket == root.archive_bucket)
        client.set_bucket_versioning(bucket, VersioningConfig(ENABLED))
    client.set_object_lock_config(
        root.archive_bucket, ObjectLockConfig(COMPLIANCE, RETENTION_YEARS, YEARS)
    )
    admin = _admin(settings)
    secret_of = {
        settings.s3_access_key: settings.s3_secret_key.get_secret_value(),
        settings.portal_s3_access_key: settings.portal_s3_secret_key.get_secret_value(),
    }
    secret_of.update({key.access_key: key.secret_key for key in keys})
    for name, document in minio_plan.policies.items():
        admin.policy_add(name, policy=document)
    for access, name in minio_plan.users.items():
        admin.user_add(access, secret_of[access])
        admin.attach_policy([name], user=access)
    webhook = {"endpoint": events_url, "queue_limit": "10000"}
    if settings.events_token is not None:
        webhook["auth_token"] = settings.events_token.get_secret_value()
    admin.config_set(f"notify_webhook:{WEBHOOK_ID}", webhook)
    admin.service_restart()
    client.set_bucket_notification(
        root.inbox_bucket,
        NotificationConfig(
            queue_config_list=[
                QueueConfig(["s3:ObjectCreated:*", "s3:ObjectRemoved:*"], queue=WEBHOOK_ARN)
            ]
        ),
    )
    return minio_plan
