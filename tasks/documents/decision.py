"""The issuer's decision awarding the Bằng khen: data only, the wording is the template's."""

from __future__ import annotations

from typing import Any

from models.campaign_documents import CashAward
from tasks.documents.common import (
    authority_header,
    counted,
    display_name,
    file_keeping,
    kinds,
    movement,
    numbered,
    ordered_citations,
    phase_facts,
    post_unit,
    signer,
)
from tasks.documents.dates import legal_date, number_line
from tasks.documents.escape import clean_line
from tasks.documents.numerals import vn_number
from tasks.documents.records import CandidateRecord, Dossier


def _factor(value: float) -> str:
    return vn_number(value, 1)


def cash(award: CashAward | None, counts: dict[str, int]) -> dict[str, Any] | None:
    """Return the cash award: amount per collective and person, and the total."""
    if award is None:
        return None
    collective = round(award.base_salary * award.collective_factor)
    individual = round(award.base_salary * award.individual_factor)
    total = collective * counts.get("tap_the", 0) + individual * counts.get("ca_nhan", 0)
    return {
        "basis": award.basis,
        "base_salary": vn_number(award.base_salary),
        "base_salary_basis": award.base_salary_basis,
        "collective_factor": _factor(award.collective_factor),
        "individual_factor": _factor(award.individual_factor),
        "collective": vn_number(collective),
        "individual": vn_number(individual),
        "total": vn_number(total),
        "funding": award.funding,
    }


def _signer(dossier: Dossier) -> dict[str, str]:
    chairman = dossier.phase.signatories.get("chairman")
    decision = dossier.decision
    if decision is None:
        return signer(chairman)
    title = clean_line(decision.signer_title).upper() or getattr(chairman, "title", "")
    block = signer(chairman, name=decision.signer_name, title=title)
    issuer = dossier.campaign.issuer_of(dossier.phase)
    block["authority_line"], block["title"] = issuer.signer_lines(title)
    return block


def _person(c: CandidateRecord) -> dict[str, Any]:
    then = post_unit(c.post_then, c.unit_then)
    return {
        "name": clean_line(c.full_name),
        "then": then,
        "now": post_unit(c.post_now, c.unit_now) or then,
    }


def decision_context(dossier: Dossier) -> dict[str, Any]:
    """Return the data of the Chairman's decision (a draft until it is recorded)."""
    phase = dossier.phase
    issuer = phase.issuing_authority
    awarding = dossier.campaign.issuer_of(phase)
    decision = dossier.decision
    number = number_line(decision.number if decision else None, "QĐ", awarding.symbol)
    dated = legal_date(decision.signed_on if decision else None, year=dossier.year)
    counts = kinds(dossier.awardees)
    collectives = [c for c in dossier.awardees if c.kind == "tap_the"]
    persons = [c for c in dossier.awardees if c.kind == "ca_nhan"]
    home = phase.home_affairs_department
    return {
        "draft": decision is None,
        "header": authority_header(
            issuer,
            number=number,
            place=phase.place,
            day=decision.signed_on if decision else None,
            year=dossier.year,
        ),
        "phase": phase_facts(phase, dossier.campaign.issuer_of(phase)),
        "movement": movement(dossier.campaign),
        "authority_title": f"{awarding.signer_title} {issuer.header}",
        "citations": ordered_citations(list(phase.legal_basis.citations), end=";"),
        "home_affairs_to_trinh": numbered(
            phase.documents.home_affairs_to_trinh, "TTr", home.abbreviation
        ),
        "to_trinh": numbered(
            phase.documents.to_trinh, "TTr", phase.appraising_department.abbreviation
        ),
        "counts": counted(counts),
        "cash": cash(phase.documents.cash_award, counts),
        "recipients": [
            "- Như Điều 4;",
            f"- {phase.appraising_department.name};",
            f"- {home.name};",
            file_keeping(issuer.drafting_unit),
        ],
        "signer": _signer(dossier),
        "number_short": number.removeprefix("Số: "),
        "dated": dated,
        "collectives": [
            {"no": i, "name": display_name(c)} for i, c in enumerate(collectives, start=1)
        ],
        "persons": [{"no": i, **_person(c)} for i, c in enumerate(persons, start=1)],
    }
