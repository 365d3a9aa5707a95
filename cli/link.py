"""`thidua link KEY`: a short-lived download link to one stored file, when a person asks."""

from __future__ import annotations

from typing import Annotated

import typer

from models.settings import get_settings
from tasks.access.links import issue_link
from tasks.storage import StorageError


def link(
    key: Annotated[str, typer.Argument(help="Khóa của tệp, ví dụ ho-so/<phong trào>/<đợt>/x.zip")],
    bucket: Annotated[
        str | None, typer.Option(help="Bucket (mặc định: bucket kết quả THIDUA_OUTPUT_BUCKET).")
    ] = None,
    hours: Annotated[
        int | None, typer.Option(help="Số giờ hiệu lực, 1-24 (mặc định THIDUA_LINK_HOURS).")
    ] = None,
) -> None:
    """Print a presigned link to KEY that expires after a few hours."""
    settings = get_settings()
    try:
        issued = issue_link(settings, key, bucket=bucket, hours=hours)
    except (StorageError, ValueError) as error:
        print(f"Lỗi: {error}")
        raise typer.Exit(1) from error
    local = issued.expires_at.astimezone().strftime("%H:%M %d/%m/%Y")
    print(issued.url)
    print(f"Hết hiệu lực lúc {local} ({issued.expires_at.isoformat()}).")
