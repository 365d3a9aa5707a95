"""inbox versions: the state of every inbox object version; the receipt's problem

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07 04:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "inbox_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bucket", sa.String(length=255), nullable=False),
        sa.Column("object_key", sa.String(length=1024), nullable=False),
        sa.Column("version_key", sa.String(length=400), nullable=False),
        sa.Column("version_id", sa.String(length=255), nullable=True),
        sa.Column("campaign_code", sa.String(length=64), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("unit_folder", sa.String(length=255), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.String(length=2000), nullable=True),
        sa.Column("stored_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("first_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("vanished_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("bucket", "object_key", "version_key"),
    )
    op.create_index(
        "ix_inbox_version_campaign_year_state",
        "inbox_version",
        ["campaign_code", "year", "state"],
        unique=False,
    )
    with op.batch_alter_table("submission", schema=None) as batch_op:
        batch_op.add_column(sa.Column("receipt_problem", sa.String(length=500), nullable=True))
    # A submission left 'received' by a crash under the old code was never validated: forget the
    # row so that the next collection processes that version again.
    op.execute(
        "DELETE FROM submission WHERE status = 'received' AND id NOT IN "
        "(SELECT submission_id FROM nomination)"
    )
    op.execute(
        "INSERT INTO inbox_version (bucket, object_key, version_key, version_id, campaign_code, "
        "year, unit_folder, kind, state, attempts, stored_at, first_seen_at, updated_at) "
        "SELECT bucket, object_key, version_key, version_id, campaign_code, year, "
        "folder_unit_code, 'report', 'recorded', 1, uploaded_at, first_seen_at, first_seen_at "
        "FROM submission"
    )


def downgrade() -> None:
    with op.batch_alter_table("submission", schema=None) as batch_op:
        batch_op.drop_column("receipt_problem")
    op.drop_index("ix_inbox_version_campaign_year_state", table_name="inbox_version")
    op.drop_table("inbox_version")
