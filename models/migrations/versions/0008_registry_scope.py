"""registries scoped: units keyed by (registry, code), registry loads versioned, campaigns'
words as data

Existing units stay in the registry the shipped campaign reads (every row already carries it
since 0006); tables that named a unit by its code alone keep their codes and read them through
their campaign's registry, so they no longer reference unit.code. Stored campaign versions that
predate the declared vocabulary get the one their rows were checked against.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07 14:30:00
"""

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import sqlalchemy as sa
import yaml
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SHIPPED_CAMPAIGN = Path(__file__).resolve().parents[2] / "campaigns" / "cds-2022-2025.yaml"
# The words every campaign stored before 0008 was checked against (they were fixed in code).
LEGACY_VOCABULARY = {
    "kinds": {
        "so_nganh": "Sở, ban, ngành",
        "doan_the": "Đoàn thể",
        "huyen": "UBND huyện, thành phố",
        "xa": "UBND xã, phường, thị trấn",
        "doanh_nghiep_cntt": "Doanh nghiệp CNTT",
        "doanh_nghiep": "Doanh nghiệp",
        "htx": "Hợp tác xã",
        "bao_dai": "Báo, đài",
    },
    "levels": {"tinh": "Cấp tỉnh", "huyen": "Cấp huyện", "xa": "Cấp xã"},
    "subordinate_kinds": ["so_nganh", "huyen", "xa"],
}
LEGACY_REGISTRY = "bac-kan"  # the default every campaign had before it named its registry
# Tables that named a unit by its code alone, and the column.
UNIT_REFERENCES = {
    "submission": "unit_code",
    "unit_year_result": "unit_code",
    "nominee": "unit_code",
    "nomination": "proposing_unit_code",
    "account": "unit_code",
}
FK_NAMES = {"fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s"}


def _shipped() -> dict[str, Any]:
    data = yaml.safe_load(SHIPPED_CAMPAIGN.read_text(encoding="utf-8")) or {}
    return data if isinstance(data, dict) else {}


def _sqlite() -> bool:
    return op.get_bind().dialect.name == "sqlite"


def _drop_unit_reference(table: str, column: str) -> None:
    """Drop the foreign key table.column → unit.code (unnamed in 0002/0007)."""
    keys = sa.inspect(op.get_bind()).get_foreign_keys(table)
    for key in keys:
        if key["referred_table"] != "unit" or key["constrained_columns"] != [column]:
            continue
        if _sqlite():
            with op.batch_alter_table(table, naming_convention=FK_NAMES) as batch_op:
                batch_op.drop_constraint(f"fk_{table}_{column}_unit", type_="foreignkey")
        else:
            op.drop_constraint(str(key["name"]), table, type_="foreignkey")


