"""A campaign's deadline and its phases: the law, issuer, quotas and tie-breaks of each review."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Literal

from pydantic import Field, model_validator

from models.campaign_documents import PhaseDocuments
from models.campaign_issuer import Authority, Issuer, Signatory
from models.campaign_types import Fraction
from models.nfc_model import Strict


class Deadline(Strict):
    """The yearly report deadline, local time."""

    day: int = Field(ge=1, le=31)
    month: int = Field(ge=1, le=12)
    time: dt.time = dt.time(23, 59, 59)


class LegalBasis(Strict):
    """The law a phase runs under."""

    law: str = Field(min_length=1)
    decree: str = Field(min_length=1)
    achievement_form: str = Field(min_length=1, description="The achievement report's form.")
    citations: list[str] = Field(min_length=1, description="The 'Căn cứ …' lines, in order.")
    thematic_award_not_grounds_for_higher: bool = False


class Quotas(Strict):
    """At most this many awards."""

    collective: int = Field(ge=0)
    individual: int = Field(ge=0)


class TieBreak(StrEnum):
    """The published tie-break rules, applied in the order the campaign lists them."""

    TOTAL_SCORE = "total_score"
    LATEST_YEAR_SCORE = "latest_year_score"
    INITIATIVES = "initiatives"
    WOMEN_PRIORITY = "women_priority"
    ON_TIME_REPORTS = "on_time_reports"
    CODE = "code"  # no longer accepted: an internal order never breaks a tie


PERSONAL_RULES = (TieBreak.INITIATIVES, TieBreak.WOMEN_PRIORITY)


class Phase(Strict):
    """A preliminary or final review, with its own law, issuer and quotas."""

    code: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    kind: Literal["preliminary", "final"]
    name: str = Field(min_length=1, description="e.g. Sơ kết Phong trào thi đua.")
    quarter: str = Field(pattern=r"^Q[1-4]/\d{4}$")
    years: list[int] = Field(min_length=1)
    quotas: Quotas
    issuing_authority: Authority
    issuer: Issuer | None = Field(
        None, description="Who awards in this phase, when not the campaign's issuer."
    )
    appraising_department: Authority
    home_affairs_department: Authority
    place: str = Field(min_length=1)
    signatories: dict[
        Literal["chairman", "appraiser", "council_chair", "council_secretary"], Signatory
    ]
    legal_basis: LegalBasis
    template_set: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    require_every_year: bool = True
    women_priority: bool = False
    women_collective_share: Fraction = 0.7
    tie_breaks: list[TieBreak] = Field(
        default_factory=lambda: [TieBreak.TOTAL_SCORE, TieBreak.LATEST_YEAR_SCORE],
        description="Collectives: the ranking measure, then the published tie-breaks, in order.",
    )
    individual_ranking: list[TieBreak] = Field(
        default_factory=lambda: [TieBreak.INITIATIVES],
        description="Individuals, on their own record: initiatives, then published priorities.",
    )
    documents: PhaseDocuments = Field(default_factory=PhaseDocuments)

    @model_validator(mode="after")
    def _published_rules_only(self) -> Phase:
        for name, rules in (
            ("tie_breaks", self.tie_breaks),
            ("individual_ranking", self.individual_ranking),
        ):
            if not rules:
                raise ValueError(f"{name} không được để trống")
            if TieBreak.CODE in rules:
                raise ValueError(
                    f"{name}: không dùng 'code' - trường hợp bằng nhau tại đường cắt do Hội đồng "
                    "quyết định, không phân định theo thứ tự mã hồ sơ"
                )
            if self.women_priority != (TieBreak.WOMEN_PRIORITY in rules):
                raise ValueError(
                    f"women_priority và quy tắc 'women_priority' trong {name} phải khớp"
                )
        unit_rules = sorted(set(self.individual_ranking) - set(PERSONAL_RULES))
        if unit_rules:
            raise ValueError(
                "individual_ranking chỉ dùng thành tích của chính cá nhân (initiatives, "
                f"women_priority), không dùng {', '.join(unit_rules)}"
            )
        return self
