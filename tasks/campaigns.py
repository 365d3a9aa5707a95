"""Store and fetch campaign files: each loaded version is kept with its SHA-256."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import Session, col, select

from models.campaign import CAMPAIGNS_DIR, Campaign, load_campaign, shipped_campaign_path
from models.tables import CampaignRecord


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


def current_campaign(session: Session, *, code: str) -> tuple[Campaign, str]:
    """Return the newest loaded version of a campaign, or the shipped file if none was loaded."""
    statement = (
        select(CampaignRecord)
        .where(CampaignRecord.code == code)
        .order_by(col(CampaignRecord.loaded_at).desc(), col(CampaignRecord.id).desc())
    )
    record = session.exec(statement).first()
    if record is not None:
        return Campaign.model_validate(record.content), record.sha256
    shipped = shipped_campaign_path(code)
    if not shipped.exists():
        raise KeyError(f"Không có phong trào '{code}': nạp tệp bằng `thidua campaign load`.")
    return load_campaign(shipped)


def known_campaigns(session: Session) -> list[Campaign]:
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
    return [c for c in known_campaigns(session) if c.registry == registry]


def year_outside(campaign: Campaign, year: int) -> str | None:
    """Return why a campaign has nothing to do in year (one Vietnamese line), or None."""
    if year in campaign.years:
        return None
    return (
        f"Năm {year} nằm ngoài phong trào {campaign.code} ({min(campaign.years)}-"
        f"{max(campaign.years)}): không có việc gì để làm, lần chạy kết thúc."
    )
