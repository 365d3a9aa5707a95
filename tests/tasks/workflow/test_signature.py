"""The portal's signature of a decision: bound to the key, the run, the payload and the account."""

from __future__ import annotations

from tasks.workflow.signature import sign_decision, signer_of, unsigned

PAYLOAD = {"decider_name": "", "decider_role": "council", "votes": [{"nomination_id": 1}]}


def test_a_signed_decision_names_its_account_and_role() -> None:
    signed = sign_decision("khoa", "run-1", PAYLOAD, account="thu-ky", role="council")
    assert signer_of("khoa", "run-1", signed) == ("thu-ky", "council")
    assert unsigned(signed) == PAYLOAD


def test_anything_changed_breaks_the_signature() -> None:
    signed = sign_decision("khoa", "run-1", PAYLOAD, account="thu-ky", role="council")
    assert signer_of("khoa-khac", "run-1", signed) is None  # another key
    assert signer_of("khoa", "run-2", signed) is None  # replayed on another run
    assert signer_of("khoa", "run-1", {**signed, "portal_account": "ke-mao-danh"}) is None
    assert signer_of("khoa", "run-1", {**signed, "portal_role": "chairman_office"}) is None
    assert signer_of("khoa", "run-1", {**signed, "votes": []}) is None  # another decision
    assert signer_of("khoa", "run-1", {**PAYLOAD, "decider_name": "Kẻ mạo danh"}) is None
