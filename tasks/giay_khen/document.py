"""The head's decision awarding the unit's Giấy khen: data only, the wording is the template's."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session

from models.campaign import Campaign
from models.giay_khen import GiayKhenRound
from models.tables import GiayKhenCandidate, GiayKhenDecision, GiayKhenRoundRecord
from tasks.documents.bundle import BundleFile, file_slug, record, upload
from tasks.documents.common import (
    authority_header,
    counted,
    file_keeping,
    lowered,
    movement,
    ordered_citations,
    post_unit,
    signer,
)
from tasks.documents.dates import legal_date, number_line
from tasks.documents.numerals import vn_number
from tasks.documents.render import Properties, fixed_time, render_docx, template_path
from tasks.giay_khen.records import award_name, candidates_of
from tasks.storage import ObjectStore

TEMPLATE = "quyet-dinh-giay-khen.docx"


def _score(value: float | None) -> str:
    return vn_number(value, 1) if value is not None else ""


def decision_context(
    round_: GiayKhenRound,
    campaign: Campaign,
    decision: GiayKhenDecision,
    awardees: list[GiayKhenCandidate],
) -> dict[str, Any]:
    """Return the data of the head's decision (a draft until it has a number and a date)."""
    head = round_.head
    issuer = head.authority
    number = number_line(decision.number or None, "QĐ", issuer.abbreviation)
    title = decision.signer_title.upper()
    phase = campaign.phase(round_.phase)
    rows = {row.code: row for row in round_.candidates}
    collectives = [c for c in awardees if c.kind == "tap_the"]
    persons = [c for c in awardees if c.kind == "ca_nhan"]
    return {
        "draft": not (decision.number and decision.signed_on),
        "header": authority_header(
            issuer, number=number, place=head.place, day=decision.signed_on, year=round_.year
        ),
        "authority_title": f"{title} {issuer.header}",
        "citations": ordered_citations(list(round_.citations), end=";"),
        "proposer": head.proposer,
        "award": award_name(round_),
        "movement": movement(campaign),
        "period": lowered(phase.name),
        "year": round_.year,
        "unit_name": issuer.name,
        "counts": counted({"tap_the": len(collectives), "ca_nhan": len(persons)}),
        "recipients": [
            "- Như Điều 3;",
            f"- {campaign.phase(round_.phase).appraising_department.name} (để theo dõi);",
            file_keeping(issuer.drafting_unit),
        ],
        "signer": signer(head.signatory, name=decision.signer_name, title=title),
        "signer_of": f"{decision.signer_title.capitalize()} {issuer.name}",
        "number_short": number.removeprefix("Số: "),
        "dated": legal_date(decision.signed_on, year=round_.year),
        "collectives": [
            {"no": i, "name": c.full_name, "score": _score(c.score)}
            for i, c in enumerate(collectives, start=1)
        ],
        "persons": [
            {
                "no": i,
                "name": c.full_name,
                "post": post_unit(rows[c.code].post, rows[c.code].department),
                "score": _score(c.score),
            }
            for i, c in enumerate(persons, start=1)
        ],
    }


def object_key(record_: GiayKhenRoundRecord) -> str:
    """Return where the round's decision is stored in the output bucket."""
    return (
        f"giay-khen/{record_.campaign_code}/{record_.phase_code}/{record_.unit_code}/"
        f"{record_.code}/{TEMPLATE}"
    )


def render_decision(
    round_: GiayKhenRound,
    campaign: Campaign,
    decision: GiayKhenDecision,
    awardees: list[GiayKhenCandidate],
) -> bytes:
    """Render the decision's DOCX (the same inputs give the same bytes)."""
    context = decision_context(round_, campaign, decision, awardees)
    signed = decision.signed_on
    created = datetime.combine(signed, datetime.min.time()) if signed else None
    properties = Properties(
        title=f"Quyết định về việc tặng Giấy khen - {round_.head.authority.name}",
        author=round_.head.authority.name,
        created=fixed_time(created, year=round_.year),
        subject=f"{campaign.name} - {round_.phase}",
        category="Quyết định khen thưởng",
    )
    return render_docx(template_path(None, TEMPLATE), context, properties)


def publish_decision(
    session: Session,
    *,
    store: ObjectStore,
    bucket: str,
    record_: GiayKhenRoundRecord,
    campaign: Campaign,
    decision: GiayKhenDecision,
    rules_version: str,
) -> dict[str, Any]:
    """Render the decision, store it (unless the same bytes are there) and record it."""
    round_ = GiayKhenRound.model_validate(record_.content)
    awarded = set(decision.awarded)
    awardees = [c for c in candidates_of(session, record_) if c.code in awarded]
    data = render_decision(round_, campaign, decision, awardees)
    name = f"qd-giay-khen-{file_slug(record_.unit_code)}-{file_slug(record_.code)}.docx"
    item = BundleFile(name=name, kind="qd_giay_khen", data=data)
    key = object_key(record_)
    upload(store, bucket, key, item)
    record(
        session,
        campaign=record_.campaign_code,
        phase=record_.phase_code,
        year=record_.year,
        kind="qd_giay_khen",
        key=key,
        sha256=item.sha256,
        sources={"round_sha256": record_.sha256, "decision_sha256": decision.data_sha256},
        rules_version=rules_version,
    )
    return {"bucket": bucket, "key": key, "sha256": item.sha256, "awardees": len(awardees)}
