"""Which campaigns a registry's unit keys are good in, and which units a registry has."""

from __future__ import annotations

from functools import cache

from sqlmodel import Session

from models.campaign import CAMPAIGNS_DIR, load_campaign
from tasks.access.keys import UnitKeyError, unit_code
from tasks.campaigns import campaigns_of_registry
from tasks.registry.queries import get_unit


@cache
def shipped_campaigns_of(registry: str) -> tuple[str, ...]:
    """Return the codes of the shipped campaign files that read registry."""
    found = (load_campaign(path)[0] for path in sorted(CAMPAIGNS_DIR.glob("*.yaml")))
    return tuple(sorted(c.code for c in found if c.registry == registry))


def registry_campaigns(session: Session, *, registry: str) -> list[str]:
    """Return the codes of the campaigns in force that read registry (refused if none)."""
    codes = sorted(c.code for c in campaigns_of_registry(session, registry=registry))
    if not codes:
        raise UnitKeyError(
            f"Chưa có phong trào nào dùng danh mục '{registry}': nạp phong trào trước "
            "(`thidua campaign load`)."
        )
    return codes


def registry_unit_codes(session: Session, *, registry: str, units: list[str]) -> list[str]:
    """Return the units' codes, refusing any code that is not a unit of registry."""
    codes = [unit_code(unit) for unit in units]
    missing = [code for code in codes if get_unit(session, registry=registry, code=code) is None]
    if missing:
        raise UnitKeyError(
            f"Danh mục '{registry}' không có đơn vị {', '.join(missing)}: không cấp khóa nào "
            "(nạp danh mục bằng `thidua units import`)."
        )
    return codes
