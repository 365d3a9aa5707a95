"""Worklists: what waits for whom, from the definition's waits_for; superseded ones left out."""

from __future__ import annotations

from models.database import session_scope
from tasks.workflow.worklist import worklist, worklist_rows
from tests.tasks.workflow.conftest import nominate


def test_each_state_waits_for_its_roles(db: str) -> None:
    with session_scope(db) as session:
        nominate(session, "SO-YT", "Phòng CNTT", kind="tap_the", state="under_appraisal")
        nominate(session, "SO-TC", "Nguyễn Thị Hoa", state="proposed")
        nominate(session, "SO-NV", "Lò Văn Ba", state="returned")
        nominate(session, "SO-TP", "Hà Văn Cường", state="awarded")  # final: waits for nobody
        nominate(session, "SO-XD", "Ma Thị Yến", state="under_appraisal", counted=False)
        everyone = worklist(session, campaign_code="cds-2022-2025")
        council = worklist(session, campaign_code="cds-2022-2025", role="council")
        rows = worklist_rows(council)
    assert sorted((i.role, i.name) for i in everyone) == [
        ("council", "Phòng CNTT"),
        ("home_affairs", "Nguyễn Thị Hoa"),
        ("unit", "Lò Văn Ba"),
    ]  # Ma Thị Yến's report was superseded by a later upload
    assert [i.name for i in council] == ["Phòng CNTT"]
    assert rows[0]["Vai trò"] == "Hội đồng thẩm định"
    assert rows[0]["Trạng thái"] == "Đang thẩm định"
    assert "Hội đồng đề xuất khen thưởng" in rows[0]["Việc cần làm"]
