"""SQLModel tables; importing this package registers all of them on SQLModel.metadata."""

from models.tables.unit import Unit, UnitBase

__all__ = ["Unit", "UnitBase"]
