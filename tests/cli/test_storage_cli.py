"""`thidua storage …` and `thidua link` as an administrator and an officer run them."""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.main import app
from models.settings import Settings, get_settings
from tasks.access.keys import keys_file, load_unit_keys
from tasks.storage import ObjectStore

runner = CliRunner()


@pytest.fixture
def var_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("THIDUA_VAR_DIR", str(tmp_path / "var"))
    get_settings.cache_clear()
    yield tmp_path / "var"
    get_settings.cache_clear()


def test_grant_prints_a_new_key_once_and_keeps_it_private(var_dir: Path) -> None:
    first = runner.invoke(app, ["storage", "grant", "SO-YT", "so-nv"])
    assert first.exit_code == 0, first.output
    keys = load_unit_keys(keys_file(var_dir))
    assert set(keys) == {"SO-YT", "SO-NV"}
    assert keys["SO-YT"].secret_key in first.output
    again = runner.invoke(app, ["storage", "grant", "SO-YT"])
    assert again.exit_code == 0
    assert keys["SO-YT"].secret_key not in again.output  # shown once only
    assert load_unit_keys(keys_file(var_dir)) == keys
    bad = runner.invoke(app, ["storage", "grant", "SO YT"])
    assert bad.exit_code == 1
    assert "không dùng được" in bad.output


def test_policy_and_minio_plan(var_dir: Path, tmp_path: Path) -> None:
    printed = runner.invoke(app, ["storage", "policy", "so-yt"])
    assert printed.exit_code == 0
    document = json.loads(printed.output)
    assert "arn:aws:s3:::thidua-inbox/*/*/SO-YT/*" in json.dumps(document)
    runner.invoke(app, ["storage", "grant", "SO-YT"])
    plan = runner.invoke(app, ["storage", "minio-plan", "--out", str(tmp_path / "minio")])
    assert plan.exit_code == 0, plan.output
    script = (tmp_path / "minio" / "minio-setup.sh").read_text()
    assert "mc admin user add thidua unit-so-yt" in script
    assert (tmp_path / "minio" / "policies" / "thidua-unit-so-yt.json").exists()
    assert load_unit_keys(keys_file(var_dir))["SO-YT"].secret_key not in script


def test_link_is_issued_for_an_existing_object_only(
    s3_settings: Settings, store: ObjectStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in {
        "THIDUA_S3_ENDPOINT": s3_settings.s3_endpoint,
        "THIDUA_S3_SECRET_KEY": s3_settings.s3_secret_key.get_secret_value(),
        "THIDUA_LINK_HOURS": "2",
    }.items():
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    store.put_bytes(s3_settings.output_bucket, "ho-so/x/ho-so.zip", b"zip")
    try:
        issued = runner.invoke(app, ["link", "ho-so/x/ho-so.zip"])
        missing = runner.invoke(app, ["link", "ho-so/x/khong-co.zip"])
        too_long = runner.invoke(app, ["link", "ho-so/x/ho-so.zip", "--hours", "168"])
    finally:
        get_settings.cache_clear()
    assert issued.exit_code == 0, issued.output
    url = issued.output.splitlines()[0]
    assert "X-Amz-Expires=7200" in url
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (loopback)
        assert response.read() == b"zip"
    assert missing.exit_code == 1
    assert "Không tìm thấy" in missing.output
    assert too_long.exit_code == 1
    assert "1 đến 24 giờ" in too_long.output
