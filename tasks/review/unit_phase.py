"""What every nomination of one scored unit shares, computed once per unit, not per nomination.

A country's 300,000 nominations come from 60,000 units: the unit's phase years, their notes, its
collective standards, scores and explanation (and that explanation's canonical JSON, hashed into
every candidate's row) are the same for each of its nominations.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from models.award_rules import Eligibility
from tasks.aggregate.bulk import json_text
from tasks.canonical import canonical_json as canonical
from tasks.review.eligibility import collective_failures
from tasks.review.lineage import PhaseYear


@dataclass
class UnitPhase:
    """A scored unit's years of the phase and what follows from them alone."""

    years: list[PhaseYear]
    ceased: str | None = None

    @cached_property
    def yearly(self) -> dict[int, float | None]:
        """Return the unit's score per year of the phase (0-100), lineage applied."""
        return {item.year: item.score for item in self.years}

    @cached_property
    def yearly_by_name(self) -> dict[str, float | None]:
        """Return yearly with the years as strings, sorted: as rows and breakdowns state it."""
        return {str(year): score for year, score in sorted(self.yearly.items())}

    @cached_property
    def lineage(self) -> list[dict[str, object]]:
        """Return the unit-years used and missing per year, for the explanation."""
        return [
            {
                "year": item.year,
                "used": [s.unit_code for s in item.used],
                "missing": [s.unit_code for s in item.missing],
                "score": item.score,
            }
            for item in self.years
        ]

    @cached_property
    def lineage_json(self) -> str:
        """Return canonical(lineage), serialised once for all the unit's candidates."""
        return canonical(self.lineage)

    @cached_property
    def yearly_json(self) -> str:
        """Return canonical(yearly_by_name), serialised once for all the unit's candidates."""
        return canonical(self.yearly_by_name)

    @cached_property
    def lineage_text(self) -> str:
        """Return json_text(lineage): as the candidates' stored breakdowns hold it."""
        return json_text(self.lineage)

    @cached_property
    def yearly_text(self) -> str:
        """Return json_text(yearly_by_name): as the candidates' stored breakdowns hold it."""
        return json_text(self.yearly_by_name)

    @cached_property
    def notes(self) -> list[str]:
        """Return the years' lineage notes, then the note of a unit that ceased to exist."""
        return [item.note for item in self.years if item.note] + (
            [self.ceased] if self.ceased else []
        )

    @cached_property
    def total_score(self) -> float | None:
        """Return the mean score over the phase's years (a year without a score counts 0)."""
        scores = [item.score for item in self.years]
        known = [s for s in scores if s is not None]
        return round(sum(known) / len(scores), 4) if known else None

    @cached_property
    def on_time_reports(self) -> int:
        """Return how many years of the phase were reported on time."""
        return sum(item.on_time for item in self.years)

    def collective_failures(self, rules: Eligibility) -> list[str]:
        """Return collective_failures(years, rules), computed once per unit (the rules are one)."""
        found = self.__dict__.get("_collective")
        if found is None:
            found = self.__dict__["_collective"] = collective_failures(self.years, rules)
        return list(found)
