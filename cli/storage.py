"""`thidua storage`: per-unit S3 keys and policies, on the local server and on MinIO."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from deploy.local_stack import LocalStack
from models.settings import get_settings
from tasks.access import minio_setup
from tasks.access.keys import UnitKeyError, grant, keys_file, load_unit_keys, revoke
from tasks.access.policies import unit_policy

app = typer.Typer(
    help="Quyền truy cập kho lưu trữ: khóa riêng của từng đơn vị, tài khoản dịch vụ, MinIO.",
    no_args_is_help=True,
)

EventsUrl = Annotated[
    str,
    typer.Option(help="Địa chỉ MinIO gửi thông báo tải lên (dịch vụ deploy.inbox_events)."),
]


@app.command("grant", help="Cấp khóa S3 riêng cho đơn vị (chỉ ghi thư mục của mình).")
def grant_units(
    units: Annotated[list[str], typer.Argument(help="Mã đơn vị, ví dụ SO-YT")],
    minio: Annotated[bool, typer.Option(help="Tạo người dùng và chính sách trên MinIO.")] = False,
    events_url: EventsUrl = "http://events:8765/minio",
) -> None:
    """Make keys for the units that have none; print each new key once."""
    settings = get_settings()
    path = keys_file(settings.resolved_var_dir)
    before = set(load_unit_keys(path))
    try:
        keys = grant(path, units)
    except UnitKeyError as error:
        print(f"Lỗi: {error}")
        raise typer.Exit(1) from error
    for code in sorted(set(keys) - before):
        key = keys[code]
        print(f"{code}: access key {key.access_key}  secret key {key.secret_key}")
    print(f"Khóa lưu trong {path} (chỉ người quản trị đọc được).")
    if minio:
        minio_setup.apply(settings, keys.values(), events_url=events_url)
        print("Đã tạo người dùng, chính sách và thông báo tải lên trên MinIO.")
    elif LocalStack(settings).reload_identities():
        print("Máy chủ S3 cục bộ đã nạp lại danh sách khóa.")


@app.command("revoke", help="Thu hồi khóa S3 của đơn vị.")
def revoke_units(
    units: Annotated[list[str], typer.Argument(help="Mã đơn vị")],
    minio: Annotated[bool, typer.Option(help="Xóa cả người dùng trên MinIO.")] = False,
) -> None:
    """Remove the units' keys, from the local server (reloaded) or MinIO."""
    settings = get_settings()
    removed = revoke(keys_file(settings.resolved_var_dir), units)
    for key in removed:
        print(f"{key.unit}: đã thu hồi khóa {key.access_key}")
    if minio:
        minio_setup.remove_users(settings, [key.access_key for key in removed])
    elif removed and LocalStack(settings).reload_identities(removed=True):
        print("Máy chủ S3 cục bộ đã khởi động lại với danh sách khóa mới.")


@app.command("policy", help="In chính sách IAM của một đơn vị (JSON).")
def policy(unit: Annotated[str, typer.Argument(help="Mã đơn vị")]) -> None:
    """Print a unit's IAM policy document."""
    s = get_settings()
    document = unit_policy(unit.upper(), inbox=s.inbox_bucket, output=s.output_bucket)
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
