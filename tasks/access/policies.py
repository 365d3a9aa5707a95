"""IAM policy documents (AWS syntax, read by MinIO and SeaweedFS alike) for units and the system."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

VERSION = "2012-10-17"
FEEDBACK_PREFIX = "phan-hoi"

Policy = dict[str, Any]


def _bucket(name: str) -> str:
    return f"arn:aws:s3:::{name}"


def _objects(name: str, pattern: str = "*") -> str:
    return f"arn:aws:s3:::{name}/{pattern}"


def unit_policy_name(registry: str, unit: str) -> str:
    """Return the name of the policy of a unit of a registry."""
    return f"thidua-unit-{registry}-{unit.lower()}"


SERVICE_POLICY_NAME = "thidua-service"
PORTAL_POLICY_NAME = "thidua-portal"


def unit_folder_patterns(unit: str, campaigns: Iterable[str]) -> list[str]:
    """Return the key patterns of a unit's inbox folders, {campaign}/{year}/{unit}/, per campaign.

    Only the campaigns reading the unit's registry: another registry's unit with the same code
    never reaches these folders, nor these its.
    """
    return [f"{campaign}/*/{unit}/*" for campaign in sorted(set(campaigns))]


def unit_policy(unit: str, *, campaigns: Iterable[str], inbox: str, output: str) -> Policy:
    """Return a unit's policy: write its own inbox folders, read its own feedback, list its own.

    No delete, no overwrite of history (the inbox keeps every version), no archive, no other unit,
    no campaign that reads another registry. With no campaign the policy allows nothing.
    """
    folders = unit_folder_patterns(unit, campaigns)
    if not folders:
        return {"Version": VERSION, "Statement": [_nothing(inbox)]}
    return {
        "Version": VERSION,
        "Statement": [
            {
                "Sid": "UploadToOwnFolder",
                "Effect": "Allow",
                "Action": ["s3:PutObject"],
                "Resource": [_objects(inbox, folder) for folder in folders],
            },
            {
                "Sid": "ListOwnFolder",
                "Effect": "Allow",
                "Action": ["s3:ListBucket"],
                "Resource": [_bucket(inbox)],
                "Condition": {"StringLike": {"s3:prefix": folders}},
            },
            {
                "Sid": "ReadOwnFeedback",
                "Effect": "Allow",
                "Action": ["s3:GetObject"],
                "Resource": [_objects(output, f"{FEEDBACK_PREFIX}/{f}") for f in folders],
            },
        ],
    }


def _nothing(inbox: str) -> dict[str, Any]:
    return {
        "Sid": "NoCampaign",
        "Effect": "Deny",
        "Action": ["s3:*"],
        "Resource": [_bucket(inbox), _objects(inbox)],
    }


def service_policy(*, inbox: str, archive: str, output: str) -> Policy:
    """Return the flows' policy: read the inbox (every version), write the archive and output.

    Nothing else: no delete in the inbox or the archive, no bucket settings, no other bucket.
    Output files are replaced when a dossier is built again, so output allows deleting.
    """
    read = ["s3:GetObject", "s3:GetObjectVersion"]
    listing = ["s3:ListBucket", "s3:ListBucketVersions"]
    return {
        "Version": VERSION,
        "Statement": [
            {
                "Sid": "ReadInbox",
                "Effect": "Allow",
                "Action": [*read, *listing],
                "Resource": [_bucket(inbox), _objects(inbox)],
            },
            {
                "Sid": "WriteArchiveOnce",
                "Effect": "Allow",
                "Action": [*read, *listing, "s3:PutObject"],
                "Resource": [_bucket(archive), _objects(archive)],
            },
            {
                "Sid": "WriteOutput",
                "Effect": "Allow",
                "Action": [*read, *listing, "s3:PutObject", "s3:DeleteObject"],
                "Resource": [_bucket(output), _objects(output)],
            },
        ],
    }


def portal_policy(*, inbox: str, output: str) -> Policy:
    """Return the portal's policy: put a unit's upload into the inbox, read units' feedback.

    The portal binds each account to its unit itself; it cannot read uploads back, delete,
    touch the archive or change a bucket.
    """
    return {
        "Version": VERSION,
        "Statement": [
            {
                "Sid": "UploadForUnits",
                "Effect": "Allow",
                "Action": ["s3:PutObject", "s3:ListBucket"],
                "Resource": [_bucket(inbox), _objects(inbox)],
            },
            {
                "Sid": "ReadFeedback",
                "Effect": "Allow",
                "Action": ["s3:GetObject"],
                "Resource": [_objects(output, f"{FEEDBACK_PREFIX}/*")],
            },
        ],
    }
