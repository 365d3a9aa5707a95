"""The README's main command on a private stack: the whole campaign, end to end, twice."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select
from sqlmodel import Session

from deploy.stack_env import prefect_auth, prefect_auth_headers
from models.settings import Settings
from models.tables import AwardDecision, Nomination, Submission
from tests.deploy.test_local_stack import _env, _run
from tests.tasks.documents.artefacts import problems

CAMPAIGN = "cds-2022-2025"
MINISTRY = "bkhcn-cds-2026-2027"


def _hash_lines(stdout: str) -> list[str]:
    """Return the lines where the demo prints each campaign's result hashes."""
    return [line for line in stdout.splitlines() if "mã băm (không đổi" in line]


def _flow_run_names(settings: Settings) -> set[str]:
    import urllib.request

    request = urllib.request.Request(  # noqa: S310 (loopback)
        f"{settings.prefect_api_url}/flow_runs/filter",
        data=json.dumps({"limit": 200}).encode(),
        headers={"Content-Type": "application/json", **prefect_auth_headers(settings)},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return {run["name"] for run in json.loads(response.read())}


@pytest.mark.slow
@pytest.mark.timeout(1500)
def test_demo_replays_both_campaigns_and_builds_their_dossiers(tmp_path: Path) -> None:
    env, stack = _env(tmp_path / "var")
    out = tmp_path / "out"
    try:
        result = _run(["demo", "--out", str(out)], env, timeout=1200)
        assert result.returncode == 0, result.stdout + result.stderr
        assert f"Giao diện Prefect (Prefect UI): {stack.settings.prefect_ui_url}" in result.stdout
        assert "Cổng thidua (đơn vị nộp báo cáo" in result.stdout
        assert stack.settings.portal_url in result.stdout
        assert f"Máy chủ S3: {stack.settings.s3_url}" in result.stdout
        assert "72 mới" in result.stdout
        assert "units-bo-khcn.csv: 15 mới" in result.stdout  # the ministry's own registry
        assert len(_hash_lines(result.stdout)) == 2
        assert all(item.healthy for item in stack.status())
        runs = _flow_run_names(stack.settings)
        assert {
            "collect-2022",
            "aggregate-2025",
            "appraise-so-ket-2023",
            "verify-tong-ket-2025",
            "decision-tong-ket-2025",
        } <= runs  # on the stack's server, not a temporary one

        # The stack's worker runs a registered deployment with the same settings and code.
        from prefect.deployments import run_deployment
        from prefect.settings import PREFECT_API_AUTH_STRING, PREFECT_API_URL, temporary_settings

        with temporary_settings(
            updates={
                PREFECT_API_URL: stack.settings.prefect_api_url,
                PREFECT_API_AUTH_STRING: prefect_auth(stack.settings),
            }
        ):
            by_worker = run_deployment(
                "aggregate-year/aggregate-year",
                parameters={"campaign": CAMPAIGN, "year": 2024},
                timeout=300,
            )
        assert by_worker.state is not None
        assert by_worker.state.is_completed(), by_worker.state
        assert by_worker.name == "aggregate-2024"

        engine = create_engine(stack.settings.resolved_database_url)
        with Session(engine) as session:
            submissions = session.execute(select(func.count()).select_from(Submission)).scalar()
            late = session.execute(
                select(func.count()).select_from(Submission).where(Submission.is_late)
            ).scalar()
            invalid = session.execute(
                select(func.count()).select_from(Submission).where(Submission.status == "invalid")
            ).scalar()
            decisions = session.execute(select(AwardDecision)).scalars().all()
            by_campaign = {(d.campaign_code, d.phase_code): d.number for d in decisions}
            awarded = session.execute(
                select(Nomination.phase_code, func.count())
                .where(Nomination.state == "awarded")
                .group_by(Nomination.phase_code)
            ).all()
        assert late
        assert invalid  # faulty first versions, fixed by a re-upload
        assert sorted(by_campaign) == [
            (MINISTRY, "tong-ket-2027"),
            (CAMPAIGN, "so-ket-2023"),
            (CAMPAIGN, "tong-ket-2025"),
        ]
        assert by_campaign[MINISTRY, "tong-ket-2027"] == "1027/QĐ-BKHCN"
        assert by_campaign[CAMPAIGN, "tong-ket-2025"].endswith("/QĐ-UBND")
        assert dict(awarded)["so-ket-2023"] <= 30
        assert dict(awarded)["tong-ket-2025"] <= 45
        manifests = {}
        for campaign, phase in (
            (CAMPAIGN, "so-ket-2023"),
            (CAMPAIGN, "tong-ket-2025"),
            (MINISTRY, "tong-ket-2027"),
        ):
            folder = out / "ho-so" / campaign / phase
            manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
            manifests[campaign, phase] = (folder / "manifest.json").read_bytes()
            kinds = {item["kind"] for item in manifest["files"]}
            assert {"to_trinh", "bien_ban", "bao_cao_thanh_tich", "quyet_dinh"} <= kinds
            assert manifest["decision"], phase  # the Chairman's recorded decision is in it
            assert list(folder.glob("*.zip"))
        assert list((out / "tong-hop" / CAMPAIGN).rglob("*.docx"))
        for document in sorted(out.rglob("*.docx")):  # every document a clerk would read
            assert problems(document.read_bytes()) == [], document

        again = _run(["demo", "--out", str(out)], env, timeout=1200)
        assert again.returncode == 0, again.stdout + again.stderr
        assert "0 mới, 0 cập nhật, 72 không đổi" in again.stdout
        assert _hash_lines(again.stdout) == _hash_lines(result.stdout)
        with Session(engine) as session:
            assert (
                session.execute(select(func.count()).select_from(Submission)).scalar()
                == submissions
            )
        for (campaign, phase), before in manifests.items():
            after = (out / "ho-so" / campaign / phase / "manifest.json").read_bytes()
            assert after == before, phase  # the same records give the same dossier
        engine.dispose()
    finally:
        down = _run(["stack", "down"], env)
    assert down.returncode == 0
    assert not any(item.running for item in stack.status())
