"""a unit's Giấy khen rounds, candidates, the head's decision and the awards granted

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 14:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "giay_khen_round",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_code", sa.String(length=64), nullable=False),
        sa.Column("phase_code", sa.String(length=64), nullable=False),
        sa.Column("unit_code", sa.String(length=64), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("source", sa.String(length=1024), nullable=False),
        sa.Column("content", sa.JSON(), nullable=False),
        sa.Column("state", sa.String(length=32), nullable=False),
        sa.Column("loaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("campaign_code", "unit_code", "code"),
    )
    op.create_index(op.f("ix_giay_khen_round_campaign_code"), "giay_khen_round", ["campaign_code"])
    op.create_index(op.f("ix_giay_khen_round_unit_code"), "giay_khen_round", ["unit_code"])
    op.create_table(
        "giay_khen_candidate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("full_name", sa.String(length=255), nullable=False),
        sa.Column("identity", sa.String(length=512), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("eligible", sa.Boolean(), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=True),
        sa.Column("selected", sa.Boolean(), nullable=False),
        sa.Column("tied_at_cut", sa.Boolean(), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("breakdown", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["round_id"], ["giay_khen_round.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("round_id", "code"),
    )
    op.create_index(op.f("ix_giay_khen_candidate_round_id"), "giay_khen_candidate", ["round_id"])
    op.create_table(
        "giay_khen_decision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=64), nullable=False),
        sa.Column("signed_on", sa.Date(), nullable=True),
        sa.Column("signer_name", sa.String(length=255), nullable=False),
        sa.Column("signer_title", sa.String(length=255), nullable=False),
        sa.Column("awarded", sa.JSON(), nullable=False),
        sa.Column("removed", sa.JSON(), nullable=False),
        sa.Column("decided_by_name", sa.String(length=255), nullable=False),
        sa.Column("decided_by_role", sa.String(length=64), nullable=False),
        sa.Column("data_sha256", sa.String(length=64), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["round_id"], ["giay_khen_round.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("round_id"),
    )
    op.create_table(
        "award_granted",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_code", sa.String(length=64), nullable=False),
        sa.Column("phase_code", sa.String(length=64), nullable=False),
        sa.Column("identity", sa.String(length=512), nullable=False),
        sa.Column("form", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("full_name", sa.String(length=255), nullable=False),
        sa.Column("unit_code", sa.String(length=64), nullable=True),
        sa.Column("granting_unit_code", sa.String(length=64), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=True),
        sa.Column("decision_number", sa.String(length=64), nullable=False),
        sa.Column("signed_on", sa.Date(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["round_id"], ["giay_khen_round.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("campaign_code", "phase_code", "identity"),
    )
    op.create_index(op.f("ix_award_granted_campaign_code"), "award_granted", ["campaign_code"])
    op.create_index(op.f("ix_award_granted_round_id"), "award_granted", ["round_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_award_granted_round_id"), table_name="award_granted")
    op.drop_index(op.f("ix_award_granted_campaign_code"), table_name="award_granted")
    op.drop_table("award_granted")
    op.drop_table("giay_khen_decision")
    op.drop_index(op.f("ix_giay_khen_candidate_round_id"), table_name="giay_khen_candidate")
    op.drop_table("giay_khen_candidate")
    op.drop_index(op.f("ix_giay_khen_round_unit_code"), table_name="giay_khen_round")
    op.drop_index(op.f("ix_giay_khen_round_campaign_code"), table_name="giay_khen_round")
    op.drop_table("giay_khen_round")
