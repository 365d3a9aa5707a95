"""Properties over generated phases: eligibility first, quota as a ceiling, ties to the council."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from models.award_rules import Eligibility
from models.campaign import TieBreak
from tasks.review.eligibility import collective_failures, individual_failures
from tasks.review.lineage import PhaseYear, SourceYear
from tasks.review.people import PersonIdentity
from tasks.scoring.selection import Candidate, select_candidates

YEARS = (2022, 2023, 2024, 2025)
COLLECTIVE_RULES = [TieBreak.TOTAL_SCORE, TieBreak.WOMEN_PRIORITY, TieBreak.LATEST_YEAR_SCORE]
PERSONAL_RULES = [TieBreak.INITIATIVES, TieBreak.WOMEN_PRIORITY]
RULES = Eligibility()

criterion = st.fixed_dictionaries(
    {
        "code": st.sampled_from(["HSCV_MANG", "VBDT", "CSDL_LGSP"]),
        "status": st.sampled_from(["met", "met", "met", "not_met", "not_applicable"]),
        "achievement": st.sampled_from([0.5, 0.9, 1.0]),
    }
)
unit_year = st.tuples(
    st.sampled_from(["on_time", "on_time", "late", "missing"]),
    st.sampled_from([60.0, 80.0, 95.0, 100.0]),
    st.lists(criterion, min_size=1, max_size=3),
)


def _years(code: str, drawn: list[tuple[str, float, list[dict[str, object]]]]) -> list[PhaseYear]:
    years = []
    for year, (status, score, criteria) in zip(YEARS, drawn, strict=True):
        source = SourceYear(code, year, status, score, tuple(criteria))
        item = PhaseYear(year, *(([source], []) if source.reported else ([], [source])))
        item.score = score if source.reported else None
        years.append(item)
    return years


def _meets_every_year(years: list[PhaseYear]) -> bool:
    """An independent statement of III.1 under the 'every_year' rule."""
    return all(
        item.used
        and all(
            any(c["status"] != "not_applicable" for c in s.criteria)
            and all(c["status"] != "not_met" for c in s.criteria)
            for s in item.used
        )
        for item in years
    )


units = st.lists(st.lists(unit_year, min_size=4, max_size=4), min_size=1, max_size=12)
people = st.lists(
    st.tuples(
        st.integers(0, 5),  # their unit, by position
        st.sampled_from(["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Hà Thị Dung"]),
        st.sampled_from([date(1980, 1, 1), date(1990, 6, 15), None]),
        st.sampled_from(["nam", "nu"]),
        st.integers(0, 3),  # recognised initiatives
    ),
    max_size=20,
)


@settings(max_examples=150, deadline=None)
@given(units, people, st.integers(0, 8), st.integers(0, 8), st.randoms())
def test_generated_phases(unit_draws, person_draws, collective_quota, individual_quota, rnd):
    histories = {f"U{i:02d}": _years(f"U{i:02d}", d) for i, d in enumerate(unit_draws)}
    codes = sorted(histories)
    collectives = []
    for code, years in histories.items():
        scores = [y.score or 0.0 for y in years]
        collectives.append(
            Candidate(
                key=code,
                kind="tap_the",
                name=code,
                total_score=sum(scores) / len(scores),
                latest_year_score=years[-1].score,
                priority_woman=rnd.random() < 0.3,
                ineligible_reasons=tuple(collective_failures(years, RULES)),
                identity=f"unit:{code}",
            )
        )
    individuals = []
    for n, (unit_at, name, born, gender, initiatives) in enumerate(person_draws):
        unit = codes[unit_at % len(codes)]
        identity = PersonIdentity(name.casefold(), born, gender, unit)
        reasons = individual_failures(
            initiatives=initiatives, identity=identity, unit_years=histories[unit], rules=RULES
        )
        individuals.append(
            Candidate(
                key=f"{unit}-{n:03d}",
                kind="ca_nhan",
                name=name,
                total_score=None,
                initiatives=initiatives,
                priority_woman=gender == "nu",
                ineligible_reasons=tuple(reasons),
                identity=f"person:{identity.key}" if identity.key else None,
            )
        )
    by_key = {c.key: c for c in collectives}
    placed = select_candidates(collectives, quota=collective_quota, rules=COLLECTIVE_RULES)
    for placement in placed:
        proposed = placement.selected or placement.tied_at_cut
        # No collective that missed a standard of III.1 is ever proposed or put to the vote.
        if proposed:
            assert _meets_every_year(histories[placement.candidate.key])
        # Every candidate not proposed is listed with a reason.
        assert placement.reasons
    assert sorted(p.candidate.key for p in placed) == sorted(by_key)
    assert sum(p.selected for p in placed) <= collective_quota
    chosen = select_candidates(individuals, quota=individual_quota, rules=PERSONAL_RULES)
    assert sum(p.selected for p in chosen) <= individual_quota
    ranked = [p for p in chosen if p.ranked]
    for placement in ranked:
        person = placement.candidate
        assert person.initiatives >= 1  # on their own record, never their unit's score
        unit = person.key.split("-")[0]
        assert all(item.used for item in histories[unit])  # the unit is not in breach
    # One person is never ranked twice, whichever units nominate them.
    keys = [p.candidate.identity for p in ranked]
    assert len(keys) == len(set(keys))
    # A tie at the cut always goes to the council: nobody in is tied with anybody out.
    for result, rules in ((placed, COLLECTIVE_RULES), (chosen, PERSONAL_RULES)):
        inside = [p for p in result if p.selected]
        outside = [p for p in result if p.ranked and not p.selected]
        for a in inside:
            for b in outside:
                assert _key(a.candidate, rules) > _key(b.candidate, rules)


def _key(candidate: Candidate, rules: list[TieBreak]) -> tuple[float, ...]:
    values = {
        TieBreak.TOTAL_SCORE: candidate.total_score or 0.0,
        TieBreak.LATEST_YEAR_SCORE: candidate.latest_year_score or 0.0,
        TieBreak.INITIATIVES: float(candidate.initiatives),
        TieBreak.WOMEN_PRIORITY: 1.0 if candidate.priority_woman else 0.0,
    }
    return tuple(values[rule] for rule in rules)
