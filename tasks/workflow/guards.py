"""The data guards named in the workflow definition: each returns why not, or None."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import func, text
from sqlmodel import Session, col, select

from models.campaign import Phase
from models.nominee_kinds import NOMINEE_KINDS
from models.tables import Nomination, Nominee, Submission, SubmissionStatus

# States in which a nomination takes a place in the phase's quota.
QUOTA_STATES = ("proposed", "verified", "submitted_to_chairman", "awarded")


def dossier_problem(session: Session, nomination: Nomination) -> str | None:
    """Return why a nomination's dossier is not valid, or None when it is."""
    submission = (
        session.get(Submission, nomination.submission_id) if nomination.submission_id else None
    )
    if submission is None or submission.status != SubmissionStatus.VALID:
        return "báo cáo năm chứa đề nghị không hợp lệ"
    if not submission.is_counted:
        return "đề nghị thuộc một phiên bản báo cáo không còn được tính"
    if not nomination.dossier_complete:
        return "hồ sơ đề nghị chưa đủ (Tờ trình, Biên bản họp xét, báo cáo thành tích)"
    return None


def _dossier_valid(session: Session, nomination: Nomination, phase: Phase | None) -> str | None:
    return dossier_problem(session, nomination)


def _dossier_invalid(session: Session, nomination: Nomination, phase: Phase | None) -> str | None:
    return None if dossier_problem(session, nomination) else "hồ sơ đề nghị hợp lệ"


def quota_taken(
    session: Session, *, campaign_code: str, phase_code: str, kind: str, besides: int | None = None
) -> int:
    """Return how many nominations of kind (other than besides) hold a place in the quota."""
    statement = (
        select(func.count())
        .select_from(Nomination)
        .join(Nominee, col(Nominee.id) == col(Nomination.nominee_id))
        .where(
            Nomination.campaign_code == campaign_code,
            Nomination.phase_code == phase_code,
            Nominee.kind == kind,
            col(Nomination.state).in_(QUOTA_STATES),
            col(Nomination.id) != (besides if besides is not None else -1),
        )
    )
    return int(session.exec(statement).one())


def quota_of(phase: Phase, kind: str) -> int:
    """Return the phase's quota for kind."""
    return phase.quotas.collective if kind == "tap_the" else phase.quotas.individual


def lock_quota(session: Session, *, campaign_code: str, phase_code: str) -> None:
    """Serialise quota decisions of one phase (PostgreSQL; SQLite serialises writers itself)."""
    if session.get_bind().dialect.name == "postgresql":
        key = f"thidua-quota:{campaign_code}:{phase_code}"
        session.execute(text("SELECT pg_advisory_xact_lock(hashtext(:key))"), {"key": key})


def _within_quota(session: Session, nomination: Nomination, phase: Phase | None) -> str | None:
    if phase is None:
        return "cần biết đợt xét để kiểm tra chỉ tiêu"
    nominee = session.get(Nominee, nomination.nominee_id)
    kind = nominee.kind if nominee else "ca_nhan"
    lock_quota(session, campaign_code=nomination.campaign_code, phase_code=phase.code)
    taken = quota_taken(
        session,
        campaign_code=nomination.campaign_code,
        phase_code=phase.code,
        kind=kind,
        besides=nomination.id,
    )
    quota = quota_of(phase, kind)
    if taken + 1 > quota:
        return (
            f"vượt chỉ tiêu: {phase.name} ({phase.quarter}) đề xuất tối đa {quota} "
            f"{NOMINEE_KINDS.get(kind, kind)}, đã đề xuất {taken}"
        )
    return None


GUARDS: dict[str, Callable[[Session, Nomination, Phase | None], str | None]] = {
    "dossier_valid": _dossier_valid,
    "dossier_invalid": _dossier_invalid,
    "within_quota": _within_quota,
}
