"""Helpers shared by the CLI commands."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import typer
from sqlmodel import Session

from models.database import SchemaNotReadyError, require_schema, session_scope


@contextmanager
def database_session() -> Iterator[Session]:
    """Yield a session on a migrated database, or exit with a clear message."""
    try:
        require_schema()
    except SchemaNotReadyError as error:
        print(f"Lỗi: {error}")
        raise typer.Exit(2) from error
    with session_scope() as session:
        yield session


def campaign_code(code: str | None) -> str:
    """Return the campaign named, or the default one; exit with a clear message if none fits."""
    from tasks.campaigns import CampaignChoiceError, resolve_campaign_code

    try:
        return resolve_campaign_code(code)
    except CampaignChoiceError as error:
        print(f"Lỗi: {error}")
        raise typer.Exit(2) from error
