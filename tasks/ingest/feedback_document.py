"""A report's feedback workbook as the unit downloads it: stored, or drawn from its stored JSON.

The pipeline stores a workbook only for reports with findings; a report without any is answered
by its JSON, from which its workbook (the same bytes as if it had been stored) is drawn on demand.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import datetime
from typing import Any

from models.campaign import Campaign
from tasks.ingest.feedback import FeedbackSubject, feedback_prefix, texts_of, texts_workbook
from tasks.storage import ObjectNotFoundError, ObjectStore


def workbook_from_document(
    subject: FeedbackSubject, document: dict[str, Any], campaign: Campaign
) -> bytes | None:
    """Return the workbook of a feedback JSON without findings; None for one with findings."""
    if document.get("findings"):
        return None  # such a report's workbook was stored with its findings
    # What the JSON recorded when it was written wins over the submission's row of today.
    subject = dataclasses.replace(
        subject,
        file_name=document["file"],
        uploaded_at=datetime.fromisoformat(document["uploaded_at"]),
        is_late=bool(document["late"]),
        status=document["status"],
    )
    return texts_workbook(texts_of(subject, document["headline"], (0, 0), campaign), [])


def stored_feedback_workbook(
    store: ObjectStore, bucket: str, subject: FeedbackSubject, campaign: Campaign
) -> bytes | None:
    """Return the feedback workbook of one upload version; None while it is not answered yet."""
    prefix = feedback_prefix(subject)
    try:
        return store.get_bytes(bucket, f"{prefix}.xlsx")
    except ObjectNotFoundError:
        pass
    try:
        document = json.loads(store.get_bytes(bucket, f"{prefix}.json"))
    except ObjectNotFoundError:
        return None
    return workbook_from_document(subject, document, campaign)
