"""The issuer is data: who decides, how they sign, the decisions' symbol, the award forms."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from models.campaign import CampaignFileError, load_campaign, shipped_campaign_path
from models.campaign_issuer import PROVINCIAL_COMMITTEE, IssuerKind
from tasks.workflow.issuer_checks import issuer_problems

MINISTRY = "bkhcn-cds-2026-2027"


def test_the_shipped_campaigns_declare_their_issuers() -> None:
    bac_kan, _ = load_campaign(shipped_campaign_path("cds-2022-2025"))
    ministry, _ = load_campaign(shipped_campaign_path(MINISTRY))
    declared = bac_kan.issuer.model_dump(exclude={"award"})  # in the file, as the default reads
    assert declared == PROVINCIAL_COMMITTEE.model_dump(exclude={"award"})
    assert bac_kan.issuer.award_form == PROVINCIAL_COMMITTEE.award_form
    assert ministry.issuer.kind is IssuerKind.MINISTRY
    phase = ministry.phase("tong-ket-2027")
    issuer = ministry.issuer_of(phase)
    assert issuer.decider(phase.issuing_authority) == "Bộ trưởng Bộ Khoa học và Công nghệ"
    assert issuer.decision_symbol() == "QĐ-BKHCN"
    assert issuer.award_form.name == "Bằng khen của Bộ trưởng Bộ Khoa học và Công nghệ"
    assert issuer.signer_lines("BỘ TRƯỞNG") == ("", "BỘ TRƯỞNG")
    assert issuer.signer_lines("THỨ TRƯỞNG") == ("KT. BỘ TRƯỞNG", "THỨ TRƯỞNG")
    final = bac_kan.phase("tong-ket-2025")
    assert bac_kan.issuer_of(final).decider(final.issuing_authority) == (
        "Chủ tịch Ủy ban nhân dân tỉnh Thái Nguyên"
    )


def _ministry_data() -> dict[str, object]:
    return yaml.safe_load(shipped_campaign_path(MINISTRY).read_text(encoding="utf-8"))


def _write(tmp_path: Path, data: dict[str, object]) -> Path:
    path = tmp_path / "campaign.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_a_ministry_file_that_forgets_its_issuer_is_refused(tmp_path: Path) -> None:
    data = _ministry_data()
    del data["issuer"]  # would read as a provincial People's Committee: …/QĐ-UBND
    with pytest.raises(CampaignFileError) as error:
        load_campaign(_write(tmp_path, data))
    assert "issuer.symbol là 'UBND'" in str(error.value)
    assert "'BKHCN'" in str(error.value)


def test_an_award_the_issuer_does_not_grant_is_refused(tmp_path: Path) -> None:
    data = _ministry_data()
    data["issuer"]["award"] = "co-thi-dua"  # type: ignore[index]
    with pytest.raises(CampaignFileError) as error:
        load_campaign(_write(tmp_path, data))
    assert "không có hình thức khen thưởng 'co-thi-dua'" in str(error.value)


def test_a_phase_may_have_its_own_issuer(tmp_path: Path) -> None:
    data = _ministry_data()
    phase = data["phases"][0]  # type: ignore[index]
    phase["issuer"] = {**data["issuer"], "deputy_title": "PHÓ THỦ TRƯỞNG"}  # type: ignore[dict-item]
    campaign, _ = load_campaign(_write(tmp_path, data))
    assert campaign.issuer_of(campaign.phases[0]).deputy_title == "PHÓ THỦ TRƯỞNG"
    assert campaign.issuer.deputy_title == "THỨ TRƯỞNG"


def test_a_recorded_decision_must_carry_the_issuers_symbol_and_signer() -> None:
    ministry, _ = load_campaign(shipped_campaign_path(MINISTRY))
    phase = ministry.phase("tong-ket-2027")
    assert issuer_problems(ministry, phase, number="12/QĐ-BKHCN", signer_title="Thứ trưởng") == []
    problems = issuer_problems(ministry, phase, number="12/QĐ-UBND", signer_title="CHỦ TỊCH")
    assert problems == [
        "Số quyết định «12/QĐ-UBND» phải mang ký hiệu của Bộ Khoa học và Công nghệ: …/QĐ-BKHCN.",
        "Chức danh người ký «CHỦ TỊCH» không phải BỘ TRƯỞNG hay THỨ TRƯỞNG của Bộ Khoa học và "
        "Công nghệ.",
    ]
