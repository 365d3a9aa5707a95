"""Everything about one upload version that needs no database write: archive, assess, answer.

The bytes are read once (their GET brings the receipt too), archived write-once, assessed, and
the unit's feedback is written; what is left is to record it, which the caller does in a short
transaction of its own after the I/O.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from models.tables import Submission
from tasks.ingest.archive import archive_upload
from tasks.ingest.assess import Upload, assess, status_of
from tasks.ingest.feedback import subject_of, write_feedback
from tasks.ingest.inbox import InboxObject
from tasks.ingest.outcome import FolderState, IngestContext
from tasks.ingest.receipts import received_at
from tasks.ingest.record import db_text
from tasks.storage import ObjectNotFoundError
from tasks.validation.report import UnitContext, ValidationResult

log = logging.getLogger(__name__)

VANISHED = "Phiên bản đã bị xóa khỏi hộp thư trước khi được đọc."


@dataclass
class Prepared:
    """A version archived, assessed and answered, waiting to be recorded."""

    item: InboxObject
    submission: Submission
    result: ValidationResult
    feedback_key: str | None


def unit_folder_code(item: InboxObject, unit: UnitContext | None) -> str | None:
    """Return the registry unit a version counts for: only when put exactly in its folder."""
    return unit.code if unit and item.folder_is_exact and not item.subfolder else None


def prepare(
    context: IngestContext, item: InboxObject, folder: FolderState, unit: UnitContext | None
) -> Prepared | None:
    """Archive, assess and answer one version; None when it vanished before it was read."""
    settings, campaign, year = context.settings, context.campaign, context.year
    try:
        archived = archive_upload(
            context.store, item, inbox=settings.inbox_bucket, archive=settings.archive_bucket
        )
    except ObjectNotFoundError:
        # Removed between the listing and now (only an administrator can): nothing to read.
        log.warning("Version %s of %s vanished before it was read", item.version_key, item.key)
        return None
    uploaded_at, receipt_problem = received_at(
        archived.metadata or {},
        key=settings.receipt_key,
        object_key=item.key,
        sha256=archived.sha256,
        stored_at=item.uploaded_at,
    )
    upload = Upload(
        data=archived.data,
        file_name=item.name,
        size=archived.size,
        unit_folder=item.unit_folder,
        folder_name=item.folder_name,
        subfolder=item.subfolder,
        uploaded_at=uploaded_at,
        receipt_problem=receipt_problem,
        workbooks_in_folder=max(1, len(folder.workbooks)),
        attachments=folder.attachments,
    )
    result = assess(upload, campaign=campaign, year=year, unit=unit)
    submission = Submission(
        campaign_code=campaign.code,
        year=year,
        folder_unit_code=item.unit_folder[:64],
        unit_code=unit_folder_code(item, unit),
        bucket=settings.inbox_bucket,
        object_key=item.key,
        version_id=item.version_id,
        version_key=item.version_key,
        etag=item.etag,
        sha256=archived.sha256,
        size=archived.size,
        archive_key=archived.archive_key,
        uploaded_at=uploaded_at,
        file_name=db_text(item.name, 255),
        is_late=uploaded_at > campaign.deadline_for(year),
        attachments_sha256=folder.attachments_sha256,
        receipt_problem=db_text(receipt_problem, 500) if receipt_problem else None,
        status=status_of(result),
    )
    return Prepared(item, submission, result, answer(context, submission, result))


def answer(context: IngestContext, submission: Submission, result: ValidationResult) -> str:
    """Write the unit's feedback on a version; return the workbook's key."""
    return write_feedback(
        context.store,
        bucket=context.settings.output_bucket,
        subject=subject_of(submission),
        result=result,
        campaign=context.campaign,
    )
