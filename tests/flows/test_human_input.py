"""The decision forms the Prefect UI renders: Vietnamese titles, pre-filled values, the summary."""

from __future__ import annotations

from prefect.input import RunInput

from flows.human_input import prefilled_form
from models.review_decisions import CouncilDecision


def test_the_form_keeps_its_titles_and_takes_the_values_as_defaults() -> None:
    values = {"decider_role": "council", "venue": "Phòng họp số 1", "members_total": 9}
    form = prefilled_form(CouncilDecision, "## Hội đồng thẩm định biểu quyết", values)
    assert issubclass(form, RunInput)
    schema = form.model_json_schema()
    properties = schema["properties"]
    assert properties["venue"]["title"] == "Địa điểm"
    # who decides is the signed account: the typed name is not required and decides nothing
    assert properties["decider_name"]["title"] == "Người quyết định (theo tài khoản đăng nhập)"
    assert "decider_name" not in schema.get("required", [])
    assert {"portal_account", "portal_role", "portal_signature"} <= set(properties)
    assert properties["venue"] == {**properties["venue"], "default": "Phòng họp số 1"}
    assert properties["members_total"]["default"] == 9
    assert properties["members_total"]["minimum"] == 1  # the rules stay with the field
    assert form._description == "## Hội đồng thẩm định biểu quyết"  # noqa: SLF001
    vote = schema["$defs"]["CandidateVote"]["properties"]
    assert vote["votes_for"]["title"] == "Số phiếu đồng ý"
