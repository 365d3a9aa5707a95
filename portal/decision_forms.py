"""The reviewers' forms: candidates to show, posted fields read back into a decision."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pydantic import ValidationError
from starlette.datastructures import FormData

from models.database import session_scope
from models.nominee_kinds import kind_label
from portal.messages import field_errors, split_problems
from tasks.campaigns import current_campaign
from tasks.registry.queries import registry_units
from tasks.workflow import decisions, forms
from tasks.workflow.decisions import FORMS

ELIGIBLE = {True: "Đủ điều kiện", False: "Không đủ điều kiện"}


@dataclass
class Checked:
    """What a posted form says, as typed, and every reason it cannot be recorded yet."""

    values: dict[str, Any]
    payload: dict[str, Any]
    general: list[str] = field(default_factory=list)
    fields: dict[str, list[str]] = field(default_factory=dict)
    rows: dict[int, list[str]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """Return whether the decision keeps every rule."""
        return not (self.general or self.fields or self.rows)


def candidates(campaign_code: str, phase_code: str, step: str) -> list[dict[str, Any]]:
    """Return the step's candidates: name, unit, kind, rank, score, eligibility and reasons."""
    with session_scope() as session:
        found = decisions.items(
            session,
            campaign_code=campaign_code,
            phase_code=phase_code,
            states=forms.form_states(step),
        )
        registry = current_campaign(session, code=campaign_code)[0].registry
        units = {u.code: u.name for u in registry_units(session, registry=registry)}
        return [
            {
                "id": item.nomination.id,
                "name": item.nominee.full_name,
                "unit": units.get(
                    item.nomination.proposing_unit_code, item.nomination.proposing_unit_code
                ),
                "kind": kind_label(item.nominee.kind, capitalised=True),
                "rank": item.candidate.rank if item.candidate and item.candidate.rank else "",
                "score": item.candidate.score if item.candidate and item.candidate.score else "",
                "eligible": ELIGIBLE[bool(item.candidate and item.candidate.eligible)]
                if item.candidate
                else "Chưa xét",
                "selected": bool(item.candidate and item.candidate.selected),
                "reason": item.candidate.reason if item.candidate else "",
            }
            for item in found
        ]


def initial_values(campaign_code: str, phase_code: str, step: str) -> dict[str, Any]:
    """Return the form as first shown: the same pre-filled form the flow offers, votes blank."""
    with session_scope() as session:
        campaign, _ = current_campaign(session, code=campaign_code)
        phase = campaign.phase(phase_code)
        if step == "council":
            form = forms.council_form(session, campaign=campaign, phase=phase, today=date.today())
            form["members_total"] = ""
            form["attendees"] = ""
            form["votes"] = {
                v["nomination_id"]: {
                    "decision": "propose" if v["accept"] else "decline",
                    "for": "",
                    "against": "",
                    "abstain": "",
                    "reason": v["reason"],
                }
                for v in form["votes"]
            }
            return form
        if step == "verification":
            form = forms.verification_form(session, campaign=campaign, phase=phase)
            form["items"] = {i["nomination_id"]: i for i in form["items"]}
            return form
        return forms.chairman_form(session, campaign=campaign, phase=phase, today=date.today())


def _number(text: str) -> int | str:
    text = text.strip()
    return int(text) if text.isdigit() else text or 0


def _attendees(text: str) -> list[dict[str, str]]:
    present = []
    for line in text.splitlines():
        name, _, post = line.partition(",")
        if name.strip():
            present.append({"name": name.strip(), "post": post.strip()})
    return present


def read_council(form: FormData, ids: list[int]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Return the council form as typed (to show again) and as the decision payload."""
    text = {k: str(form.get(k, "")) for k in _MEETING}
    votes = {
        n: {
            "decision": str(form.get(f"decision_{n}", "propose")),
            "for": str(form.get(f"for_{n}", "")),
            "against": str(form.get(f"against_{n}", "")),
            "abstain": str(form.get(f"abstain_{n}", "")),
            "reason": str(form.get(f"reason_{n}", "")),
        }
        for n in ids
    }
    values = {**text, "votes": votes}
    payload = {
        **{k: v for k, v in text.items() if k not in ("members_total", "attendees")},
        "decider_name": "",
        "decider_role": "council",
        "members_total": _number(text["members_total"]),
        "attendees": _attendees(text["attendees"]),
        "votes": [
            {
                "nomination_id": n,
                "accept": v["decision"] == "propose",
                "return_for_completion": v["decision"] == "return",
                "votes_for": _number(v["for"]),
                "votes_against": _number(v["against"]),
                "votes_abstain": _number(v["abstain"]),
                "reason": v["reason"],
            }
            for n, v in votes.items()
        ],
    }
    return values, payload


_MEETING = (
    "meeting_date",
    "start_time",
    "end_time",
    "venue",
    "chair_name",
    "chair_post",
    "secretary_name",
    "secretary_post",
    "members_total",
    "attendees",
)


def all_in_favour(values: dict[str, Any]) -> dict[str, Any]:
    """Fill every proposed candidate's votes: all members present in favour."""
    present = str(len(_attendees(values.get("attendees", ""))))
    for vote in values["votes"].values():
        if vote["decision"] == "propose":
            vote.update({"for": present, "against": "0", "abstain": "0"})
    return values


def read_verification(form: FormData, ids: list[int]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Return Sở Nội vụ's form as typed and as the decision payload."""
    items = {
        n: {
            "nomination_id": n,
            "agree": form.get(f"agree_{n}") == "yes",
            "comment": str(form.get(f"comment_{n}", "")),
        }
        for n in ids
    }
    values = {"items": items}
    payload = {"decider_name": "", "decider_role": "home_affairs", "items": list(items.values())}
    return values, payload


def read_chairman(form: FormData, ids: list[int]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Return the Chairman's office form as typed and as the decision payload."""
    text = {
        k: str(form.get(k, ""))
        for k in ("number", "signed_on", "signer_name", "signer_title", "refusal_reason")
    }
    awarded = [n for n in ids if form.get(f"awarded_{n}") == "yes"]
    values = {**text, "awarded": awarded}
    payload = {**text, "decider_name": "", "decider_role": "chairman_office", "awarded": awarded}
    return values, payload


def check(
    campaign_code: str, phase_code: str, step: str, values: dict[str, Any], payload: dict[str, Any]
) -> Checked:
    """Check payload with the same rules the flow applies; place each reason by its field."""
    result = Checked(values=values, payload=payload)
    list_key = {"council": "votes", "verification": "items"}.get(step)
    rows = {i: row["nomination_id"] for i, row in enumerate(payload[list_key])} if list_key else {}
    try:
        FORMS[step].model_validate({**payload, "decider_name": "-"})
    except ValidationError as error:
        result.fields, result.rows = field_errors(error, rows)
        return result
    with session_scope() as session:
        campaign, _ = current_campaign(session, code=campaign_code)
        problems, _ = decisions.apply(
            session,
            campaign=campaign,
            phase=campaign.phase(phase_code),
            step=step,
            payload={**payload, "decider_name": "-"},
            save=False,
        )
    result.general, result.rows = split_problems(problems)
    return result
