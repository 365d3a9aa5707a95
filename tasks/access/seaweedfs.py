"""The local S3 server's identities file: the root key, the service account and the units."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from models.settings import Settings
from tasks.access.keys import UnitKey, keys_file, load_unit_keys
from tasks.access.policies import (
    PORTAL_POLICY_NAME,
    SERVICE_POLICY_NAME,
    portal_policy,
    service_policy,
    unit_policy,
    unit_policy_name,
)

ADMIN_ACTIONS = ["Admin", "Read", "Write", "List", "Tagging"]


def _identity(name: str, access: str, secret: str, **grants: Any) -> dict[str, Any]:
    return {"name": name, "credentials": [{"accessKey": access, "secretKey": secret}], **grants}


def identities(settings: Settings, units: Iterable[UnitKey] = ()) -> dict[str, Any]:
    """Return SeaweedFS's -s3.config document: identities with their policies attached.

    When the service account's key is the root key (some tests), only the root identity is kept.
    """
    s = settings
    found = [
        _identity(
            "thidua-admin",
            s.s3_admin_access_key,
            s.s3_admin_secret_key.get_secret_value(),
            actions=ADMIN_ACTIONS,
        )
    ]
    buckets = {"inbox": s.inbox_bucket, "output": s.output_bucket}
    policies = []
    if s.s3_access_key != s.s3_admin_access_key:
        found.append(
            _identity(
                SERVICE_POLICY_NAME,
                s.s3_access_key,
                s.s3_secret_key.get_secret_value(),
                policyNames=[SERVICE_POLICY_NAME],
            )
        )
        policies.append(
            _policy(SERVICE_POLICY_NAME, service_policy(archive=s.archive_bucket, **buckets))
        )
    if s.portal_s3_access_key not in (s.s3_admin_access_key, s.s3_access_key):
        found.append(
            _identity(
                PORTAL_POLICY_NAME,
                s.portal_s3_access_key,
                s.portal_s3_secret_key.get_secret_value(),
                policyNames=[PORTAL_POLICY_NAME],
            )
        )
        policies.append(_policy(PORTAL_POLICY_NAME, portal_policy(**buckets)))
    for key in sorted(units, key=lambda k: k.id):
        name = unit_policy_name(key.registry, key.unit)
        found.append(_identity(name, key.access_key, key.secret_key, policyNames=[name]))
        document = unit_policy(key.unit, campaigns=key.campaigns, **buckets)
        policies.append(_policy(name, document))
    return {"identities": found, "policies": policies}


def _policy(name: str, document: dict[str, Any]) -> dict[str, str]:
    return {"name": name, "content": json.dumps(document, sort_keys=True)}


def notification_toml(settings: Settings) -> str:
    """Return SeaweedFS's notification.toml: new inbox files posted to the events receiver."""
    token = settings.events_token.get_secret_value() if settings.events_token else ""
    endpoint = f"http://127.0.0.1:{settings.events_port}/seaweedfs"
    return "\n".join(
        [
            "[notification.webhook]",
            "enabled = true",
            f"endpoint = {json.dumps(endpoint)}",
            f"bearer_token = {json.dumps(token)}",
            'event_types = ["create"]',
            f"path_prefixes = [{json.dumps(f'/buckets/{settings.inbox_bucket}/')}]",
            "max_retries = 3",
            "",
        ]
    )


def write_config(settings: Settings, data_dir: Path, work_dir: Path) -> Path:
    """Write the identities file (owner-only) and, in weed's working folder, notification.toml."""
    data_dir.mkdir(parents=True, exist_ok=True)
    units = load_unit_keys(keys_file(settings.resolved_var_dir)).values()
    path = data_dir / "s3-identities.json"
    partial = path.with_name(path.name + ".part")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(identities(settings, units), handle, indent=2)
    partial.replace(path)
    (work_dir / "notification.toml").write_text(notification_toml(settings), encoding="utf-8")
    return path
