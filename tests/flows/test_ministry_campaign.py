"""A ministry's campaign end to end, beside the Bắc Kạn one: the Minister's decision is right.

The shipped campaign bkhcn-cds-2026-2027 (Bộ Khoa học và Công nghệ, one phase, quotas 2 + 3) is
loaded with its own registry next to the Bắc Kạn registry and campaign, replayed by the demo's
generator through the same flows (uploads, collect, aggregate, review, council, verification,
the Minister's decision, dossier), and its documents are read as the clerk who signs them would.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import select

from cli.demo_accounts import DEMO_PASSWORD, ensure_demo_accounts
from cli.demo_cycle import run_cycle
from models.campaign import shipped_campaign_path
from models.database import session_scope
from models.settings import Settings, get_settings
from models.tables import AwardDecision, PhaseResult
from tasks.campaigns import load_campaign_file
from tasks.registry.upsert import import_registry
from tests.flows.private_env import private_settings
from tests.tasks.documents.artefacts import problems
from tests.tasks.documents.reading import open_docx, texts

pytestmark = pytest.mark.slow

DATA = Path(__file__).resolve().parents[2] / "models" / "data"
MINISTRY = "bkhcn-cds-2026-2027"
PHASE = "tong-ket-2027"


@pytest.fixture
def ministry_env(
    database_url: str, s3_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Settings]:
    """Private buckets; a database with both registries and both shipped campaigns."""
    settings = private_settings(
        monkeypatch,
        database_url,
        s3_settings,
        THIDUA_S3_ADMIN_ACCESS_KEY=s3_settings.s3_admin_access_key,
        THIDUA_S3_ADMIN_SECRET_KEY=s3_settings.s3_admin_secret_key.get_secret_value(),
    )
    with session_scope(database_url) as session:
        import_registry(session, path=DATA / "units-bac-kan.csv")
        import_registry(session, path=DATA / "units-bo-khcn.csv")
        load_campaign_file(session, path=shipped_campaign_path("cds-2022-2025"))
        load_campaign_file(session, path=shipped_campaign_path(MINISTRY))
    ensure_demo_accounts(DEMO_PASSWORD)
    yield settings
    get_settings.cache_clear()


def _text(path: Path) -> str:
    return "\n".join(texts(open_docx(path.read_bytes())))


def test_a_ministry_campaign_runs_end_to_end_and_the_minister_decides(
    ministry_env: Settings, tmp_path: Path
) -> None:
    said: list[str] = []
    copied = run_cycle(ministry_env, MINISTRY, tmp_path / "out", said.append)
    log = "\n".join(said)
    assert "Năm 2026" in log
    assert "Năm 2027" in log
    assert "Vụ Tổ chức cán bộ thống nhất" in log
    assert "trình Bộ trưởng" in log

    folder = tmp_path / "out" / "ho-so" / MINISTRY / PHASE
    assert folder / "04-quyet-dinh.docx" in copied
    decision = _text(folder / "04-quyet-dinh.docx")
    lines = decision.splitlines()
    assert lines[:2] == ["BỘ KHOA HỌC", "VÀ CÔNG NGHỆ"]  # the issuer's header, balanced
    assert "Số: 1027/QĐ-BKHCN" in lines
    assert any(line.startswith("Hà Nội, ngày 29 tháng 12 năm 2027") for line in lines)
    assert "Về việc tặng Bằng khen của Bộ trưởng Bộ Khoa học và Công nghệ" in lines
    assert "BỘ TRƯỞNG BỘ KHOA HỌC VÀ CÔNG NGHỆ" in lines  # the authority that decides
    citations = [line for line in lines if line.startswith("Căn cứ")]
    assert citations == [
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
        "Căn cứ Nghị định số 55/2025/NĐ-CP ngày 02 tháng 3 năm 2025 của Chính phủ quy định chức "
        "năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ Khoa học và Công nghệ;",
        "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định chi "
        "tiết một số điều của Luật Thi đua, khen thưởng;",
        "Căn cứ Kế hoạch số 125/KH-BKHCN ngày 20 tháng 01 năm 2026 của Bộ Khoa học và Công nghệ "
        "phát động Phong trào thi đua “Bộ Khoa học và Công nghệ đẩy mạnh chuyển đổi số giai đoạn "
        "2026 - 2027”;",
    ]
    assert any(
        line.startswith("Theo đề nghị của Vụ trưởng Vụ Tổ chức cán bộ tại Tờ trình số 88/TTr-TCCB")
        for line in lines
    )
    assert any(
        line.startswith("Điều 1. Tặng Bằng khen của Bộ trưởng Bộ Khoa học và Công nghệ cho ")
        for line in lines
    )
    signature = lines.index("Trần Minh Đức")
    assert lines[signature - 1] == "BỘ TRƯỞNG"  # the Minister signs himself: no "KT."
    assert not lines[signature - 2].startswith("KT.")
    annex = "(Kèm theo Quyết định số 1027/QĐ-BKHCN ngày 29 tháng 12 năm 2027 của Bộ trưởng Bộ "
    assert f"{annex}Khoa học và Công nghệ)" in lines

    with session_scope() as session:
        decided = session.exec(
            select(AwardDecision).where(AwardDecision.campaign_code == MINISTRY)
        ).one()
        result = session.exec(
            select(PhaseResult).where(PhaseResult.campaign_code == MINISTRY)
        ).one()
    assert decided.number == "1027/QĐ-BKHCN"
    assert result.phase_code == PHASE

    # Every document of the ministry's dossier: no provincial wording, nothing a clerk sends back.
    documents = sorted(folder.rglob("*.docx"))
    assert len(documents) >= 5
    for path in documents:
        text = _text(path)
        for provincial in ("Ủy ban nhân dân", "UBND", "Chủ tịch Ủy ban", "Sở Nội vụ", "Bắc Kạn"):
            assert provincial not in text, f"{path.name}: {provincial}"
        assert problems(path.read_bytes()) == [], path.name
    to_trinh = _text(folder / "01-to-trinh.docx")
    assert "Kính gửi: Bộ trưởng Bộ Khoa học và Công nghệ." in to_trinh
    assert "Về việc đề nghị tặng Bằng khen của Bộ trưởng Bộ Khoa học và Công nghệ" in to_trinh
    cover = _text(folder / "00-bia-ho-so.docx")
    assert "Đề nghị tặng Bằng khen của Bộ trưởng Bộ Khoa học và Công nghệ" in cover

    # The yearly summaries: the Cục reports to the ministry.
    for year in (2026, 2027):
        yearly = _text(
            tmp_path / "out" / "tong-hop" / MINISTRY / str(year) / "bao-cao-tong-hop.docx"
        )
        assert yearly.startswith("BỘ KHOA HỌC VÀ CÔNG NGHỆ\nCỤC CHUYỂN ĐỔI\nSỐ QUỐC GIA\n")
        assert "CỤC TRƯỞNG\nPhạm Thị Thu Hà" in yearly
        assert "Kính gửi: Bộ Khoa học và Công nghệ." in yearly
        assert "Ủy ban nhân dân" not in yearly
        assert "Bắc Kạn" not in yearly
