"""A unit's Giấy khen round end to end: file, engine, quota, head's decision, QĐ stored, records."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml
from sqlmodel import select
from typer.testing import CliRunner

from cli.main import app
from flows.giay_khen import giay_khen_round
from models.database import session_scope
from models.giay_khen import HeadDecision
from models.settings import Settings
from models.tables import (
    AwardGranted,
    GeneratedDocument,
    GiayKhenDecision,
    Nomination,
    Nominee,
)
from tasks.giay_khen.movement import movement_awards
from tasks.giay_khen.records import RoundError
from tasks.giay_khen.round import decide_round, load_round_file, propose_round
from tasks.storage import ObjectStore
from tests.flows.e2e import CODE, YEAR
from tests.tasks.documents.reading import open_docx, texts

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "giay-khen-so-yt.yaml"
PHASE = f"tong-ket-{YEAR}"


def round_file(folder: Path, **changes: object) -> Path:
    """Return the Sở Y tế round file moved to the test campaign's phase and year."""
    data = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    data.update({"campaign": CODE, "phase": PHASE, "year": YEAR, **changes})
    path = folder / f"{data['unit_code']}-{data['code']}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def nominate_for_bang_khen(full_name: str, birth: str, gender: str, state: str) -> None:
    """Record a Bằng khen nomination of the movement's phase for a person, in a given state."""
    with session_scope() as session:
        nominee = Nominee(
            kind="ca_nhan",
            full_name=full_name,
            birth_date=date.fromisoformat(birth),
            gender=gender,
            unit_then="Sở Y tế",
        )
        session.add(nominee)
        session.flush()
        session.add(
            Nomination(
                campaign_code=CODE,
                phase_code=PHASE,
                proposing_unit_code="SO-YT",
                nominee_id=nominee.id or 0,
                state=state,
                initiatives="Kê đơn thuốc điện tử",
            )
        )


DECISION = HeadDecision(
    decided_by="Phạm Thu Trang",
    role="van_thu",
    signer_name="Nguyễn Văn Bình",
)


def test_a_units_giay_khen_round_end_to_end(env: Settings, tmp_path: Path) -> None:
    path = round_file(tmp_path)
    runner = CliRunner()
    checked = runner.invoke(app, ["giay-khen", "check", str(path)])
    assert checked.exit_code == 0, checked.output
    loaded = runner.invoke(app, ["giay-khen", "load", str(path)])
    assert loaded.exit_code == 0, loaded.output
    assert "Đã nạp đợt xét" in loaded.output
    nominate_for_bang_khen("Đinh Văn Tú", "1980-01-02", "nam", "awarded")

    proposed = giay_khen_round(CODE, "SO-YT", "tong-ket-2025")
    assert proposed["decision"] is None
    assert proposed["document"] is None
    rows = {row["code"]: row for row in proposed["proposal"]["candidates"]}
    assert proposed["proposal"]["selected"] == ["CN01", "CN02", "TT01"]  # quotas 1 + 2
    assert rows["CN04"]["eligible"]
    assert not rows["CN04"]["selected"]
    assert "ngoài chỉ tiêu 2" in " ".join(rows["CN04"]["reasons"])
    assert not rows["CN03"]["eligible"]
    assert "chưa đạt HOAN_THANH_NV" in rows["CN03"]["reasons"][0]
    assert not rows["TT03"]["eligible"]
    assert "chưa đạt TL_HO_SO_MANG" in rows["TT03"]["reasons"][0]
    assert not rows["CN05"]["eligible"]
    assert "không khen hai lần cho một thành tích" in rows["CN05"]["reasons"][0]
    assert "Bằng khen" in rows["CN05"]["reasons"][0]

    decided = giay_khen_round(CODE, "SO-YT", "tong-ket-2025", decision=DECISION)
    assert decided["decision"]["awarded"] == ["TT01", "CN01", "CN02"]
    document = decided["document"]
    store = ObjectStore(env)
    data = store.get_bytes(env.output_bucket, document["key"])
    lines = texts(open_docx(data))
    text = "\n".join(lines)
    assert "DỰ THẢO" in lines
    assert "QUYẾT ĐỊNH" in lines
    assert "Về việc tặng Giấy khen" in lines
    assert "GIÁM ĐỐC SỞ Y TẾ" in lines  # the authority that issues it
    assert "Số:" in text
    assert "/QĐ-SYT" in text
    assert "Tặng Giấy khen của Giám đốc Sở Y tế cho 1 tập thể và 2 cá nhân" in text
    signature = lines.index("Nguyễn Văn Bình")
    assert lines[signature - 1] == "GIÁM ĐỐC"  # the head's signature block
    annex = text[text.index("DANH SÁCH") :]
    assert "Tập thể, cá nhân được tặng Giấy khen của Giám đốc Sở Y tế" in annex
    listed = lines[lines.index("DANH SÁCH") :]  # one table cell a line
    for name in ("Phòng Nghiệp vụ Y", "Nguyễn Thị Hoa", "Trần Văn Nam"):
        assert name in listed
    for name in ("Văn phòng Sở", "Thanh tra Sở", "Lý Văn Sơn", "Hoàng Thị Mai", "Đinh Văn Tú"):
        assert name not in listed
    assert "Phó Trưởng phòng, Phòng Nghiệp vụ Y" in annex
    assert "Danh sách có 1 tập thể và 2 cá nhân./." in annex

    with session_scope() as session:
        decision = session.exec(select(GiayKhenDecision)).one()
        assert (decision.decided_by_name, decision.decided_by_role) == ("Phạm Thu Trang", "van_thu")
        assert decision.signer_title == "GIÁM ĐỐC"
        stored = session.exec(
            select(GeneratedDocument).where(GeneratedDocument.kind == "qd_giay_khen")
        ).one()
        assert stored.object_key == document["key"]
        assert stored.sha256 == document["sha256"]
        records = movement_awards(session, campaign=CODE, phase=PHASE)
    assert sorted((r["form"], r["name"]) for r in records) == [
        ("bang_khen", "Đinh Văn Tú"),
        ("giay_khen", "Nguyễn Thị Hoa"),
        ("giay_khen", "Phòng Nghiệp vụ Y"),
        ("giay_khen", "Trần Văn Nam"),
    ]

    again = giay_khen_round(CODE, "SO-YT", "tong-ket-2025", decision=DECISION)  # a rerun
    assert again["document"]["sha256"] == document["sha256"]
    with session_scope() as session:
        assert len(session.exec(select(AwardGranted)).all()) == 3
        assert len(session.exec(select(GiayKhenDecision)).all()) == 1


