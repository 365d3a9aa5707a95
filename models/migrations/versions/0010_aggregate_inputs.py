"""the digest of what a yearly aggregation or a phase result was computed from

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 14:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "year_aggregate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_code", sa.String(length=64), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("inputs_sha256", sa.String(length=64), nullable=False),
        sa.Column("result_sha256", sa.String(length=64), nullable=False),
        sa.Column("registry_sha256", sa.String(length=64), nullable=True),
        sa.Column("summary", sa.JSON(), nullable=False),
        sa.Column("computed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("campaign_code", "year"),
    )
    with op.batch_alter_table("phase_result") as batch:
        batch.add_column(sa.Column("inputs_sha256", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("phase_result") as batch:
        batch.drop_column("inputs_sha256")
    op.drop_table("year_aggregate")
