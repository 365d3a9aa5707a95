"""The README's main command on a private stack: it ends with the stack up and the data loaded."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.deploy.test_local_stack import _env, _run


@pytest.mark.slow
def test_demo_brings_everything_up(tmp_path: Path) -> None:
    env, stack = _env(tmp_path / "var")
    try:
        result = _run(["demo"], env)
        assert result.returncode == 0, result.stdout + result.stderr
        assert f"Giao diện Prefect (Prefect UI): {stack.settings.prefect_ui_url}" in result.stdout
        assert f"Máy chủ S3: {stack.settings.s3_url}" in result.stdout
        assert "50 mới" in result.stdout
        assert all(item.healthy for item in stack.status())
        again = _run(["demo"], env)  # idempotent: same stack, nothing new
        assert again.returncode == 0, again.stdout + again.stderr
        assert "0 mới, 0 cập nhật, 50 không đổi" in again.stdout
        units = _run(["units", "expected", "--year", "2023"], env)
        assert "Tổng: 49 đơn vị" in units.stdout
    finally:
        down = _run(["stack", "down"], env)
    assert down.returncode == 0
    assert not any(item.running for item in stack.status())