def test_no_double_award_for_one_achievement(env: Settings, tmp_path: Path) -> None:
    with session_scope() as session:
        load_round_file(session, path=round_file(tmp_path))
        # the same person in another unit's round, for the same campaign and phase
        other = round_file(
            tmp_path,
            unit_code="SO-NV",
            head={
                "authority": {"name": "Sở Nội vụ", "header": "SỞ NỘI VỤ", "abbreviation": "SNV"},
                "signatory": {"title": "GIÁM ĐỐC"},
                "place": "Bắc Kạn",
            },
        )
        load_round_file(session, path=other)
        early = propose_round(
            session, campaign_code=CODE, unit_code="SO-NV", round_code="tong-ket-2025"
        )
        assert "CN01" in early["selected"]
        proposal = propose_round(
            session, campaign_code=CODE, unit_code="SO-YT", round_code="tong-ket-2025"
        )
        tied = sorted(row["code"] for row in proposal["candidates"] if row["tied_at_cut"])
        assert tied == ["CN02", "CN05"]  # one seat left for two: the head decides the cut
        cut = next(row for row in proposal["candidates"] if row["code"] == "CN02")
        assert "Thủ trưởng đơn vị quyết định chọn 1 trong 2 trường hợp" in cut["reasons"][0]
        decide_round(
            session,
            campaign_code=CODE,
            unit_code="SO-YT",
            round_code="tong-ket-2025",
            decision=DECISION.model_copy(update={"tie_winners": ["CN02"]}),
        )
        # proposed before Sở Y tế decided: the database refuses the second award
        with pytest.raises(RoundError, match="Không khen hai lần cho một thành tích"):
            decide_round(
                session,
                campaign_code=CODE,
                unit_code="SO-NV",
                round_code="tong-ket-2025",
                decision=DECISION,
            )
        # evaluated again, the engine excludes the person with the reason
        late = propose_round(
            session, campaign_code=CODE, unit_code="SO-NV", round_code="tong-ket-2025"
        )
        rows = {row["code"]: row for row in late["candidates"]}
        assert "CN01" not in late["selected"]
        assert not rows["CN01"]["eligible"]
        assert (
            "đã được tặng Giấy khen của Giám đốc Sở Y tế cho cùng thành tích"
            in (rows["CN01"]["reasons"][0])
        )
        assert sorted(late["selected"]) == ["CN04", "CN05", "TT01"]  # the next take the seats
        granted = session.exec(select(AwardGranted).where(AwardGranted.kind == "ca_nhan")).all()
        assert sorted(a.full_name for a in granted) == ["Nguyễn Thị Hoa", "Trần Văn Nam"]


def test_a_decided_round_is_closed_and_unknown_units_refused(env: Settings, tmp_path: Path) -> None:
    head = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))["head"]
    head["authority"]["unit_code"] = "SO-KHONG-CO"  # a unit the registry does not know
    with session_scope() as session:
        with pytest.raises(RoundError, match="unit_code: không có đơn vị 'SO-KHONG-CO'"):
            load_round_file(session, path=round_file(tmp_path, unit_code="SO-KHONG-CO", head=head))
        with pytest.raises(
            RoundError, match="phase: phong trào cds-e2e không có đợt 'so-ket-1999'"
        ):
            load_round_file(session, path=round_file(tmp_path, phase="so-ket-1999"))
        load_round_file(session, path=round_file(tmp_path))
        propose_round(session, campaign_code=CODE, unit_code="SO-YT", round_code="tong-ket-2025")
        with pytest.raises(RoundError, match="removed: ghi lý do"):
            decide_round(
                session,
                campaign_code=CODE,
                unit_code="SO-YT",
                round_code="tong-ket-2025",
                decision=DECISION.model_copy(update={"removed": {"CN01": " "}}),
            )
        decide_round(
            session,
            campaign_code=CODE,
            unit_code="SO-YT",
            round_code="tong-ket-2025",
            decision=DECISION.model_copy(
                update={"removed": {"CN01": "Đang bị xem xét kỷ luật"}, "tie_winners": ["CN05"]}
            ),
        )
        with pytest.raises(RoundError, match="đã có quyết định"):
            load_round_file(session, path=round_file(tmp_path, name="Tên khác"))
        names = [a.full_name for a in session.exec(select(AwardGranted)).all()]
    assert sorted(names) == ["Phòng Nghiệp vụ Y", "Đinh Văn Tú"]
