"""Helpers of the end-to-end flow tests: a campaign moved to this year, uploads, artifacts."""

from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path

import yaml
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

from models.campaign import shipped_campaign_path
from models.settings import Settings
from tasks.storage import ObjectStore
from tests.factories import build_workbook, info_rows

REGISTRY = Path(__file__).resolve().parents[2] / "models" / "data" / "units-bac-kan.csv"
YEAR = date.today().year  # the deadline of this year is 31/12, so uploads made now are on time
CODE = "cds-e2e"


def campaign_file(folder: Path) -> Path:
    """Return the shipped campaign moved to this year and last year: a new file, no code."""
    data = yaml.safe_load(shipped_campaign_path("cds-2022-2025").read_text(encoding="utf-8"))
    final = data["phases"][1]
    final.update(code=f"tong-ket-{YEAR}", quarter=f"Q4/{YEAR}", years=[YEAR - 1, YEAR])
    data.update(
        code=CODE,
        years=[YEAR - 1, YEAR],
        phases=[final],
        deadline={"day": 31, "month": 12, "time": "23:59:59"},
    )
    data["indicators"] = [i for i in data["indicators"] if i["code"] != "KH_PHAT_DONG"]
    path = folder / f"{CODE}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def upload(
    store: ObjectStore, settings: Settings, unit: str, name: str, data: bytes, year: int = YEAR
) -> None:
    store.put_bytes(settings.inbox_bucket, f"{CODE}/{year}/{unit}/{name}", data)


def good(unit: str, year: int = YEAR, **kwargs: object) -> bytes:
    return build_workbook(unit=unit, year=year, info=info_rows(unit, year), **kwargs)  # type: ignore[arg-type]


def artifacts(key: str) -> list[object]:
    async def read() -> list[object]:
        async with get_client() as client:
            return list(
                await client.read_artifacts(
                    artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=[key]))
                )
            )

    return asyncio.run(read())
