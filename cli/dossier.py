"""`thidua dossier build`: the dossier of a phase for the Chairman, rendered and stored."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cli.prefect_api import use_local_server
from models.settings import get_settings

app = typer.Typer(
    help="Hồ sơ trình Chủ tịch UBND tỉnh (DOCX đúng thể thức Nghị định 30/2020/NĐ-CP)."
)


@app.command(
    "build",
    help="Lập ngay hồ sơ của một đợt (Tờ trình, Biên bản, báo cáo thành tích, dự thảo "
    "Quyết định, hồ sơ ghép, danh mục, tệp nén) và lưu vào bucket kết quả.",
)
def build(
    campaign: Annotated[str, typer.Option("--campaign", help="Mã phong trào.")],
    phase: Annotated[str, typer.Option("--phase", help="Mã đợt (ví dụ so-ket-2023).")],
    out: Annotated[
        Path | None, typer.Option("--out", help="Thư mục chép các tệp của hồ sơ về máy.")
    ] = None,
) -> None:
    """Build the dossier of a phase now and store it in the output bucket."""
    server = use_local_server()
    from flows.build_dossier import build_dossier  # after PREFECT_API_URL is settled
    from tasks.storage import ObjectStore

    result = build_dossier(campaign=campaign, phase=phase)
    settings = get_settings()
    print(
        f"Đã lập hồ sơ {phase}: {len(result['files'])} tệp trong "
        f"{result['bucket']}/{result['prefix']}"
    )
    print(f"- Hồ sơ ghép: {result['merged_key']}")
    print(f"- Tệp nén: {result['zip_key']}")
    print(f"- Danh mục: {result['manifest_key']} (SHA-256 {result['manifest_sha256'][:16]}…)")
    for item in result["omitted"]:
        print(f"- Chưa lập {item['document']}: {item['reason']}")
    if out is not None:
        store = ObjectStore(settings)
        for item in result["files"]:
            target = out / item["name"]
            store.download(result["bucket"], item["key"], target)
        print(f"Đã chép {len(result['files'])} tệp vào {out}")
    if server:
        print(f"Xem hồ sơ trong Prefect UI: {server.removesuffix('/api')}")
    print("Tải một tệp: thidua link <khóa> (đường dẫn có hạn vài giờ).")
