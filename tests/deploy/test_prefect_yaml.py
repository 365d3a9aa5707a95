"""deploy/prefect.yaml: every entrypoint imports, every form and schedule fits its flow."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from prefect.exceptions import ParameterTypeError
from prefect.flows import load_flow_from_entrypoint

from deploy.campaign_schedules import with_campaign_schedules
from deploy.deployments import PREFECT_FILE, PROJECT_DIR, deployment_specs, runner_deployment
from models.campaign import load_campaign, shipped_campaign_path
from tests.tasks.test_campaign_schedules import at, other_campaign

SPECS = deployment_specs()
EXPECTED = {
    "collect-reports",
    "aggregate-year",
    "review-phase",
    "appraise-phase",
    "verify-phase",
    "submit-to-chairman",
    "record-decision",
    "build-dossier",
    "giay-khen",
}


PAUSING = {"appraise-phase", "verify-phase", "record-decision"}


def test_the_file_defines_every_deployment_once() -> None:
    assert sorted(s["name"] for s in SPECS) == sorted(EXPECTED)
    raw = yaml.safe_load(PREFECT_FILE.read_text(encoding="utf-8"))
    assert "definitions" in raw
    (pull,) = raw["pull"]
    assert "set_working_directory" in next(iter(pull))


ASKED = {"giay-khen": {"campaign": "cds-2022-2025", "unit": "SO-YT", "round_code": "tong-ket-2025"}}


@pytest.mark.parametrize("spec", SPECS, ids=[s["name"] for s in SPECS])
def test_each_entrypoint_imports_and_its_parameters_fit(spec: dict) -> None:
    path, _, name = spec["entrypoint"].partition(":")
    assert (PROJECT_DIR / path).is_file()
    flow = load_flow_from_entrypoint(str(Path(PROJECT_DIR) / spec["entrypoint"]))
    assert flow.name == spec["name"]
    assert spec["description"].strip()
    assert "thidua" in spec["tags"]
    assert spec["enforce_parameter_schema"] is True
    if spec["name"] in PAUSING:  # a paused run must hold no slot; the database serialises
        assert "concurrency_limit" not in spec
    else:
        assert spec["concurrency_limit"] == {"limit": 1, "collision_strategy": "ENQUEUE"}
    assert spec["work_pool"]["name"] == "thidua-process"
    # What a person types in the run form where a deployment can have no default (whose round).
    asked = ASKED.get(spec["name"], {})
    flow.validate_parameters({**(spec.get("parameters") or {}), **asked})
    if asked:
        with pytest.raises(ParameterTypeError):
            flow.validate_parameters(spec.get("parameters") or {})
    for schedule in spec.get("schedules", []):
        flow.validate_parameters(
            {**(spec.get("parameters") or {}), **schedule.get("parameters", {})}
        )
        assert schedule["timezone"] == "Asia/Ho_Chi_Minh"
    deployment = runner_deployment(spec)
    assert deployment.enforce_parameter_schema
    assert deployment.concurrency_limit == (None if spec["name"] in PAUSING else 1)
    assert "campaign" in deployment._parameter_openapi_schema.properties  # noqa: SLF001


def test_the_file_names_no_campaign_and_the_campaigns_give_the_schedules() -> None:
    text = PREFECT_FILE.read_text(encoding="utf-8")
    assert "cds-" not in text
    assert all(not spec.get("schedules") for spec in SPECS)
    shipped, _ = load_campaign(shipped_campaign_path("cds-2022-2025"))
    scheduled = with_campaign_schedules(SPECS, [shipped, other_campaign()], at(2025, 6, 1))
    by_name = {s["name"]: s for s in scheduled}
    collect = by_name["collect-reports"]["schedules"]
    assert [(e["parameters"]["campaign"], e["parameters"]["year"]) for e in collect] == [
        ("cds-2022-2025", 2025),
        ("tinh-khac-2026-2027", 2026),
        ("tinh-khac-2026-2027", 2027),
    ]
    phases = [e["parameters"]["phase"] for e in by_name["review-phase"]["schedules"]]
    assert phases == ["tong-ket-2025", "tong-ket-2027"]
    for human in ("appraise-phase", "verify-phase", "record-decision"):
        assert not by_name[human].get("schedules")  # people decide when they meet
    for name in ("collect-reports", "aggregate-year", "review-phase"):
        spec = by_name[name]
        flow = load_flow_from_entrypoint(str(Path(PROJECT_DIR) / spec["entrypoint"]))
        for schedule in spec["schedules"]:
            assert "UNTIL=" in schedule["rrule"]
            flow.validate_parameters({**(spec.get("parameters") or {}), **schedule["parameters"]})
        deployment = runner_deployment(spec)
        assert [s.slug for s in deployment.schedules or []] == [
            e["slug"] for e in spec["schedules"]
        ]
