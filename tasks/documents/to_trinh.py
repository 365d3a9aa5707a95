"""The appraising department's Tờ trình to the Chairman: data only (the template words it)."""

from __future__ import annotations

from typing import Any

from tasks.documents.common import (
    authority_header,
    counted,
    file_keeping,
    kinds,
    movement,
    numbered,
    ordered_citations,
    phase_facts,
    short_date,
    signer,
)
from tasks.documents.numerals import vn_number, vn_percent, vn_score
from tasks.documents.records import Dossier, VoteRecord

KINDS = ("tap_the", "ca_nhan")


def _by_kind(votes: list[VoteRecord]) -> dict[str, int]:
    return {kind: sum(v.kind == kind for v in votes) for kind in KINDS}


def reconciled(dossier: Dossier) -> dict[str, Any]:
    """Return the counts from nomination to proposal; each step is part of the one before."""
    nominated = {kind: dossier.nominated.get(kind, 0) for kind in KINDS}
    meeting = dossier.meeting
    if meeting is not None:
        votes = list(meeting.votes)
        considered = _by_kind(votes)
        eligible = _by_kind([v for v in votes if v.nomination_id in dossier.eligible_ids])
        accepted = _by_kind([v for v in votes if v.accepted])
    else:
        considered = dict(dossier.eligible or kinds(dossier.candidates))
        eligible = dict(considered)
        accepted = kinds(dossier.candidates)
    left_out = {kind: max(0, nominated[kind] - considered.get(kind, 0)) for kind in KINDS}
    not_eligible = {kind: max(0, considered[kind] - eligible.get(kind, 0)) for kind in KINDS}
    steps = {
        "nominated": nominated,
        "left_out": left_out,
        "considered": considered,
        "eligible": eligible,
        "not_eligible": not_eligible,
        "accepted": accepted,
        "proposed": kinds(dossier.awardees),
    }
    result: dict[str, Any] = {name: counted(values) for name, values in steps.items()}
    result["any_left_out"] = sum(left_out.values()) > 0
    result["any_not_eligible"] = sum(not_eligible.values()) > 0
    return result


def year_rows(dossier: Dossier) -> list[dict[str, str]]:
    """Return the movement's figures per year of the phase."""
    return [
        {
            "year": str(f.year),
            "expected": vn_number(f.expected),
            "reported": vn_number(f.reported),
            "on_time": vn_number(f.on_time),
            "rate": vn_percent(f.reported / f.expected if f.expected else None),
            "mean_score": vn_score(f.mean_score) or "không có",
            "criteria_met": vn_number(f.criteria_met),
        }
        for f in dossier.figures
    ]


def to_trinh_context(dossier: Dossier) -> dict[str, Any]:
    """Return the data of the appraising department's Tờ trình to the Chairman."""
    phase = dossier.phase
    appraiser = phase.appraising_department
    number = numbered(phase.documents.to_trinh, "TTr", appraiser.abbreviation)
    meeting = dossier.meeting
    return {
        "header": authority_header(
            appraiser,
            number=number["line"],
            place=phase.place,
            day=phase.documents.to_trinh.date if phase.documents.to_trinh else None,
            year=dossier.year,
        ),
        "movement": movement(dossier.campaign),
        "phase": phase_facts(phase, dossier.campaign.issuer_of(phase)),
        "citations": ordered_citations(list(phase.legal_basis.citations)),
        "years": year_rows(dossier),
        "counts": reconciled(dossier),
        "meeting": {
            "held": meeting is not None,
            "date": short_date(meeting.held_on) if meeting else "",
            "present": vn_number(len(meeting.attendees)) if meeting else "",
            "total": vn_number(meeting.members_total) if meeting else "",
        },
        "recipients": [
            "- Như trên;",
            f"- {phase.home_affairs_department.name} (để thẩm định);",
            file_keeping(appraiser.drafting_unit),
        ],
        "signer": signer(phase.signatories.get("appraiser")),
    }
