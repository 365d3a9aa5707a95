"""The yearly report's narrative: the units' notes, difficulties and anomalies named, by name."""

from __future__ import annotations

from pathlib import Path

from models.database import session_scope, upgrade
from models.tables import IndicatorValue, UnitYearResult
from tasks.documents.yearly import render_yearly_report, yearly_context
from tasks.documents.yearly_sections import read_facts
from tasks.registry.upsert import import_registry
from tests.factories import submission_row
from tests.tasks.documents.reading import open_docx, texts
from tests.tasks.documents.samples import campaign as shipped

REGISTRY = Path(__file__).resolve().parents[3] / "models" / "data" / "units-bac-kan.csv"


def _result(unit: str, status: str, submission: int | None, flags: list[object]) -> UnitYearResult:
    return UnitYearResult(
        campaign_code="cds-2022-2025",
        year=2024,
        unit_code=unit,
        submission_id=submission,
        report_status=status,
        score=90.0 if submission else None,
        flags=flags,
        campaign_sha256="c" * 64,
        code_version="t",
    )


def test_notes_difficulties_and_anomalies_by_name(database_url: str) -> None:
    upgrade(database_url)
    campaign, _ = shipped()
    with session_scope(database_url) as session:
        import_registry(session, path=REGISTRY)
        for n, unit in enumerate(("SO-YT", "H-BABE"), start=1):
            session.add(submission_row(unit, n, status="valid", counted=True, year=2024))
        session.flush()
        session.add(
            IndicatorValue(
                submission_id=1,
                indicator_code="SANG_KIEN",
                total=3,
                achieved=3,
                note="Mô hình “Bệnh viện không giấy tờ” tại Bệnh viện Đa khoa tỉnh",
            )
        )
        session.add(IndicatorValue(submission_id=2, indicator_code="SANG_KIEN", achieved=2))
        session.add(_result("SO-YT", "on_time", 1, []))
        jump = {"code": "RATE_JUMP", "indicator": "HSCV_MANG", "value": 0.31, "message": "x"}
        session.add(_result("H-BABE", "late", 2, [jump]))
        session.add(_result("X-NAMMAU", "missing", None, []))
        session.flush()
        facts = read_facts(session, campaign="cds-2022-2025", registry="bac-kan", year=2024)
    group = {
        "group": "Toàn tỉnh",
        "expected": 3,
        "reported": 2,
        "on_time": 1,
        "reporting_rate": 0.6667,
        "on_time_rate": 0.3333,
        "mean_score": 90.0,
        "criteria_met": {"VBDT": {"met": 10, "applicable": 20, "share": 0.5}},
    }
    summary = {"province": group, "by_kind": [group], "by_block": [group]}
    context = yearly_context(campaign=campaign, year=2024, summary=summary, leading=[], facts=facts)
    text = texts(open_docx(render_yearly_report(context, campaign=campaign, year=2024)))
    assert "- Sở Y tế: Mô hình “Bệnh viện không giấy tờ” tại Bệnh viện Đa khoa tỉnh." in text
    assert "- Sáng kiến, giải pháp về chuyển đổi số được công nhận: 5." in text
    assert (
        "- Tiêu chí “Báo cáo định kỳ, văn bản hành chính gửi, nhận dưới dạng điện tử (trừ văn bản "
        "mật)” mới có 50% đơn vị áp dụng đạt;"
    ) in text
    assert "- 1 đơn vị chưa gửi báo cáo hợp lệ: UBND xã Nam Mẫu;" in text
    assert "- 1 đơn vị gửi báo cáo sau hạn: UBND huyện Ba Bể." in text  # the list's last item
    assert (
        "- UBND huyện Ba Bể: tỷ lệ “Hồ sơ công việc được xử lý trên môi trường mạng (trừ hồ sơ "
        "mật)” tăng 31% so với năm trước."
    ) in text
    assert any(line.startswith("- Các đơn vị có số liệu bất thường rà soát") for line in text)
