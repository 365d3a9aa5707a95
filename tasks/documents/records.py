"""The plain records a phase's dossier is rendered from (read from the database by sources)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from models.campaign import Campaign, Phase
from tasks.documents.facts import UnitBook

KIND_ORDER = {"tap_the": 0, "ca_nhan": 1}


@dataclass(frozen=True)
class YearResult:
    """A unit's result for one year of the phase (a predecessor's before a merger)."""

    year: int
    status: str
    score: float | None = None
    rank: int | None = None
    block: str | None = None
    criteria: tuple[dict[str, Any], ...] = ()
    from_units: tuple[str, ...] = ()  # the names of the predecessors whose results count


@dataclass(frozen=True)
class YearFigures:
    """The movement's figures of one year: units, reports, the mean score."""

    year: int
    expected: int
    reported: int
    on_time: int
    mean_score: float | None
    criteria_met: int = 0  # units that met every criterion applying to them


@dataclass(frozen=True)
class Attachment:
    """A unit's own file in its dinh-kem/ folder of the inbox, pinned to one version."""

    bucket: str
    key: str
    version_id: str | None
    size: int
    sha256: str | None = None


@dataclass(frozen=True)
class CandidateRecord:
    """One nominee of the dossier, with what its achievement report is made from."""

    nomination_id: int
    kind: str
    full_name: str
    state: str
    proposing_unit_code: str
    proposing_unit_name: str
    superior_name: str | None = None
    unit_code: str | None = None
    scored_unit_name: str = ""
    block: str | None = None
    birth_date: date | None = None
    gender: str | None = None
    women_share: float | None = None
    post_then: str | None = None
    unit_then: str | None = None
    post_now: str | None = None
    unit_now: str | None = None
    achievements: str | None = None
    initiatives: str | None = None
    report_file: str | None = None
    rank: int | None = None
    total_score: float | None = None
    years: tuple[YearResult, ...] = ()
    attachment: Attachment | None = None
    unit_kind: str | None = None

    @property
    def sort_key(self) -> tuple[Any, ...]:
        """Return the business order: kind, rank, proposing unit, name, birth date."""
        return (
            KIND_ORDER.get(self.kind, 9),
            self.rank if self.rank is not None else 10**9,
            self.proposing_unit_code,
            self.full_name,
            self.birth_date or date.min,
        )


@dataclass(frozen=True)
class VoteRecord:
    """The council's vote on one nomination."""

    nomination_id: int
    kind: str
    name: str
    unit_name: str
    post_then: str | None
    unit_then: str | None
    votes_for: int
    votes_against: int
    votes_abstain: int
    accepted: bool
    reason: str
    rank: int | None = None
    unit_code: str = ""

    @property
    def sort_key(self) -> tuple[Any, ...]:
        """Return the business order: kind, rank, proposing unit, name."""
        rank = self.rank if self.rank is not None else 10**9
        return (KIND_ORDER.get(self.kind, 9), rank, self.unit_code, self.name)


@dataclass(frozen=True)
class MeetingRecord:
    """The appraisal council's newest meeting on the phase, as recorded."""

    held_on: date
    start_time: str
    end_time: str
    venue: str
    chair_name: str
    chair_post: str
    secretary_name: str
    secretary_post: str
    attendees: tuple[tuple[str, str], ...]
    members_total: int
    data_sha256: str
    votes: tuple[VoteRecord, ...] = ()
    absent: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class DecisionRecord:
    """The Chairman's decision, once recorded."""

    number: str
    signed_on: date
    signer_name: str
    signer_title: str
    data_sha256: str


@dataclass(frozen=True)
class Dossier:
    """Everything a phase's dossier is rendered from."""

    campaign: Campaign
    campaign_sha256: str
    phase: Phase
    candidates: tuple[CandidateRecord, ...]
    awardees: tuple[CandidateRecord, ...]
    selection: str  # "nominations" (their states) or "phase_result" (its selected)
    phase_result_sha256: str | None = None
    nominated: dict[str, int] = field(default_factory=dict)
    eligible: dict[str, int] | None = None
    meeting: MeetingRecord | None = None
    decision: DecisionRecord | None = None
    eligible_ids: frozenset[int] = frozenset()
    figures: tuple[YearFigures, ...] = ()
    book: UnitBook = field(default_factory=lambda: UnitBook(()))
    returned: tuple[dict[str, str], ...] = ()

    @property
    def year(self) -> int:
        """Return the year the phase's documents are issued in."""
        return int(self.phase.quarter[-4:])

    @property
    def day(self) -> date:
        """Return the day the documents speak as of: decision, else meeting, else the quarter."""
        return document_day(self.phase, self.meeting, self.decision)


def document_day(
    phase: Phase, meeting: MeetingRecord | None, decision: DecisionRecord | None
) -> date:
    """Return the decision's day, else the meeting's, else the first day of the phase's quarter."""
    if decision is not None:
        return decision.signed_on
    if meeting is not None:
        return meeting.held_on
    quarter, year = int(phase.quarter[1]), int(phase.quarter[-4:])
    return date(year, 3 * quarter - 2, 1)
