"""The whole campaign replayed on the local stack: four years, two reviews, two dossiers."""

from __future__ import annotations

import contextvars
import threading
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from prefect import Flow
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import (
    FlowRunFilter,
    FlowRunFilterName,
    FlowRunFilterState,
    FlowRunFilterStateType,
)
from prefect.client.schemas.objects import StateType
from prefect.client.schemas.sorting import FlowRunSort
from sqlmodel import select

from cli.demo_accounts import DEMO_ACCOUNTS
from cli.demo_uploads import Prepared, remember, uploaded_before, year_inputs
from models.campaign import Campaign, Phase
from models.database import session_scope
from models.settings import Settings
from models.tables import AwardDecision
from tasks.campaigns import current_campaign
from tasks.demo import scripted
from tasks.demo.uploads import Upload, put_uploads, year_uploads
from tasks.storage import ObjectStore
from tasks.workflow.resume import resume_signed

Say = Callable[[str], None]
# When each review body meets, per phase year (the dossier's dates come from these records).
MEETINGS = {"council": (12, 19), "decision": (12, 29)}
# How often the demo looks whether a run waits for a decision, and a paused run for its answer.
POLL_SECONDS = 0.1


def _wait_paused(name: str, since: float, timeout: float = 180) -> Any:
    """Return the id of the run called name, created since, once it is paused (polled often)."""
    deadline = time.monotonic() + timeout
    paused = FlowRunFilter(
        name=FlowRunFilterName(any_=[name]),
        state=FlowRunFilterState(type=FlowRunFilterStateType(any_=[StateType.PAUSED])),
    )
    with get_client(sync_client=True) as client:
        while time.monotonic() < deadline:
            runs = client.read_flow_runs(
                flow_run_filter=paused, sort=FlowRunSort.EXPECTED_START_TIME_DESC, limit=5
            )
            for run in runs:
                if run.created is not None and run.created.timestamp() >= since - 5:
                    return run.id
            time.sleep(POLL_SECONDS)
    raise RuntimeError(f"lần chạy {name} không tạm dừng chờ quyết định")


