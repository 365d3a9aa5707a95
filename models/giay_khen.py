"""A unit's own Giấy khen round in a movement: the head's criteria, quota and candidates.

The head of a unit (plan IV.2.2; Law on Emulation and Commendation 2022, art. 74-75; Decree
152/2025) sets the standards of its Giấy khen on its own authority. The criteria use the campaign
file's indicator and scoring schema, the standards its eligibility schema, so that the movement's
engine evaluates, ranks and selects the unit's candidates.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, model_validator

from models.award_rules import Eligibility, IndividualEligibility
from models.campaign import (
    PERSONAL_RULES,
    Authority,
    Indicator,
    Quotas,
    Scoring,
    Signatory,
    Strict,
    TieBreak,
)

CandidateKind = Literal["tap_the", "ca_nhan"]
KINDS: tuple[CandidateKind, ...] = ("tap_the", "ca_nhan")
Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]


class RoundCriterion(Indicator):
    """A criterion of the head's standards: an indicator, judged on collectives or individuals."""

    candidates: list[CandidateKind] = Field(
        default_factory=lambda: list(KINDS),
        min_length=1,
        description="Whom the criterion is judged on: tap_the (sub-units), ca_nhan (staff).",
    )


class Result(Strict):
    """A candidate's figures on one criterion: total and achieved (a count or 0/1: achieved)."""

    total: float | None = Field(None, ge=0)
    achieved: float = Field(ge=0)


class RoundCandidate(Strict):
    """One row of the candidates' list the head's clerk fills: a sub-unit or a member of staff."""

    code: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]*$", description="e.g. CN01, TT02.")
    kind: CandidateKind
    full_name: str = Field(min_length=1)
    unit_code: str | None = Field(None, description="A sub-unit's code in the units registry.")
    birth_date: dt.date | None = None
    gender: Literal["nam", "nu"] | None = None
    post: str = Field("", description="A person's post, e.g. Bác sĩ, Trưởng khoa.")
    department: str = Field("", description="Where a person works inside the unit.")
    women_share: float | None = Field(None, ge=0, le=1)
    initiatives: str = Field("", description="Recognised initiatives, separated by ';'.")
    achievements: str = ""
    results: dict[str, Result] = Field(default_factory=dict)


class Head(Strict):
    """The unit's head, who awards the Giấy khen, and how the decision is printed."""

    authority: Authority
    signatory: Signatory
    place: str = Field(min_length=1, description="Where the decision is signed, e.g. Bắc Kạn.")
    proposer: str = Field(
        "", description="Who proposes the list, e.g. Trưởng phòng Tổ chức cán bộ."
    )


