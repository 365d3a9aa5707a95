"""`thidua review …`: the same rules as the Prefect UI, from decision files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from cli.main import app
from models.database import session_scope, upgrade
from models.settings import get_settings
from tasks.registry.upsert import import_registry
from tests.tasks.workflow.conftest import REGISTRY, nominate

runner = CliRunner()
PHASE = ["--phase", "so-ket-2023"]


@pytest.fixture
def configured(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    db = database_url
    upgrade(db)
    with session_scope(db) as session:
        import_registry(session, path=REGISTRY)
    monkeypatch.setenv("THIDUA_DATABASE_URL", db)
    # Nothing loaded and two shipped campaigns: the deployment names its campaign.
    monkeypatch.setenv("THIDUA_DEFAULT_CAMPAIGN", "cds-2022-2025")
    get_settings.cache_clear()
    with session_scope(db) as session:
        ids = [
            nominate(session, "SO-YT", "Phòng Công nghệ thông tin", kind="tap_the").id,
            nominate(session, "SO-TC", "Nguyễn Thị Hoa").id,
            nominate(session, "SO-NV", "Lò Văn Ba", complete=False).id,
        ]
    yield ids  # type: ignore[misc]
    get_settings.cache_clear()


def test_open_form_apply_and_history(configured: list[int], tmp_path: Path) -> None:
    opened = runner.invoke(app, ["review", "open", *PHASE])
    assert opened.exit_code == 0, opened.output
    assert "Đã đưa 2 đề nghị vào thẩm định" in opened.output

    path = tmp_path / "hoi-dong.yaml"
    written = runner.invoke(app, ["review", "form", "council", *PHASE, "-o", str(path)])
    assert written.exit_code == 0, written.output
    form = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert [v["nomination_id"] for v in form["votes"]] == configured[:2]

    refused = runner.invoke(app, ["review", "apply", "council", str(path), *PHASE])
    assert refused.exit_code == 1
    assert "chưa được ghi nhận" in refused.output
    assert "Trường decider_name" in refused.output

    form.update(
        decider_name="Hoàng Văn Bình",
        chair_name="Hoàng Văn Bình",
        secretary_name="Lê Thị Mai",
        members_total=5,
        attendees=[{"name": f"Ủy viên {i}"} for i in range(5)],
    )
    form["votes"][0].update(accept=True, votes_for=5)
    form["votes"][1].update(accept=False, votes_for=1, votes_against=4, reason="Chưa tiêu biểu")
    path.write_text(yaml.safe_dump(form, allow_unicode=True), encoding="utf-8")
    checked = runner.invoke(app, ["review", "apply", "council", str(path), *PHASE, "--check"])
    assert checked.exit_code == 0, checked.output
    assert "Phiếu hợp lệ." in checked.output
    applied = runner.invoke(app, ["review", "apply", "council", str(path), *PHASE])
    assert applied.exit_code == 0, applied.output
    again = runner.invoke(app, ["review", "apply", "council", str(path), *PHASE])
    assert again.exit_code == 1  # nothing is under appraisal any more
    assert "không ở trạng thái «Đang thẩm định»" in again.output

    waiting = runner.invoke(app, ["review", "worklist", "--role", "home_affairs"])
    assert "Phòng Công nghệ thông tin" in waiting.output
    assert "Sở Nội vụ tỉnh Bắc Kạn thẩm tra, thống nhất" in waiting.output  # the phase's body
    assert "Nguyễn Thị Hoa" not in waiting.output
    units = runner.invoke(app, ["review", "worklist", "--role", "unit"])
    assert "Lò Văn Ba" in units.output  # incomplete dossier: back to its unit

    shown = runner.invoke(app, ["review", "history", str(configured[1])])
    assert shown.exit_code == 0
    lines = shown.output.strip().splitlines()
    assert len(lines) == 3
    assert "Đang thẩm định -> Không được đề xuất (decline) bởi Hoàng Văn Bình" in lines[-1]
    assert "Chưa tiêu biểu" in lines[-1]


def test_submit_without_verified_nominations_says_so(configured: list[int]) -> None:
    result = runner.invoke(app, ["review", "submit", *PHASE, "--name", "Lê Thị Mai"])
    assert result.exit_code == 1
    assert "chưa có đề nghị nào được Sở Nội vụ tỉnh Bắc Kạn thẩm tra" in result.output
