"""Pieces every document's context shares: header, signatures, dates, names, lists (data only)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from models.campaign import Authority, Campaign, Phase, Signatory
from models.campaign_documents import DocumentNumber
from models.campaign_issuer import Issuer
from models.nominee_kinds import NOMINEE_KINDS
from tasks.documents.dates import legal_date, number_line, place_date_line
from tasks.documents.escape import clean_line
from tasks.documents.numerals import vn_number
from tasks.documents.records import CandidateRecord

PARENT_LINE_CHARS = 26  # capitals that fit one line of the header's left column at 13 pt
ISSUER_LINE_CHARS = 20  # the same in bold
RANKS = (  # the rank of a legal basis, by the words it starts with (Law 80/2015/QH13, art. 4)
    ("Căn cứ Hiến pháp", 0),
    ("Căn cứ Luật", 1),
    ("Căn cứ Bộ luật", 1),
    ("Căn cứ Nghị quyết số", 2),
    ("Căn cứ Pháp lệnh", 3),
    ("Căn cứ Nghị định", 4),
    ("Căn cứ Quyết định số", 5),
    ("Căn cứ Thông tư", 6),
)
DATED = re.compile(r"ngày \d{1,2} tháng \d{1,2} năm \d{4}")


def quoted(text: str) -> str:
    """Return text in Vietnamese quotation marks, ASCII quotes inside turned to curly ones."""
    return f"“{curly(clean_line(text))}”"


def curly(text: str) -> str:
    """Return text with ASCII double quotes paired into “ ”."""
    parts = text.split('"')
    return "".join(
        part + ("" if i == len(parts) - 1 else ("“" if i % 2 == 0 else "”"))
        for i, part in enumerate(parts)
    )


def balanced_lines(text: str, *, max_chars: int) -> list[str]:
    """Return text on one line, or on two lines of similar length split at a space."""
    text = clean_line(text)
    if len(text) <= max_chars or " " not in text:
        return [text] if text else []
    spaces = [i for i, char in enumerate(text) if char == " "]
    split = min(spaces, key=lambda i: (max(i, len(text) - i - 1), -i))
    return [text[:split], text[split + 1 :]]


def punctuate(lines: list[str], *, bullet: str = "", end: str = ".") -> list[str]:
    """Return lines ending in ';' and the last in end, each prefixed with bullet."""
    stripped = [curly(clean_line(line)).rstrip(" ;,.") for line in lines]
    stripped = [line for line in stripped if line]
    return [
        f"{bullet}{line}{end if i == len(stripped) - 1 else ';'}" for i, line in enumerate(stripped)
    ]


def header(*, parent: str, issuer: str, number: str, place_date: str) -> dict[str, Any]:
    """Return the header's context: the bodies on balanced lines, number, place and date."""
    return {
        "parent_lines": balanced_lines(parent.upper(), max_chars=PARENT_LINE_CHARS),
        "issuer_lines": balanced_lines(issuer.upper(), max_chars=ISSUER_LINE_CHARS),
        "number_line": number,
        "place_date": place_date,
    }


def numbered(number: DocumentNumber | None, type_code: str, issuer: str) -> dict[str, str]:
    """Return a registered number as printed: the number line, 'số 45/TTr-STTTT', its date."""
    line = number_line(number.number if number else None, type_code, issuer)
    return {
        "line": line,
        "short": line.removeprefix("Số: "),
        "date": legal_date(number.date if number else None),
    }


def authority_header(
    authority: Authority, *, number: str, place: str, day: date | None, year: int
) -> dict[str, Any]:
    """Return the header of a document issued by authority, dated day (blank when unknown)."""
    return header(
        parent=authority.parent_header,
        issuer=authority.header,
        number=number,
        place_date=place_date_line(place, day, year=year) if place else "",
    )


def signer(
    signatory: Signatory | None, *, name: str | None = None, title: str | None = None
) -> dict[str, str]:
    """Return a signature block: authority line, title, name (overrides win)."""
    return {
        "authority_line": getattr(signatory, "authority_line", "") or "",
        "title": title if title is not None else getattr(signatory, "title", ""),
        "name": clean_line(name if name is not None else getattr(signatory, "name", "")),
    }


