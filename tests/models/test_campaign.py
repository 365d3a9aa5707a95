"""The campaign file: the shipped Bắc Kạn campaign, a second campaign, errors naming fields."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml

from models.campaign import CampaignFileError, load_campaign, shipped_campaign_path

SECOND = Path(__file__).resolve().parents[1] / "fixtures" / "campaign-cao-bang-vbdt.yaml"


@pytest.fixture(scope="module")
def shipped() -> dict:
    return yaml.safe_load(shipped_campaign_path("cds-2022-2025").read_text(encoding="utf-8"))


def _write(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "campaign.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_shipped_campaign_is_plan_635() -> None:
    campaign, sha256 = load_campaign(shipped_campaign_path("cds-2022-2025"))
    assert campaign.code == "cds-2022-2025"
    assert campaign.plan.number == "635/KH-UBND"
    assert campaign.years == [2022, 2023, 2024, 2025]
    assert campaign.deadline_for(2023) == datetime(
        2023, 12, 15, 23, 59, 59, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")
    )
    assert len(sha256) == 64
    preliminary, final = campaign.phase("preliminary"), campaign.phase("final")
    assert (preliminary.quarter, preliminary.years) == ("Q4/2023", [2022, 2023])
    assert (preliminary.quotas.collective, preliminary.quotas.individual) == (15, 15)
    assert (final.quarter, final.years) == ("Q4/2025", [2022, 2023, 2024, 2025])
    assert (final.quotas.collective, final.quotas.individual) == (20, 25)
    assert preliminary.issuing_authority.name == "Ủy ban nhân dân tỉnh Bắc Kạn"
    assert preliminary.appraising_department.unit_code == "SO-TTTT"
    assert preliminary.legal_basis.decree == "91/2017/NĐ-CP"
    assert preliminary.place == "Bắc Kạn"
    assert final.issuing_authority.name == "Ủy ban nhân dân tỉnh Thái Nguyên"
    assert final.appraising_department.name == "Sở Khoa học và Công nghệ tỉnh Thái Nguyên"
    assert final.legal_basis.decree == "152/2025/NĐ-CP"
    assert final.place == "Thái Nguyên"
    assert final.women_priority is True
    assert preliminary.template_set != final.template_set


def test_shipped_indicators_match_report_format() -> None:
    campaign, _ = load_campaign(shipped_campaign_path("cds-2022-2025"))
    assert [i.code for i in campaign.indicators] == [
        "KH_PHAT_DONG",
        "NV_DUNG_HAN",
        "BC_DUNG_HAN",
        "HSCV_MANG",
        "VBDT",
        "CSDL_LGSP",
        "BC_KTXH",
        "SANG_KIEN",
        "DAO_TAO",
        "TUYEN_TRUYEN",
        "DU_LIEU_MO",
        "DN_HOP_TAC",
    ]
    records = campaign.indicator("HSCV_MANG").target
    assert records is not None
    assert (records.for_level("tinh"), records.for_level("huyen"), records.for_level("xa")) == (
        1.0,
        1.0,
        0.8,
    )
    assert campaign.scoring.initiative_bonus is not None
    assert campaign.scoring.late_penalty.points == 10


@pytest.mark.parametrize(
    ("kind", "level", "year", "expected"),
    [
        (
            "huyen",
            "huyen",
            2022,
            {
                "KH_PHAT_DONG",
                "NV_DUNG_HAN",
                "BC_DUNG_HAN",
                "HSCV_MANG",
                "VBDT",
                "CSDL_LGSP",
                "BC_KTXH",
            },
        ),
        (
            "huyen",
            "huyen",
            2023,
            {"NV_DUNG_HAN", "BC_DUNG_HAN", "HSCV_MANG", "VBDT", "CSDL_LGSP", "BC_KTXH"},
        ),
        (
            "so_nganh",
            "tinh",
            2024,
            {"NV_DUNG_HAN", "BC_DUNG_HAN", "HSCV_MANG", "VBDT", "CSDL_LGSP"},
        ),
        ("xa", "xa", 2023, {"HSCV_MANG", "VBDT", "CSDL_LGSP"}),
        ("doanh_nghiep_cntt", "tinh", 2025, {"DN_HOP_TAC"}),
        ("htx", "xa", 2022, {"KH_PHAT_DONG"}),
        ("htx", "xa", 2023, set()),
    ],
)
def test_scored_indicators_by_unit_type_level_and_year(
    kind: str, level: str, year: int, expected: set[str]
) -> None:
    campaign, _ = load_campaign(shipped_campaign_path("cds-2022-2025"))
    applicable = campaign.applicable_indicators(kind=kind, level=level, year=year)
    assert {i.code for i in applicable if i.role == "criterion"} == expected
    assert {"SANG_KIEN", "DAO_TAO"} <= {i.code for i in applicable}


def test_second_campaign_needs_only_a_file() -> None:
    campaign, _ = load_campaign(SECOND)
    assert campaign.province == "Cao Bằng"
    assert campaign.deadline_for(2025) == datetime(
        2025, 11, 30, 17, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")
    )
    phase = campaign.phase("tong-ket-2026")
    assert (phase.quotas.collective, phase.quotas.individual) == (5, 7)
    assert [i.code for i in campaign.applicable_indicators(kind="xa", level="xa", year=2025)] == [
        "DVC_TRUC_TUYEN",
        "SANG_KIEN",
    ]
    target = campaign.indicator("DVC_TRUC_TUYEN").target
    assert target is not None
    assert target.for_level("xa") == 0.5
    assert campaign.plan.date == date(2024, 2, 1)


def test_text_is_normalised_to_nfc(tmp_path: Path, shipped: dict) -> None:
    data = dict(shipped, name=unicodedata.normalize("NFD", shipped["name"]) + "  ")
    campaign, _ = load_campaign(_write(tmp_path, data))
    assert campaign.name == shipped["name"]
    assert unicodedata.is_normalized("NFC", campaign.name)


def _broken(shipped: dict, mutate) -> dict:  # type: ignore[no-untyped-def]
    data = yaml.safe_load(yaml.safe_dump(shipped, allow_unicode=True))
    mutate(data)
    return data


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        (lambda d: d["phases"][0]["quotas"].update(collective=-1), "phases[0].quotas.collective"),
        (lambda d: d["deadline"].update(month=13), "deadline.month"),
        (lambda d: d["indicators"][3].update(kind="percent"), "indicators[3].kind"),
        (
            lambda d: d["indicators"][3]["applies_to"].update(kinds=["so"]),
            "indicators[3].applies_to.kinds[0]",
        ),
        (lambda d: d.update(colour="red"), "colour"),
        (lambda d: d["phases"][1].pop("legal_basis"), "phases[1].legal_basis"),
        (lambda d: d.update(timezone="Asia/Hanoi_Nowhere"), "timezone"),
        (lambda d: d["phases"][1].update(quarter="2025-Q4"), "phases[1].quarter"),
    ],
)
def test_errors_name_the_field(tmp_path: Path, shipped: dict, mutate, field: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(CampaignFileError) as error:
        load_campaign(_write(tmp_path, _broken(shipped, mutate)))
    assert any(problem.startswith(field + ":") for problem in error.value.problems), (
        error.value.problems
    )


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d["indicators"].append(dict(d["indicators"][0])), "mã chỉ tiêu bị trùng"),
        (lambda d: d["phases"][0].update(years=[2021, 2022]), "nằm ngoài years"),
        (lambda d: d["indicators"][1].pop("target"), "cần 'target'"),
        (lambda d: d["indicators"][3]["target"].update(default=100), "phải từ 0 đến 1"),
        (
            lambda d: d["phases"][1].update(tie_breaks=["total_score", "women_priority", "code"]),
            "không dùng 'code'",
        ),
        (
            lambda d: d["phases"][1].update(individual_ranking=["total_score", "women_priority"]),
            "chỉ dùng thành tích của chính cá nhân",
        ),
        (lambda d: d["scoring"]["initiative_bonus"].update(indicator="KHONG_CO"), "KHONG_CO"),
    ],
)
def test_consistency_rules(tmp_path: Path, shipped: dict, mutate, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(CampaignFileError, match=message):
        load_campaign(_write(tmp_path, _broken(shipped, mutate)))


def test_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("code: x\nname: [unclosed\nyears: [2022]\n", encoding="utf-8")
    with pytest.raises(CampaignFileError, match="dòng 3"):
        load_campaign(path)


@pytest.mark.parametrize(
    ("year", "department", "place"),
    [
        (2023, "Sở Thông tin và Truyền thông tỉnh Bắc Kạn", "Bắc Kạn"),
        (2024, "Sở Thông tin và Truyền thông tỉnh Bắc Kạn", "Bắc Kạn"),
        (2025, "Sở Khoa học và Công nghệ tỉnh Thái Nguyên", "Thái Nguyên"),
    ],
)
def test_the_yearly_report_comes_from_the_body_in_force_on_the_deadline(
    year: int, department: str, place: str
) -> None:
    campaign, _ = load_campaign(shipped_campaign_path("cds-2022-2025"))
    body = campaign.reporting_body(year)
    assert (body.appraising_department.name, body.place) == (department, place)
    assert body.appraising_department.drafting_unit == "VP"


def test_without_reporting_bodies_the_phase_authorities_report() -> None:
    campaign, _ = load_campaign(shipped_campaign_path("cds-2022-2025"))
    bare = campaign.model_copy(update={"reporting_bodies": []})
    assert bare.reporting_body(2024).appraising_department == (
        campaign.phase("tong-ket-2025").appraising_department
    )
    assert bare.reporting_body(2023).place == "Bắc Kạn"


def test_unit_kinds_and_levels_are_the_campaign_s_declared_words(
    tmp_path: Path, shipped: dict
) -> None:
    second, _ = load_campaign(SECOND)
    assert (second.organisation.code, second.registry) == ("UBND-CB", "cao-bang")
    assert "benh_vien" in second.unit_kinds  # a hospital reports where it is declared
    assert second.unit_vocabulary.kind_label("benh_vien") == "Bệnh viện"
    assert second.unit_vocabulary.level_label("trung_uong") == "Trung ương"
    # Bắc Kạn declares neither: a hospital or a central level is refused, naming the field.
    data = dict(shipped, unit_kinds=[*shipped["unit_kinds"], "benh_vien"])
    data["indicators"] = [dict(i) for i in shipped["indicators"]]
    data["indicators"][3] = dict(
        data["indicators"][3],
        target={"default": 0.8, "by_level": {"trung_uong": 0.9}},
    )
    with pytest.raises(CampaignFileError) as error:
        load_campaign(_write(tmp_path, data))
    declared = ", ".join(sorted(shipped["unit_vocabulary"]["kinds"]))  # _write sorts keys
    assert error.value.problems == [
        f"unit_kinds[8]: loại đơn vị 'benh_vien' chưa khai báo trong unit_vocabulary.kinds "
        f"(đã khai báo: {declared})",
        "indicators[3].target.by_level.trung_uong: cấp 'trung_uong' chưa khai báo trong "
        "unit_vocabulary.levels (đã khai báo: huyen, tinh, xa)",
    ]
    # Declared, they are accepted: the words are data, not code.
    words = shipped["unit_vocabulary"]
    data["unit_vocabulary"] = dict(
        words,
        kinds={**words["kinds"], "benh_vien": "Bệnh viện"},
        levels={**words["levels"], "trung_uong": "Trung ương"},
    )
    campaign, _ = load_campaign(_write(tmp_path, data))
    assert campaign.indicators[3].target.for_level("trung_uong") == 0.9  # type: ignore[union-attr]
