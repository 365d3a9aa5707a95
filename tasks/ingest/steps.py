"""The collect pipeline's steps as Prefect tasks: scan, ingest, recheck, count, report."""

from __future__ import annotations

from dataclasses import dataclass

from prefect import task
from prefect.cache_policies import NONE
from sqlmodel import col, select

from models.campaign import Campaign
from models.database import session_scope
from models.settings import get_settings
from models.tables import Submission
from tasks.campaigns import current_campaign, year_outside
from tasks.ingest.assess import Upload, assess
from tasks.ingest.batch import ingest_items
from tasks.ingest.collect import FolderState, IngestContext, Outcome
from tasks.ingest.feedback import subject_of, write_feedback
from tasks.ingest.inbox import InboxObject, attachment_listing, read_inbox, split_key
from tasks.ingest.record import record_result, update_counted
from tasks.ingest.versions import Misplaced, pending_versions, sync_versions
from tasks.registry.lookup import context_of
from tasks.registry.queries import get_unit
from tasks.storage import ObjectStore
from tasks.validation.report import phase_end_years


@dataclass(frozen=True)
class InboxScan:
    """What the inbox holds for a year: versions to process, folders, and what is misplaced."""

    new: list[InboxObject]
    folders: dict[str, FolderState]
    total_versions: int
    misplaced: list[Misplaced]
    deletions: int


def load_campaign_definition(code: str) -> Campaign:
    """Return the campaign in force."""
    with session_scope() as session:
        return current_campaign(session, code=code)[0]


def folder_states(objects: list[InboxObject]) -> dict[str, FolderState]:
    """Return each unit folder's current workbooks and dinh-kem/ listing."""
    listing = attachment_listing(objects)
    workbooks: dict[str, set[str]] = {item.unit_folder: set() for item in objects}
    for o in objects:
        if not o.is_attachment and o.is_latest and o.folder_is_exact and not o.subfolder:
            workbooks[o.unit_folder].add(o.key)
    folders: dict[str, FolderState] = {}
    for unit in sorted(workbooks):
        names, digest = listing.get(unit, ([], None))
        folders[unit] = FolderState(
            workbooks=tuple(sorted(workbooks[unit])),
            attachments=tuple(names),
            attachments_sha256=digest,
        )
    return folders


@task(name="check-campaign-year", cache_policy=NONE)
def campaign_year_problem(campaign_code: str, year: int) -> str | None:
    """Return why the campaign has nothing to collect or aggregate in year, or None."""
    return year_outside(load_campaign_definition(campaign_code), year)


@task(name="scan-inbox", cache_policy=NONE)
def scan_inbox(campaign_code: str, year: int) -> InboxScan:
    """List every version of the year, record each one's state, and return what is pending."""
    settings = get_settings()
    store = ObjectStore(settings)
    listing = read_inbox(store, bucket=settings.inbox_bucket, campaign=campaign_code, year=year)
    with session_scope() as session:
        misplaced = sync_versions(
            session,
            bucket=settings.inbox_bucket,
            campaign=campaign_code,
            year=year,
            listing=listing,
        )
    with session_scope() as session:
        pending = pending_versions(
            session, bucket=settings.inbox_bucket, campaign=campaign_code, year=year
        )
    new = [
        item
        for item in listing.objects
        if not item.is_attachment and (item.key, item.version_key) in pending
    ]
    return InboxScan(
        new=new,
        folders=folder_states(listing.objects),
        total_versions=len(listing.objects) + len(listing.deletions) + len(listing.misplaced),
        misplaced=misplaced,
        deletions=len(listing.deletions),
    )


@task(name="ingest-batch", cache_policy=NONE, retries=2, retry_delay_seconds=5)
def ingest_batch(
    campaign_code: str, year: int, items: list[InboxObject], folders: dict[str, FolderState]
) -> list[Outcome]:
    """Archive, assess and record a batch of versions; a bad file never fails the batch."""
    settings = get_settings()
    context = IngestContext(
        store=ObjectStore(settings),
        settings=settings,
        campaign=load_campaign_definition(campaign_code),
        year=year,
    )
    return ingest_items(context, items, folders)


@task(name="recheck-dossiers", cache_policy=NONE)
def recheck_dossiers(campaign_code: str, year: int, folders: dict[str, FolderState]) -> int:
    """Assess again each unit's newest report whose dinh-kem/ folder changed since."""
    campaign = load_campaign_definition(campaign_code)
    if year not in phase_end_years(campaign):
        return 0
    settings = get_settings()
    store = ObjectStore(settings)
    rechecked = 0
    with session_scope() as session:
        rows = session.exec(
            select(Submission)
            .where(
                Submission.campaign_code == campaign_code,
                Submission.year == year,
                col(Submission.archive_key).is_not(None),
            )
            .order_by(
                col(Submission.uploaded_at),
                col(Submission.object_key),
                col(Submission.version_key),
            )
        ).all()
        newest: dict[str, Submission] = {row.folder_unit_code: row for row in rows}
        for unit_folder, submission in newest.items():
            folder = folders.get(unit_folder)
            if folder is None or folder.attachments_sha256 == submission.attachments_sha256:
                continue
            unit = (
                get_unit(session, registry=campaign.registry, code=submission.unit_code)
                if submission.unit_code
                else None
            )
            assert submission.archive_key is not None
            folder_name, subfolder = split_key(submission.object_key, campaign_code, year)
            upload = Upload(
                data=store.get_bytes(settings.archive_bucket, submission.archive_key),
                file_name=submission.file_name,
                size=submission.size,
                unit_folder=unit_folder,
                folder_name=folder_name,
                subfolder=subfolder,
                uploaded_at=submission.uploaded_at,
                receipt_problem=submission.receipt_problem,
                workbooks_in_folder=max(1, len(folder.workbooks)),
                attachments=folder.attachments,
            )
            result = assess(
                upload, campaign=campaign, year=year, unit=context_of(unit) if unit else None
            )
            submission.attachments_sha256 = folder.attachments_sha256
            record_result(
                session, submission=submission, result=result, campaign=campaign, year=year
            )
            write_feedback(
                store,
                bucket=settings.output_bucket,
                subject=subject_of(submission),
                result=result,
                campaign=campaign,
            )
            rechecked += 1
    return rechecked


@task(name="choose-counted-reports", cache_policy=NONE)
def choose_counted(campaign_code: str, year: int) -> int:
    """Mark each unit's counted report for the year; return how many marks changed."""
    campaign = load_campaign_definition(campaign_code)
    with session_scope() as session:
        return update_counted(session, campaign=campaign, year=year)
