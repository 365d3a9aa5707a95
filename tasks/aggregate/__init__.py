"""Aggregation: yearly results of every unit and the province's summary."""