def short_date(value: date | None) -> str:
    """Return a date as '08/3/1985' (leading zeros as on the date line)."""
    if value is None:
        return ""
    month = f"{value.month:02d}" if value.month < 3 else str(value.month)
    return f"{value.day:02d}/{month}/{value.year}"


def post_unit(post: str | None, unit: str | None) -> str:
    """Return 'post, unit' from whichever parts are known (unit left out when post names it)."""
    post, unit = clean_line(post), clean_line(unit)
    if post and unit and unit.casefold() in post.casefold():
        return post
    return ", ".join(part for part in (post, unit) if part)


def lowered(text: str) -> str:
    """Return text with its first letter in lower case (inside a sentence)."""
    return text[:1].lower() + text[1:]


def display_name(candidate: CandidateRecord) -> str:
    """Return the name as listed: a collective with its unit when the name lacks it."""
    name = clean_line(candidate.full_name)
    unit = clean_line(candidate.proposing_unit_name)
    if candidate.kind == "tap_the" and unit and unit.split(" (nguyên")[0] not in name:
        return f"{name}, {unit}"
    return name


def kinds(records: tuple[CandidateRecord, ...] | list[CandidateRecord]) -> dict[str, int]:
    """Count records by kind."""
    return {kind: sum(r.kind == kind for r in records) for kind in NOMINEE_KINDS}


def counted(counts: dict[str, int]) -> dict[str, str]:
    """Return counts as printed: collectives, persons and their total."""
    total = sum(counts.get(kind, 0) for kind in NOMINEE_KINDS)
    return {
        "tap_the": vn_number(counts.get("tap_the", 0)),
        "ca_nhan": vn_number(counts.get("ca_nhan", 0)),
        "total": vn_number(total),
    }


def ordered_citations(citations: list[str], *, end: str = ".") -> list[str]:
    """Return the legal bases in rank order (laws, resolutions, decrees, …), punctuated."""
    ranked = sorted(
        enumerate(citations),
        key=lambda pair: (
            next((rank for words, rank in RANKS if pair[1].startswith(words)), 9),
            pair[0],
        ),
    )
    return punctuate([text for _, text in ranked], end=end)


def movement(campaign: Campaign) -> dict[str, Any]:
    """Return the movement and its plan as documents cite them."""
    return {
        "name": quoted(campaign.name),
        "plan_number": campaign.plan.number,
        "plan_date": legal_date(campaign.plan.date),
        "plan_issuer": campaign.plan.issuer,
    }


def award(phase: Phase, issuer: Issuer) -> str:
    """Return the award as granted: 'Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Thái Nguyên'."""
    return f"{issuer.award_form.short} của {issuer.decider(phase.issuing_authority)}"


def phase_facts(phase: Phase, issuer: Issuer) -> dict[str, Any]:
    """Return the phase's names, period, bodies and who awards, as documents print them."""
    return {
        "name": phase.name,
        "name_lower": lowered(phase.name),
        "span": f"{min(phase.years)} - {max(phase.years)}",
        "issuer": phase.issuing_authority.name,
        "appraiser": phase.appraising_department.name,
        "home_affairs": phase.home_affairs_department.name,
        "award": award(phase, issuer),
        "award_form": issuer.award_form.name,
        "award_code": issuer.award_form.code,
        "issuer_kind": issuer.kind.value,
        "decider": issuer.decider(phase.issuing_authority),
        "head": issuer.head,
        "home_affairs_head": phase.home_affairs_department.head,
        "appraiser_head": phase.appraising_department.head,
        "quota_collective": vn_number(phase.quotas.collective),
        "quota_individual": vn_number(phase.quotas.individual),
        "thematic_not_grounds": phase.legal_basis.thematic_award_not_grounds_for_higher,
        "place": phase.place,
    }


def file_keeping(drafting_unit: str) -> str:
    """Return the last recipient line, 'Lưu: VT, <drafting unit>.'."""
    return f"- Lưu: VT, {drafting_unit}." if drafting_unit else "- Lưu: VT."