def _unit_table(name: str, *, scoped: bool) -> sa.Table:
    default = None if scoped else LEGACY_REGISTRY  # as 0006 added it
    columns: list[sa.schema.SchemaItem] = [
        sa.Column("registry_code", sa.String(length=64), nullable=False, server_default=default),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("block", sa.String(length=255), nullable=True),
        sa.Column("parent_code", sa.String(length=64), nullable=True),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("successor_code", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    ]
    if scoped:
        constraints: list[sa.schema.SchemaItem] = [
            sa.PrimaryKeyConstraint("registry_code", "code", name=f"pk_{name}"),
            sa.ForeignKeyConstraint(
                ["registry_code", "parent_code"],
                [f"{name}.registry_code", f"{name}.code"],
                name="fk_unit_parent",
            ),
            sa.ForeignKeyConstraint(
                ["registry_code", "successor_code"],
                [f"{name}.registry_code", f"{name}.code"],
                name="fk_unit_successor",
            ),
        ]
    else:
        constraints = [
            sa.PrimaryKeyConstraint("code", name=f"pk_{name}"),
            sa.ForeignKeyConstraint(["parent_code"], [f"{name}.code"]),
            sa.ForeignKeyConstraint(["successor_code"], [f"{name}.code"]),
        ]
    return op.create_table(name, *columns, *constraints)


def _rebuild_unit(*, scoped: bool) -> None:
    """Copy unit into a table keyed the new way, then put it in unit's place with its indexes."""
    indexes = ("ix_unit_block", "ix_unit_kind", "ix_unit_successor_code", "ix_unit_registry_code")
    for index in indexes:
        op.drop_index(index, table_name="unit")
    _unit_table("unit_next", scoped=scoped)
    names = (
        "registry_code, code, name, kind, level, block, parent_code, valid_from, valid_to, "
        "successor_code, created_at, updated_at"
    )
    # One statement: its references are checked at its end, when every row is there.
    op.execute(f"INSERT INTO unit_next ({names}) SELECT {names} FROM unit")
    op.drop_table("unit")
    op.rename_table("unit_next", "unit")
    if not _sqlite():
        op.execute("ALTER TABLE unit RENAME CONSTRAINT pk_unit_next TO unit_pkey")
    op.create_index("ix_unit_block", "unit", ["block"])
    op.create_index("ix_unit_kind", "unit", ["kind"])
    op.create_index("ix_unit_successor_code", "unit", ["successor_code"])
    op.create_index("ix_unit_registry_code", "unit", ["registry_code"])


def _campaign_records(change: Any) -> None:
    campaign = sa.table("campaign", sa.column("id", sa.Integer()), sa.column("content", sa.JSON()))
    bind = op.get_bind()
    for row in bind.execute(sa.select(campaign.c.id, campaign.c.content)).all():
        content = dict(row.content)
        updated = change(content)
        if updated is not None:
            bind.execute(campaign.update().where(campaign.c.id == row.id).values(content=updated))


def _with_words(content: dict[str, Any]) -> dict[str, Any] | None:
    if "unit_vocabulary" in content and "organisation" in content and content.get("registry"):
        return None
    shipped = _shipped()
    own = content.get("code") == shipped.get("code")
    issuer = (content.get("phases") or [{}])[0].get("issuing_authority") or {}
    content.setdefault("registry", LEGACY_REGISTRY)
    content.setdefault(
        "unit_vocabulary", shipped.get("unit_vocabulary") if own else LEGACY_VOCABULARY
    )
    content.setdefault(
        "organisation",
        shipped.get("organisation")
        if own
        else {
            "code": issuer.get("abbreviation") or content.get("code"),
            "name": issuer.get("name") or content.get("province"),
        },
    )
    return content


def upgrade() -> None:
    registry = str(_shipped().get("registry") or LEGACY_REGISTRY)
    unit = sa.table("unit", sa.column("registry_code", sa.String()))
    op.execute(
        unit.update()
        .where(sa.or_(unit.c.registry_code.is_(None), unit.c.registry_code == ""))
        .values(registry_code=registry)
    )
    for table, column in UNIT_REFERENCES.items():
        _drop_unit_reference(table, column)
    _rebuild_unit(scoped=True)
    with op.batch_alter_table("account", schema=None) as batch_op:
        batch_op.add_column(sa.Column("registry_code", sa.String(length=64), nullable=True))
    op.execute(
        "UPDATE account SET registry_code = (SELECT unit.registry_code FROM unit "
        "WHERE unit.code = account.unit_code) WHERE unit_code IS NOT NULL"
    )
    with op.batch_alter_table("account", schema=None) as batch_op:
        batch_op.create_foreign_key(
            "fk_account_unit", "unit", ["registry_code", "unit_code"], ["registry_code", "code"]
        )
    op.create_table(
        "registry_load",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("registry_code", sa.String(length=64), nullable=False),
        sa.Column("source", sa.String(length=1000), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.Column("version_sha256", sa.String(length=64), nullable=False),
        sa.Column("inserted", sa.Integer(), nullable=False),
        sa.Column("updated", sa.Integer(), nullable=False),
        sa.Column("unchanged", sa.Integer(), nullable=False),
        sa.Column("loaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_registry_load_registry_code", "registry_load", ["registry_code"], unique=False
    )
    _campaign_records(_with_words)


def downgrade() -> None:
    bind = op.get_bind()
    shared = bind.execute(
        sa.text("SELECT code FROM unit GROUP BY code HAVING COUNT(*) > 1 ORDER BY code")
    ).all()
    if shared:
        codes = ", ".join(row.code for row in shared[:10])
        raise RuntimeError(
            "Không hạ được phiên bản: nhiều danh mục dùng chung mã đơn vị "
            f"({codes}); trước 0008 mỗi mã chỉ thuộc một danh mục."
        )
    op.drop_index("ix_registry_load_registry_code", table_name="registry_load")
    op.drop_table("registry_load")
    with op.batch_alter_table("account", schema=None) as batch_op:
        batch_op.drop_constraint("fk_account_unit", type_="foreignkey")
        batch_op.drop_column("registry_code")
    _rebuild_unit(scoped=False)
    for table, column in UNIT_REFERENCES.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_foreign_key(f"fk_{table}_{column}_unit", "unit", [column], ["code"])
    # Code older than 0008 refuses fields it does not know: stored versions lose them again.
    _campaign_records(
        lambda content: {
            k: v for k, v in content.items() if k not in {"unit_vocabulary", "organisation"}
        }
    )
