"""Completeness and timeliness of a year's reports, in the manner of DHIS2's reporting rate."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel import Session, select

from models.campaign import Campaign
from models.tables import Submission, SubmissionStatus
from tasks.registry.queries import expected_unit_names


@dataclass
class CompletenessRow:
    """Counts for one kind of unit (or the total)."""

    group: str
    expected: int = 0
    received: int = 0
    on_time: int = 0
    late: int = 0
    invalid: int = 0
    missing: int = 0

    @property
    def reporting_rate(self) -> float:
        """Return the share of expected units with a valid report."""
        return (self.on_time + self.late) / self.expected if self.expected else 0.0

    @property
    def on_time_rate(self) -> float:
        """Return the share of expected units with a valid on-time report."""
        return self.on_time / self.expected if self.expected else 0.0


@dataclass
class Completeness:
    """The year's table and the units still missing."""

    rows: list[CompletenessRow]
    missing_units: list[tuple[str, str]] = field(default_factory=list)
    invalid_units: list[tuple[str, str]] = field(default_factory=list)


def completeness(session: Session, *, campaign: Campaign, year: int) -> Completeness:
    """Count, per kind of unit, who was expected, who sent what, and who is missing."""
    units = expected_unit_names(session, campaign=campaign, year=year)
    submissions = session.exec(
        select(Submission.unit_code, Submission.is_counted, Submission.is_late).where(
            Submission.campaign_code == campaign.code, Submission.year == year
        )
    ).all()
    received = {code for code, _, _ in submissions if code}
    counted = {code: is_late for code, is_counted, is_late in submissions if is_counted and code}
    groups: dict[str, CompletenessRow] = {}
    total = CompletenessRow("Tổng cộng")
    result = Completeness(rows=[])
    for code, name, kind in units:
        row = groups.setdefault(kind, CompletenessRow(campaign.unit_vocabulary.kind_label(kind)))
        for target in (row, total):
            target.expected += 1
            if code in received:
                target.received += 1
            if code in counted:
                target.late += counted[code]
                target.on_time += not counted[code]
            elif code in received:
                target.invalid += 1
            else:
                target.missing += 1
        if code not in received:
            result.missing_units.append((code, name))
        elif code not in counted:
            result.invalid_units.append((code, name))
    order = list(campaign.unit_vocabulary.kinds)
    result.rows = [
        groups[k]
        for k in sorted(groups, key=lambda k: order.index(k) if k in order else len(order))
    ] + [total]
    return result


def status_label(status: str) -> str:
    """Return a submission status in Vietnamese."""
    return {
        SubmissionStatus.VALID.value: "hợp lệ",
        SubmissionStatus.INVALID.value: "có lỗi",
        SubmissionStatus.UNREADABLE.value: "không đọc được",
        "set_aside": "tạm gác, đã báo quản trị viên",
        "vanished": "đã bị xóa trước khi đọc",
    }.get(status, status)