def decide(
    flow: Flow[..., Any],
    run_name: str,
    answer: Callable[[], dict[str, Any]],
    role: str,
    **kwargs: Any,
) -> Any:
    """Run a flow that pauses for a person, answer it as that person would, and wait for it."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["result"] = flow(**kwargs, poll_seconds=POLL_SECONDS)
        except BaseException as error:  # re-raised below, in the caller's thread
            outcome["error"] = error

    since = time.time()
    # the flow sees this thread's Prefect settings (API, no heartbeats: cli.prefect_api)
    worker = threading.Thread(target=contextvars.copy_context().run, args=(run,), daemon=True)
    worker.start()
    run_id = _wait_paused(run_name, since)
    resume_signed(run_id, answer(), account=DEMO_ACCOUNTS[role][0], role=role)
    worker.join(timeout=600)
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("result")


def upload_year(
    settings: Settings,
    campaign: Campaign,
    year: int,
    prepared: tuple[list[Upload], str] | None = None,
) -> int:
    """Put the year's uploads (generated now unless prepared) in the inbox; return how many were
    new. Uploads the inbox holds already from the same inputs are not generated again."""
    store = ObjectStore(settings.as_admin())
    if prepared is None:
        units, former, digest = year_inputs(campaign, year)
        if uploaded_before(settings, store, campaign, year, digest):
            return 0
        uploads = year_uploads(campaign, units, year, former=former)
    else:
        uploads, digest = prepared
    assert settings.receipt_key is not None
    # The demo plays the units, so it uploads with the root key, not the flows' service account.
    written = put_uploads(store, settings.inbox_bucket, uploads, key=settings.receipt_key)
    remember(settings, campaign, year, digest, uploads)
    return written


def _decided(campaign: Campaign, phase: Phase) -> AwardDecision | None:
    with session_scope() as session:
        return session.exec(
            select(AwardDecision).where(
                AwardDecision.campaign_code == campaign.code,
                AwardDecision.phase_code == phase.code,
            )
        ).first()


def load_flows() -> None:
    """Import the flows the replay runs (Prefect and ours: seconds), e.g. while the stack starts."""
    import flows.aggregate_year
    import flows.appraise_phase
    import flows.build_dossier
    import flows.collect_reports
    import flows.record_decision
    import flows.review_phase
    import flows.submit_to_chairman
    import flows.verify_phase  # noqa: F401


def review(campaign: Campaign, phase: Phase, say: Say) -> None:
    """Run a phase review through the same flows the operators use, decisions scripted."""
    from flows.appraise_phase import appraise_phase
    from flows.build_dossier import build_dossier
    from flows.record_decision import record_chairman_decision
    from flows.review_phase import review_phase
    from flows.submit_to_chairman import submit_to_chairman
    from flows.verify_phase import verify_phase

    proposal = review_phase(campaign=campaign.code, phase=phase.code)
    say(
        f"    {phase.name} ({phase.quarter}): đề xuất {proposal['selected']['tap_the']} tập thể, "
        f"{proposal['selected']['ca_nhan']} cá nhân (mã băm {proposal['result_sha256'][:12]})"
    )
    if _decided(campaign, phase) is not None:
        say("    đã có quyết định khen thưởng từ lần chạy trước: lập lại hồ sơ")
        build_dossier(campaign=campaign.code, phase=phase.code)
        return
    year = max(phase.years)
    council_day = date(year, *MEETINGS["council"])
    decision_day = date(year, *MEETINGS["decision"])

    def council() -> dict[str, Any]:
        with session_scope() as session:
            return scripted.council_decision(
                session, campaign=campaign, phase=phase, day=council_day
            )

    def verify() -> dict[str, Any]:
        with session_scope() as session:
            return scripted.verification(session, campaign=campaign, phase=phase)

    def chairman() -> dict[str, Any]:
        with session_scope() as session:
            return scripted.chairman_decision(
                session, campaign=campaign, phase=phase, day=decision_day, number=1000 + year % 100
            )

    params = {"campaign": campaign.code, "phase": phase.code}
    voted = decide(appraise_phase, f"appraise-{phase.code}", council, "council", **params)
    say(f"    Hội đồng thẩm định: {voted['status']} (biên bản #{voted.get('meeting_id')})")
    verified = decide(verify_phase, f"verify-{phase.code}", verify, "home_affairs", **params)
    advisory = phase.home_affairs_department.name
    say(f"    {advisory} thống nhất {len(verified.get('verified', []))} trường hợp")
    submitted = submit_to_chairman(**params, operator_name="Lường Thị Hạnh")
    head = campaign.issuer_of(phase).head
    say(f"    trình {head} {len(submitted['submitted'])} trường hợp, kèm hồ sơ")
    decided = decide(
        record_chairman_decision, f"decision-{phase.code}", chairman, "chairman_office", **params
    )
    say(f"    Quyết định số {decided.get('number')}: hồ sơ lập lại theo quyết định")
    build_dossier(**params)


def copy_outputs(settings: Settings, campaign: Campaign, out: Path) -> list[Path]:
    """Copy the dossiers and yearly summaries from the output bucket to out/."""
    store = ObjectStore(settings)
    copied = []
    for prefix in (f"ho-so/{campaign.code}/", f"tong-hop/{campaign.code}/"):
        for info in store.list(settings.output_bucket, prefix):
            target = out / info.key
            store.download(settings.output_bucket, info.key, target)
            copied.append(target)
    return copied


def run_cycle(
    settings: Settings, campaign_code: str, out: Path, say: Say, prepared: Prepared | None = None
) -> list[Path]:
    """Replay every year of the campaign and both reviews; return the files copied to out/.

    prepared holds uploads generated beforehand (prepare_uploads), by campaign and year.
    """
    from flows.aggregate_year import aggregate_year
    from flows.collect_reports import collect_reports

    with session_scope() as session:
        campaign = current_campaign(session, code=campaign_code)[0]
    review_after = {max(phase.years): phase for phase in campaign.phases}
    for year in campaign.years:
        written = upload_year(
            settings, campaign, year, (prepared or {}).pop((campaign.code, year), None)
        )
        collected = collect_reports(campaign=campaign.code, year=year)
        summary = aggregate_year(campaign=campaign.code, year=year)
        say(
            f"  Năm {year}: {written} tệp mới tải lên (cả hồ sơ đính kèm); "
            f"{collected['processed']} báo cáo được kiểm tra; "
            f"{summary['reported']}/{summary['expected']} đơn vị có báo cáo hợp lệ, "
            f"{summary['on_time']} đúng hạn"
        )
        if year in review_after:
            review(campaign, review_after[year], say)
    return copy_outputs(settings, campaign, out)
