"""Accounts for the decision tests: created and granted as an administrator would."""

from __future__ import annotations

from models.database import session_scope
from tasks.accounts.store import add_account, find_person, grant
from tasks.workflow.resume import resume_signed

__all__ = ["account_with_role", "resume_signed"]


def account_with_role(username: str, full_name: str, role: str) -> None:
    """Create the account username (if new) and grant it role."""
    with session_scope() as session:
        if find_person(session, username) is None:
            add_account(session, username=username, full_name=full_name, password="mat-khau-123")
        grant(session, username=username, role=role, granted_by="admin")
