"""Store and fetch campaign files: each loaded version is kept with its SHA-256."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlmodel import Session, col, select

from models.campaign import CAMPAIGNS_DIR, Campaign, load_campaign, shipped_campaign_path
from models.database import SchemaNotReadyError, require_schema, session_scope
from models.settings import get_settings
from models.tables import CampaignRecord
from tasks.campaign_schedules import has_ended


def store_campaign(
    session: Session, *, campaign: Campaign, sha256: str, source: str
) -> CampaignRecord:
    """Record a campaign version; loading the same bytes again returns the existing row."""
    statement = select(CampaignRecord).where(
        CampaignRecord.code == campaign.code, CampaignRecord.sha256 == sha256
    )
    record = session.exec(statement).first()
    if record is None:
        record = CampaignRecord(
            code=campaign.code,
            name=campaign.name,
            sha256=sha256,
            source=source,
            content=campaign.model_dump(mode="json"),
        )
        session.add(record)
        session.flush()
    return record


def load_campaign_file(session: Session, *, path: Path) -> CampaignRecord:
    """Validate the campaign file at path and record it."""
    campaign, sha256 = load_campaign(path)
    return store_campaign(session, campaign=campaign, sha256=sha256, source=str(path))


# Loaded campaign versions already validated, by SHA-256 (the same bytes give the same model).
_VALIDATED: dict[tuple[str, str], Campaign] = {}


def current_campaign(session: Session, *, code: str) -> tuple[Campaign, str]:
    """Return the newest loaded version of a campaign, or the shipped file if none was loaded."""
    statement = (
        select(CampaignRecord.id, CampaignRecord.sha256)
        .where(CampaignRecord.code == code)
        .order_by(col(CampaignRecord.loaded_at).desc(), col(CampaignRecord.id).desc())
    )
    newest = session.exec(statement).first()
    if newest is not None:
        record_id, sha256 = newest
        if (campaign := _VALIDATED.get((code, sha256))) is None:
            record = session.get_one(CampaignRecord, record_id)
            campaign = _VALIDATED[(code, sha256)] = Campaign.model_validate(record.content)
        return campaign, sha256
    shipped = shipped_campaign_path(code)
    if not shipped.exists():
        raise KeyError(f"Không có phong trào '{code}': nạp tệp bằng `thidua campaign load`.")
    return load_campaign(shipped)


def campaigns_in_force(session: Session) -> list[Campaign]:
    """Return every campaign in force: each loaded one (newest first), then the shipped others."""
    statement = select(CampaignRecord.code).order_by(
        col(CampaignRecord.loaded_at).desc(), col(CampaignRecord.id).desc()
    )
    codes = list(dict.fromkeys(session.exec(statement).all()))
    shipped = sorted(path.stem for path in CAMPAIGNS_DIR.glob("*.yaml"))
    codes += [code for code in shipped if code not in codes]
    return [current_campaign(session, code=code)[0] for code in codes]


def campaigns_of_registry(session: Session, *, registry: str) -> list[Campaign]:
    """Return the campaigns that read registry, the most recently loaded first."""
    return [c for c in campaigns_in_force(session) if c.registry == registry]


def year_outside(campaign: Campaign, year: int) -> str | None:
    """Return why a campaign has nothing to do in year (one Vietnamese line), or None."""
    if year in campaign.years:
        return None
    return (
        f"Năm {year} nằm ngoài phong trào {campaign.code} ({min(campaign.years)}-"
        f"{max(campaign.years)}): không có việc gì để làm, lần chạy kết thúc."
    )


class CampaignChoiceError(ValueError):
    """No campaign was named and none can be chosen on its own (a Vietnamese message)."""


def known_campaigns(session: Session | None) -> list[Campaign]:
    """Return the newest loaded version of each campaign, or the shipped files if none is loaded."""
    codes = sorted(set(session.exec(select(CampaignRecord.code)).all())) if session else []
    if codes:
        assert session is not None
        return [current_campaign(session, code=code)[0] for code in codes]
    return [load_campaign(path)[0] for path in sorted(CAMPAIGNS_DIR.glob("*.yaml"))]


def default_campaign_code(session: Session | None, *, now: datetime | None = None) -> str:
    """Return the campaign to work on when none is named.

    THIDUA_DEFAULT_CAMPAIGN if set; else the one campaign that has not ended; else the one
    campaign there is. With several, one must be named.
    """
    configured = get_settings().default_campaign
    if configured:
        return configured
    campaigns = known_campaigns(session)
    running = [c for c in campaigns if not has_ended(c, now or datetime.now(UTC))]
    for candidates in (running, campaigns):
        if len(candidates) == 1:
            return candidates[0].code
    listed = ", ".join(c.code for c in (running or campaigns)) or "(chưa có)"
    raise CampaignChoiceError(
        f"Chưa chọn phong trào và có nhiều phong trào ({listed}): ghi rõ mã phong trào "
        "(--campaign) hoặc đặt THIDUA_DEFAULT_CAMPAIGN."
    )


def database_ready() -> bool:
    """Return whether the configured database exists and is migrated (creating nothing)."""
    settings = get_settings()
    if not settings.database_url and not (settings.resolved_var_dir / "thidua.db").exists():
        return False
    try:
        require_schema()
    except SchemaNotReadyError:
        return False
    return True


def resolve_campaign_code(code: str | None) -> str:
    """Return code, or the default campaign (from the database when it is set up)."""
    if code:
        return code
    if not database_ready():
        return default_campaign_code(None)
    with session_scope() as session:
        return default_campaign_code(session)


def current_phase_code(campaign: Campaign, year: int) -> str:
    """Return the phase under way in year: the first that ends in it or later, else the last."""
    phases = sorted(campaign.phases, key=lambda p: (max(p.years), p.code))
    return next((p.code for p in phases if max(p.years) >= year), phases[-1].code)


def resolve_campaign_phase(code: str | None, phase: str | None) -> tuple[str, str]:
    """Return the campaign (default when None) and the phase (the one under way when None)."""
    code = resolve_campaign_code(code)
    if phase:
        return code, phase
    with session_scope() as session:
        campaign = current_campaign(session, code=code)[0]
    zone = campaign.timezone
    from zoneinfo import ZoneInfo

    return code, current_phase_code(campaign, datetime.now(ZoneInfo(zone)).year)
