"""Award rules of a campaign: who is eligible, how lineage counts, how the council decides."""

from __future__ import annotations

import math
from typing import Annotated, Literal

from pydantic import ConfigDict, Field

from models.nfc_model import NfcModel

Fraction = Annotated[float, Field(ge=0, le=1)]


class _Strict(NfcModel):
    """Base: unknown fields are errors, text is NFC."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class CollectiveEligibility(_Strict):
    """How a collective meets the plan's III.1 standards over a phase."""

    rule: Literal["every_year", "last_year_and_average"] = Field(
        "every_year",
        description="every_year: every applicable criterion met in each year of the phase; "
        "last_year_and_average: every applicable criterion met in the phase's last year and the "
        "average achievement over the phase at least average_achievement.",
    )
    average_achievement: Fraction = 0.9
    late_report_allowed: bool = Field(
        True, description="A late (but valid) report still counts for eligibility."
    )


class IndividualEligibility(_Strict):
    """How an individual is eligible on their own record under III.2."""

    min_initiatives: int = Field(
        1, ge=0, description="Recognised initiatives or solutions named in the nomination sheet."
    )
    unit_not_in_breach: bool = Field(
        True, description="The person's unit sent a valid report for every year of the phase."
    )
    require_birth_date: bool = Field(
        True, description="A person is identified by name, date of birth, gender and unit."
    )


class Lineage(_Strict):
    """How a merged unit's years are read from its predecessors."""

    missing_predecessor_year: Literal["not_met", "excluded"] = Field(
        "not_met",
        description="not_met: a predecessor's missing year counts as 0 points and criteria not "
        "met; excluded: it is left out of the average and of eligibility, and said so.",
    )


class Eligibility(_Strict):
    """Eligibility first, ranking second: the plan's standards as settings."""

    collective: CollectiveEligibility = Field(default_factory=CollectiveEligibility)
    individual: IndividualEligibility = Field(default_factory=IndividualEligibility)
    earlier_award_blocks: bool = Field(
        False, description="An award earlier in the movement makes the candidate ineligible."
    )
    lineage: Lineage = Field(default_factory=Lineage)


class CouncilRules(_Strict):
    """The appraisal council's voting rules, as a provincial regulation publishes them."""

    regulation: str = Field(
        min_length=1, description="The regulation the defaults come from, cited in full."
    )
    source: str = Field("", description="Where the regulation's text was read.")
    quorum_more_than: Fraction = Field(
        0.5,
        description="The meeting decides only when more than this share of the council's total "
        "members is present.",
    )
    approval_share: Fraction = Field(
        0.7, description="Share of the council's total members in favour needed to propose."
    )
    written_opinions_count: bool = Field(
        True, description="Absent members' written opinions count in favour (ND 91/2017 art. 45)."
    )

    def quorate(self, *, present: int, total: int) -> bool:
        """Return whether present members out of total make a quorum."""
        return present > self.quorum_more_than * total + 1e-9

    def needed(self, total: int) -> int:
        """Return the votes in favour a proposal needs out of total members."""
        return max(1, math.ceil(self.approval_share * total - 1e-9))
