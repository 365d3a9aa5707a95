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


REGISTRY = Path(__file__).resolve().parents[2] / "models" / "data" / "units-bac-kan.csv"
SECOND = Path(__file__).resolve().parents[1] / "fixtures" / "campaign-cao-bang-vbdt.yaml"
SECOND_REGISTRY = SECOND.with_name("units-cao-bang.csv")
CDS, CB = "cds-2022-2025", "vbdt-cb-2024-2026"


@pytest.fixture
def var_dir(tmp_path: Path, database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A var folder and a database holding two registries that both have a unit SO-YT."""
    monkeypatch.setenv("THIDUA_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("THIDUA_DATABASE_URL", database_url)
    monkeypatch.setenv("THIDUA_DEFAULT_CAMPAIGN", CDS)
    get_settings.cache_clear()
    for args in (
        ["db", "upgrade"],
        ["units", "import", str(REGISTRY)],
        ["campaign", "load", str(SECOND)],
        ["units", "import", str(SECOND_REGISTRY), "--campaign", CB],
    ):
        assert runner.invoke(app, args).exit_code == 0, args
    yield tmp_path / "var"
    get_settings.cache_clear()


def test_grant_prints_a_new_key_once_and_keeps_it_private(var_dir: Path) -> None:
    first = runner.invoke(app, ["storage", "grant", "SO-YT", "so-nv"])  # the default campaign
    assert first.exit_code == 0, first.output
    keys = load_unit_keys(keys_file(var_dir))
    assert set(keys) == {("bac-kan", "SO-YT"), ("bac-kan", "SO-NV")}
    ours = keys[("bac-kan", "SO-YT")]
    assert ours.secret_key in first.output
    assert ours.campaigns == (CDS,)
    again = runner.invoke(app, ["storage", "grant", "SO-YT", "--registry", "bac-kan"])
    assert again.exit_code == 0
    assert ours.secret_key not in again.output  # shown once only
    assert load_unit_keys(keys_file(var_dir)) == keys
    bad = runner.invoke(app, ["storage", "grant", "SO YT"])
    assert bad.exit_code == 1
    assert "không dùng được" in bad.output
    # Cao Bằng's SO-YT gets its own key, good in Cao Bằng's campaign only.
    theirs = runner.invoke(app, ["storage", "grant", "SO-YT", "--campaign", CB])
    assert theirs.exit_code == 0, theirs.output
    keys = load_unit_keys(keys_file(var_dir))
    cao_bang = keys[("cao-bang", "SO-YT")]
    assert cao_bang.access_key == "unit-cao-bang-so-yt" != ours.access_key
    assert cao_bang.campaigns == (CB,)
    # A code that is not in the registry is refused, nothing is written.
    missing = runner.invoke(app, ["storage", "grant", "SO-YT", "H-NARI", "--campaign", CB])
    assert missing.exit_code == 1
    assert "Danh mục 'cao-bang' không có đơn vị H-NARI" in missing.output
    assert load_unit_keys(keys_file(var_dir)) == keys
    listed = runner.invoke(app, ["storage", "list"])
    assert "cao-bang\tSO-YT\tunit-cao-bang-so-yt\t" + CB in listed.output
    assert "Tổng: 3 khóa." in listed.output
    assert cao_bang.secret_key not in listed.output
    revoked = runner.invoke(app, ["storage", "revoke", "so-yt", "--registry", "cao-bang"])
    assert "SO-YT (cao-bang): đã thu hồi khóa unit-cao-bang-so-yt" in revoked.output
    assert set(load_unit_keys(keys_file(var_dir))) == {("bac-kan", "SO-YT"), ("bac-kan", "SO-NV")}


def test_policy_and_minio_plan(var_dir: Path, tmp_path: Path) -> None:
    printed = runner.invoke(app, ["storage", "policy", "so-yt", "--campaign", CB])
    assert printed.exit_code == 0, printed.output
    text = json.dumps(json.loads(printed.output))
    assert f"arn:aws:s3:::thidua-inbox/{CB}/*/SO-YT/*" in text
    assert CDS not in text
    ours = runner.invoke(app, ["storage", "policy", "so-yt"])
    assert f"arn:aws:s3:::thidua-inbox/{CDS}/*/SO-YT/*" in ours.output
    assert CB not in ours.output
    runner.invoke(app, ["storage", "grant", "SO-YT"])
    plan = runner.invoke(app, ["storage", "minio-plan", "--out", str(tmp_path / "minio")])
    assert plan.exit_code == 0, plan.output
    script = (tmp_path / "minio" / "minio-setup.sh").read_text()
    assert "mc admin user add thidua unit-bac-kan-so-yt" in script
    assert (tmp_path / "minio" / "policies" / "thidua-unit-bac-kan-so-yt.json").exists()
    assert load_unit_keys(keys_file(var_dir))[("bac-kan", "SO-YT")].secret_key not in script


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