class GiayKhenRound(Strict):
    """A unit's Giấy khen round in a movement's phase."""

    code: Slug
    campaign: Slug
    phase: str = Field(min_length=1, description="The movement's phase whose achievement it is.")
    year: int = Field(ge=2000, le=2100)
    unit_code: str = Field(min_length=1, description="The awarding unit's code in the registry.")
    name: str = Field(min_length=1, description="e.g. Xét tặng Giấy khen tổng kết phong trào.")
    head: Head
    citations: list[str] = Field(min_length=1, description="The 'Căn cứ …' lines, in order.")
    criteria: list[RoundCriterion] = Field(min_length=1)
    scoring: Scoring
    eligibility: Eligibility = Field(
        default_factory=lambda: Eligibility(
            individual=IndividualEligibility(min_initiatives=0, unit_not_in_breach=False)
        )
    )
    quotas: Quotas
    tie_breaks: list[TieBreak] = Field(default_factory=lambda: [TieBreak.TOTAL_SCORE])
    individual_ranking: list[TieBreak] = Field(
        default_factory=lambda: [TieBreak.TOTAL_SCORE, TieBreak.INITIATIVES]
    )
    candidates: list[RoundCandidate] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> GiayKhenRound:
        problems: list[str] = []
        codes = [c.code for c in self.criteria]
        twice = sorted({c for c in codes if codes.count(c) > 1})
        if twice:
            problems.append(f"criteria: mã tiêu chí bị trùng: {', '.join(twice)}")
        for name, rules in (
            ("tie_breaks", self.tie_breaks),
            ("individual_ranking", self.individual_ranking),
        ):
            if not rules:
                problems.append(f"{name} không được để trống")
            if TieBreak.CODE in rules:
                problems.append(f"{name}: không dùng 'code' - thứ tự mã không phân định đồng hạng")
        unit_rules = set(self.individual_ranking) - {*PERSONAL_RULES, TieBreak.TOTAL_SCORE}
        if unit_rules:
            problems.append(
                "individual_ranking chỉ dùng kết quả của chính cá nhân (total_score, "
                f"initiatives, women_priority), không dùng {', '.join(sorted(unit_rules))}"
            )
        head_unit = self.head.authority.unit_code
        if head_unit and head_unit != self.unit_code:
            problems.append(
                f"head.authority.unit_code: '{head_unit}' khác đơn vị khen thưởng "
                f"'{self.unit_code}' - Thủ trưởng chỉ tặng Giấy khen cho đơn vị mình"
            )
        seen: dict[str, int] = {}
        for number, candidate in enumerate(self.candidates, start=1):
            where = f"candidates[{number - 1}] (ứng viên số {number}, mã {candidate.code})"
            if candidate.code in seen:
                problems.append(f"{where}: trùng mã với ứng viên số {seen[candidate.code]}")
            seen.setdefault(candidate.code, number)
            unknown = sorted(set(candidate.results) - set(codes))
            if unknown:
                problems.append(f"{where}.results: không có tiêu chí {', '.join(unknown)}")
            for code in sorted(set(candidate.results) & set(codes)):
                criterion = next(c for c in self.criteria if c.code == code)
                if candidate.kind not in criterion.candidates:
                    problems.append(
                        f"{where}.results.{code}: tiêu chí này không xét cho "
                        f"{'tập thể' if candidate.kind == 'tap_the' else 'cá nhân'}"
                    )
                result = candidate.results[code]
                if criterion.kind.value == "rate" and result.total is None:
                    problems.append(f"{where}.results.{code}: tiêu chí tỷ lệ cần 'total'")
                if result.total is not None and result.achieved > result.total:
                    problems.append(f"{where}.results.{code}: 'achieved' lớn hơn 'total'")
            if candidate.kind == "ca_nhan" and candidate.unit_code:
                problems.append(f"{where}.unit_code: chỉ tập thể mới có mã đơn vị")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def criteria_for(self, kind: str) -> list[RoundCriterion]:
        """Return the criteria judged on candidates of kind."""
        return [c for c in self.criteria if kind in c.candidates]

    def quota(self, kind: str) -> int:
        """Return the quota of kind (tap_the or ca_nhan)."""
        return self.quotas.collective if kind == "tap_the" else self.quotas.individual

    def rules(self, kind: str) -> list[TieBreak]:
        """Return the published ranking rules for kind."""
        return self.tie_breaks if kind == "tap_the" else self.individual_ranking

    @property
    def period(self) -> str:
        """Return the achievement's identity in the movement: campaign and phase."""
        return f"{self.campaign}/{self.phase}"

    def candidate(self, code: str) -> RoundCandidate:
        """Return the candidate with code."""
        for candidate in self.candidates:
            if candidate.code == code:
                return candidate
        raise KeyError(code)


class HeadDecision(Strict):
    """The head's decision on the proposal, as entered by the head or the clerk on their word."""

    decided_by: str = Field(min_length=1, description="Who records the decision (full name).")
    role: str = Field("thu_truong", min_length=1, description="thu_truong or van_thu (clerk).")
    signer_name: str = Field(min_length=1, description="The head who signs.")
    signer_title: str = Field("", description="Empty: the round file's signatory title.")
    number: str = Field("", description="e.g. 125/QĐ-SYT; empty while the decision is a draft.")
    signed_on: dt.date | None = None
    removed: dict[str, str] = Field(
        default_factory=dict, description="Proposed candidates not awarded: code → reason."
    )
    tie_winners: list[str] = Field(
        default_factory=list, description="Candidates the head chooses among those tied at the cut."
    )
