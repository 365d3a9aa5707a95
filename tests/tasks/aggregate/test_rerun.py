"""A rerun with nothing new returns the stored year and phase results without computing them."""

from __future__ import annotations

import random

from sqlmodel import col, select

from models.campaign import load_campaign, shipped_campaign_path
from models.database import session_scope, upgrade
from models.tables import Submission, YearAggregate
from tasks.aggregate.run import aggregate_year_results
from tasks.review.proposal import propose
from tests.tasks.aggregate.golden_data import SHA, seed


def test_reruns_reuse_what_did_not_change_and_redo_what_did(database_url: str) -> None:
    upgrade(database_url)
    campaign = load_campaign(shipped_campaign_path("cds-2022-2025"))[0]
    final = campaign.phase("tong-ket-2025")
    with session_scope(database_url) as session:
        seed(session, random.Random(20251216))
    first = {}
    with session_scope(database_url) as session:
        for year in campaign.years:
            outcome = aggregate_year_results(
                session, campaign=campaign, campaign_sha256=SHA, year=year
            )
            assert not outcome.reused
            assert outcome.payload is not None
            first[year] = outcome
        proposal = propose(session, campaign=campaign, campaign_sha256=SHA, phase=final)
        assert not proposal.reused
        placed = [(f.nomination.id, p.rank, p.selected) for f, p in proposal.placements]
    with session_scope(database_url) as session:
        for year in campaign.years:
            again = aggregate_year_results(
                session, campaign=campaign, campaign_sha256=SHA, year=year
            )
            assert again.reused
            assert again.payload is None
            assert (again.result_sha256, again.summary) == (
                first[year].result_sha256,
                first[year].summary,
            )
        rerun = propose(session, campaign=campaign, campaign_sha256=SHA, phase=final)
        assert rerun.reused
        assert rerun.result.id == proposal.result.id
        # Read on demand, the placements are those computed the first time.
        assert [(f.nomination.id, p.rank, p.selected) for f, p in rerun.placements] == placed
        whatif = propose(
            session,
            campaign=campaign,
            campaign_sha256=SHA,
            phase=final,
            individual_quota=3,
            collective_quota=2,
        )
        whatif_again = propose(
            session,
            campaign=campaign,
            campaign_sha256=SHA,
            phase=final,
            individual_quota=3,
            collective_quota=2,
        )
        assert whatif_again.reused
        assert (whatif_again.entering, whatif_again.leaving) == (whatif.entering, whatif.leaving)
        assert whatif.leaving
    with session_scope(database_url) as session:  # a new counted report of 2025 arrives
        old = session.exec(
            select(Submission).where(
                Submission.year == 2025,
                col(Submission.is_counted).is_(True),
                col(Submission.unit_code).like("X-G%"),  # units that exist through 2025
            )
        ).first()
        assert old is not None
        old.is_late = not old.is_late
        session.add(old)
    with session_scope(database_url) as session:
        unchanged = aggregate_year_results(
            session, campaign=campaign, campaign_sha256=SHA, year=2024
        )
        assert unchanged.reused  # 2024 reads 2023 and 2024 only
        changed = aggregate_year_results(session, campaign=campaign, campaign_sha256=SHA, year=2025)
        assert not changed.reused
        assert changed.result_sha256 != first[2025].result_sha256
        assert len(session.exec(select(YearAggregate)).all()) == 4
        again = propose(session, campaign=campaign, campaign_sha256=SHA, phase=final)
        assert not again.reused
        assert again.result.inputs_sha256 != proposal.result.inputs_sha256
