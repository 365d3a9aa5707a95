"""`thidua db upgrade|current`: the database schema."""

from __future__ import annotations

from typing import Annotated

import typer

from models.database import current_revision, upgrade
from models.settings import get_settings

app = typer.Typer(help="Cơ sở dữ liệu: di chuyển lược đồ (Alembic).", no_args_is_help=True)


def _safe_url() -> str:
    from sqlalchemy.engine import make_url

    return make_url(get_settings().resolved_database_url).render_as_string(hide_password=True)


@app.command(
    "upgrade", help="Nâng lược đồ cơ sở dữ liệu lên phiên bản mới nhất (hoặc phiên bản chỉ định)."
)
def upgrade_command(revision: Annotated[str, typer.Argument()] = "head") -> None:
    """Migrate the database to the given revision (default: head)."""
    upgrade(revision=revision)
    print(f"Cơ sở dữ liệu {_safe_url()} ở phiên bản {current_revision()}.")


@app.command(help="In phiên bản lược đồ hiện tại của cơ sở dữ liệu.")
def current() -> None:
    """Print the schema revision of the database."""
    print(f"Cơ sở dữ liệu {_safe_url()} ở phiên bản {current_revision() or '(trống)'}.")
