"""review-phase end to end: collected nominations, aggregated years, a proposal within quota."""

from __future__ import annotations

from flows.aggregate_year import aggregate_year
from flows.collect_reports import collect_reports
from flows.review_phase import review_phase
from models.settings import Settings
from tasks.storage import ObjectStore
from tests.factories import NOMINATIONS
from tests.flows.e2e import CODE, YEAR, artifacts, good, upload

FULL = {"NV_DUNG_HAN": (10, 10), "BC_DUNG_HAN": (4, 4), "HSCV_MANG": (100, 100), "VBDT": (50, 50)}
DOSSIER = (
    "to-trinh.pdf",
    "bien-ban.pdf",
    "bao-cao-thanh-tich-phong-cntt.docx",
    "bao-cao-thanh-tich-nguyen-thi-hoa.docx",
)


def test_review_phase_proposes_within_quota_and_what_if(env: Settings) -> None:
    store = ObjectStore(env)
    for unit in ("SO-YT", "SO-TP"):
        upload(store, env, unit, "bc.xlsx", good(unit, year=YEAR - 1, values=FULL), year=YEAR - 1)
        upload(store, env, unit, "bc.xlsx", good(unit, values=FULL, nominations=NOMINATIONS))
        for name in DOSSIER:
            upload(store, env, unit, f"dinh-kem/{name}", b"%PDF")
    for year in (YEAR - 1, YEAR):
        collect_reports(campaign=CODE, year=year)
        aggregate_year(campaign=CODE, year=year)

    phase = f"tong-ket-{YEAR}"
    official = review_phase(campaign=CODE, phase=phase)
    assert official["official"] is True
    # Both units nominate the same person (name, date of birth, gender): reported, never ranked.
    assert official["selected"] == {"tap_the": 2, "ca_nhan": 0}
    assert official["eligible"] == {"tap_the": 2, "ca_nhan": 2}
    assert len(official["registry_sha256"]) == 64
    whatif = review_phase(campaign=CODE, phase=phase, collective_quota=1, individual_quota=1)
    assert whatif["official"] is False
    # The two collectives are tied on every published rule: one seat, the council's vote.
    assert whatif["selected"] == {"tap_the": 0, "ca_nhan": 0}
    assert whatif["tied"] == {"tap_the": 2, "ca_nhan": 0}
    assert len(whatif["leaving"]) == 2
    again = review_phase(campaign=CODE, phase=phase)
    assert again["result_sha256"] == official["result_sha256"]
    assert again["result_id"] == official["result_id"]
    assert artifacts(f"review-{CODE}-{phase}-chinh-thuc-ca-nhan")
    assert artifacts(f"review-{CODE}-{phase}-gia-dinh")
