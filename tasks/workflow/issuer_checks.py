"""What the issuer's decision must say about who signed it and its number (the issuer is data)."""

from __future__ import annotations

from models.campaign import Campaign, Phase


def issuer_problems(
    campaign: Campaign, phase: Phase, *, number: str, signer_title: str
) -> list[str]:
    """Return what in a recorded decision does not match the phase's issuer: symbol, signer."""
    issuer = campaign.issuer_of(phase)
    problems = []
    symbol = issuer.decision_symbol()
    if "/" in number and not number.endswith(f"/{symbol}"):
        problems.append(
            f"Số quyết định «{number}» phải mang ký hiệu của "
            f"{phase.issuing_authority.name}: …/{symbol}."
        )
    title = " ".join(signer_title.split()).upper()
    if title not in (issuer.signer_title, issuer.deputy_title):
        problems.append(
            f"Chức danh người ký «{signer_title}» không phải {issuer.signer_title} hay "
            f"{issuer.deputy_title} của {phase.issuing_authority.name}."
        )
    return problems
