"""awards by the plan: registry scope and version, council quorum, written opinions

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07 04:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("unit", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "registry_code", sa.String(length=64), nullable=False, server_default="bac-kan"
            )
        )
        batch_op.create_index(batch_op.f("ix_unit_registry_code"), ["registry_code"], unique=False)
    with op.batch_alter_table("unit_year_result", schema=None) as batch_op:
        batch_op.add_column(sa.Column("registry_sha256", sa.String(length=64), nullable=True))
    with op.batch_alter_table("phase_result", schema=None) as batch_op:
        batch_op.add_column(sa.Column("registry_sha256", sa.String(length=64), nullable=True))
    with op.batch_alter_table("council_meeting", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("quorum_met", sa.Boolean(), nullable=False, server_default=sa.true())
        )
        batch_op.add_column(sa.Column("no_quorum_reason", sa.String(length=2000), nullable=True))
    with op.batch_alter_table("council_vote", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("written_for", sa.Integer(), nullable=False, server_default="0")
        )


def downgrade() -> None:
    with op.batch_alter_table("council_vote", schema=None) as batch_op:
        batch_op.drop_column("written_for")
    with op.batch_alter_table("council_meeting", schema=None) as batch_op:
        batch_op.drop_column("no_quorum_reason")
        batch_op.drop_column("quorum_met")
    with op.batch_alter_table("phase_result", schema=None) as batch_op:
        batch_op.drop_column("registry_sha256")
    with op.batch_alter_table("unit_year_result", schema=None) as batch_op:
        batch_op.drop_column("registry_sha256")
    with op.batch_alter_table("unit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_unit_registry_code"))
        batch_op.drop_column("registry_code")
