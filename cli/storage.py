"""`thidua storage`: per-unit S3 keys and policies, on the local server and on MinIO."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from sqlmodel import Session

from cli.common import campaign_code, database_session
from deploy.local_stack import LocalStack
from models.settings import get_settings
from tasks.access import minio_setup
from tasks.access.keys import UnitKeyError, grant, keys_file, load_unit_keys, revoke
from tasks.access.policies import unit_policy
from tasks.access.scope import registry_campaigns, registry_unit_codes
from tasks.campaigns import current_campaign

app = typer.Typer(
    help="Quyền truy cập kho lưu trữ: khóa riêng của từng đơn vị, tài khoản dịch vụ, MinIO.",
    no_args_is_help=True,
)

EventsUrl = Annotated[
    str,
    typer.Option(help="Địa chỉ MinIO gửi thông báo tải lên (dịch vụ deploy.inbox_events)."),
]


RegistryOption = Annotated[
    str | None, typer.Option("--registry", help="Mã danh mục đơn vị (vd. bac-kan).")
]
CampaignOption = Annotated[
    str | None,
    typer.Option("--campaign", help="Mã phong trào: dùng danh mục của phong trào (mặc định)."),
]


def _registry(session: Session, registry: str | None, campaign: str | None) -> str:
    """Return the registry named, or that of the campaign named (or of the default campaign)."""
    if registry:
        return registry
    code = campaign_code(campaign)
    try:
        return current_campaign(session, code=code)[0].registry
    except KeyError as error:
        print(f"Lỗi: {error.args[0]}")
        raise typer.Exit(1) from None


def _one_of(registry: str | None, campaign: str | None) -> None:
    if registry and campaign:
        print("Lỗi: chỉ ghi một trong hai: --registry hoặc --campaign.")
        raise typer.Exit(2)


@app.command(
    "grant",
    help="Cấp khóa S3 riêng cho đơn vị của một danh mục: chỉ ghi thư mục của mình trong các "
    "phong trào đọc danh mục đó.",
)
def grant_units(
    units: Annotated[list[str], typer.Argument(help="Mã đơn vị, ví dụ SO-YT")],
    campaign: CampaignOption = None,
    registry: RegistryOption = None,
    minio: Annotated[bool, typer.Option(help="Tạo người dùng và chính sách trên MinIO.")] = False,
    events_url: EventsUrl = "http://events:8765/minio",
) -> None:
    """Make keys for the registry's units that have none; print each new key once."""
    _one_of(registry, campaign)
    if not registry:
        campaign = campaign_code(campaign)
    settings = get_settings()
    path = keys_file(settings.resolved_var_dir)
    before = set(load_unit_keys(path))
    try:
        with database_session() as session:
            scope = _registry(session, registry, campaign)
            codes = registry_unit_codes(session, registry=scope, units=units)
            campaigns = registry_campaigns(session, registry=scope)
        keys = grant(path, codes, registry=scope, campaigns=campaigns)
    except UnitKeyError as error:
        print(f"Lỗi: {error}")
        raise typer.Exit(1) from error
    for key_id in sorted(set(keys) - before):
        key = keys[key_id]
        secret = key.secret_key
        print(f"{key.unit} ({key.registry}): access key {key.access_key}  secret key {secret}")
    print(f"Danh mục {scope}, dùng trong phong trào: {', '.join(campaigns)}.")
    print(f"Khóa lưu trong {path} (chỉ người quản trị đọc được).")
    if minio:
        minio_setup.apply(settings, keys.values(), events_url=events_url)
        print("Đã tạo người dùng, chính sách và thông báo tải lên trên MinIO.")
    elif LocalStack(settings).reload_identities():
        print("Máy chủ S3 cục bộ đã nạp lại danh sách khóa.")


@app.command("revoke", help="Thu hồi khóa S3 của đơn vị (của một danh mục).")
def revoke_units(
    units: Annotated[list[str], typer.Argument(help="Mã đơn vị")],
    campaign: CampaignOption = None,
    registry: RegistryOption = None,
    minio: Annotated[bool, typer.Option(help="Xóa cả người dùng trên MinIO.")] = False,
) -> None:
    """Remove the units' keys, from the local server (reloaded) or MinIO."""
    _one_of(registry, campaign)
    if not registry:
        with database_session() as session:
            registry = _registry(session, None, campaign_code(campaign))
    settings = get_settings()
    removed = revoke(keys_file(settings.resolved_var_dir), units, registry=registry)
    for key in removed:
        print(f"{key.unit} ({key.registry}): đã thu hồi khóa {key.access_key}")
    if not removed:
        print(f"Danh mục {registry} không có khóa nào của {', '.join(units)}.")
    if minio:
        minio_setup.remove_users(settings, [key.access_key for key in removed])
    elif removed and LocalStack(settings).reload_identities(removed=True):
        print("Máy chủ S3 cục bộ đã khởi động lại với danh sách khóa mới.")


@app.command("list", help="Liệt kê khóa S3 đã cấp (không in khóa bí mật).")
def list_keys(registry: RegistryOption = None) -> None:
    """Print each key: unit, registry, access key and the campaigns it is good in."""
    keys = load_unit_keys(keys_file(get_settings().resolved_var_dir))
    shown = [key for key in keys.values() if registry in (None, key.registry)]
    for key in shown:
        campaigns = ", ".join(key.campaigns) or "(không phong trào nào)"
        print(f"{key.registry}\t{key.unit}\t{key.access_key}\t{campaigns}")
    print(f"Tổng: {len(shown)} khóa.")


@app.command("policy", help="In chính sách IAM của một đơn vị của một danh mục (JSON).")
def policy(
    unit: Annotated[str, typer.Argument(help="Mã đơn vị")],
    campaign: CampaignOption = None,
    registry: RegistryOption = None,
) -> None:
    """Print the IAM policy document of a unit of a registry."""
    _one_of(registry, campaign)
    if not registry:
        campaign = campaign_code(campaign)
    try:
        with database_session() as session:
            scope = _registry(session, registry, campaign)
            (code,) = registry_unit_codes(session, registry=scope, units=[unit])
            campaigns = registry_campaigns(session, registry=scope)
    except UnitKeyError as error:
        print(f"Lỗi: {error}")
        raise typer.Exit(1) from error
    s = get_settings()
    document = unit_policy(code, campaigns=campaigns, inbox=s.inbox_bucket, output=s.output_bucket)
    print(json.dumps(document, indent=2, ensure_ascii=False))


@app.command("minio-plan", help="Ghi các chính sách và lệnh mc để thiết lập MinIO vào thư mục.")
def minio_plan(
    out: Annotated[Path, typer.Option(help="Thư mục ghi chính sách và minio-setup.sh")],
    events_url: EventsUrl = "http://events:8765/minio",
) -> None:
    """Write the policy documents and the mc commands that set MinIO up."""
    settings = get_settings()
    units = load_unit_keys(keys_file(settings.resolved_var_dir)).values()
    plan = minio_setup.plan(settings, units, events_url=events_url)
    for path in minio_setup.write_plan(plan, out):
        print(path)


@app.command("minio-setup", help="Thiết lập MinIO bằng khóa gốc: bucket, khóa đối tượng, quyền.")
def minio_apply(events_url: EventsUrl = "http://events:8765/minio") -> None:
    """Create buckets, object lock, policies, users and the webhook on MinIO."""
    settings = get_settings()
    units = load_unit_keys(keys_file(settings.resolved_var_dir)).values()
    plan = minio_setup.apply(settings, units, events_url=events_url)
    print(f"Đã thiết lập {len(plan.users)} người dùng và {len(plan.policies)} chính sách.")
