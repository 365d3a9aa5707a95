"""The movement's records of awards: Bằng khen and the units' Giấy khen, one per achievement."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select

from models.tables import AwardGranted, GiayKhenRoundRecord, Nomination, Nominee
from tasks.review.candidates import nominee_identity as nomination_identity

HIGHER = {
    "proposed": "đang được đề xuất",
    "verified": "đã được thẩm tra, chờ trình",
    "submitted_to_chairman": "đang trình",
    "awarded": "đã được tặng",
}


def awarded_elsewhere(session: Session, record: GiayKhenRoundRecord) -> dict[str, list[str]]:
    """Return, by identity, the awards given or proposed for the same achievement elsewhere."""
    found: dict[str, list[str]] = {}
    for award in session.exec(
        select(AwardGranted).where(
            AwardGranted.campaign_code == record.campaign_code,
            AwardGranted.phase_code == record.phase_code,
            col(AwardGranted.round_id).is_distinct_from(record.id),
        )
    ).all():
        number = f", Quyết định số {award.decision_number}" if award.decision_number else ""
        found.setdefault(award.identity, []).append(
            f"đã được tặng {award.title} cho cùng thành tích (phong trào "
            f"{record.campaign_code}, đợt {record.phase_code}{number})"
        )
    rows = session.exec(
        select(Nomination, Nominee)
        .join(Nominee, col(Nominee.id) == col(Nomination.nominee_id))
        .where(
            Nomination.campaign_code == record.campaign_code,
            Nomination.phase_code == record.phase_code,
            col(Nomination.state).in_(list(HIGHER)),
        )
    ).all()
    for nomination, nominee in rows:
        found.setdefault(nomination_identity(nominee, nomination), []).append(
            f"{HIGHER[nomination.state]} Bằng khen của phong trào cho cùng thành tích (đợt "
            f"{record.phase_code}, đề nghị của {nomination.proposing_unit_code})"
        )
    return found


def movement_awards(session: Session, *, campaign: str, phase: str) -> list[dict[str, Any]]:
    """Return the movement's awards for a phase: the Bằng khen awarded and the Giấy khen granted."""
    rows: list[dict[str, Any]] = []
    for nomination, nominee in session.exec(
        select(Nomination, Nominee)
        .join(Nominee, col(Nominee.id) == col(Nomination.nominee_id))
        .where(
            Nomination.campaign_code == campaign,
            Nomination.phase_code == phase,
            Nomination.state == "awarded",
        )
        .order_by(col(Nomination.id))
    ).all():
        rows.append(
            {
                "form": "bang_khen",
                "kind": nominee.kind,
                "name": nominee.full_name,
                "by": nomination.proposing_unit_code,
                "identity": nomination_identity(nominee, nomination),
            }
        )
    for award in session.exec(
        select(AwardGranted)
        .where(AwardGranted.campaign_code == campaign, AwardGranted.phase_code == phase)
        .order_by(col(AwardGranted.id))
    ).all():
        rows.append(
            {
                "form": award.form,
                "kind": award.kind,
                "name": award.full_name,
                "by": award.granting_unit_code,
                "identity": award.identity,
                "title": award.title,
                "decision": award.decision_number,
            }
        )
    return rows
