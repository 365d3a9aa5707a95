"""Insert a country's rows with one driver call per chunk, JSON columns given as their text.

A Core insert of 60,000 result rows processes every parameter of every row in Python, JSON
columns serialised there one value at a time. Here the caller gives each JSON value as the text
SQLAlchemy would have stored (json_text(value): json.dumps with its defaults, which is also what
psycopg stores), so that a value shared by many rows is serialised once; every other column goes
through its type's own bind processing, a value repeated from the row before processed once.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from itertools import islice
from typing import Any

from sqlalchemy import JSON, Connection, Table

CHUNK = 5000  # rows per driver call: bounded memory for the parameters


def json_text(value: object) -> str:
    """Return a JSON column's value as SQLAlchemy (and psycopg) store it: json.dumps(value)."""
    return json.dumps(value)


def _statement(connection: Connection, table: Table, columns: Sequence[str]) -> str:
    dialect = connection.dialect
    if dialect.name not in ("sqlite", "postgresql"):
        raise NotImplementedError(f"insert_rows: no statement for {dialect.name}")
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    quote = dialect.identifier_preparer.quote
    marks = [
        f"CAST({mark} AS JSON)"
        if dialect.name == "postgresql" and isinstance(table.c[name].type, JSON)
        else mark
        for name in columns
    ]
    return (
        f"INSERT INTO {dialect.identifier_preparer.format_table(table)} "
        f"({', '.join(quote(name) for name in columns)}) VALUES ({', '.join(marks)})"
    )


def _processors(connection: Connection, table: Table, columns: Sequence[str]) -> list[Any]:
    """Return (position, processor) of each non-JSON column whose type processes its value."""
    found = []
    for position, name in enumerate(columns):
        column_type = table.c[name].type
        if isinstance(column_type, JSON):
            continue  # given as text already
        processor = column_type._cached_bind_processor(connection.dialect)
        if processor is not None:
            found.append((position, processor))
    return found


def insert_rows(
    connection: Connection,
    table: Table,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
) -> None:
    """Insert rows (values in the order of columns; JSON columns as json_text) into table."""
    statement = _statement(connection, table, columns)
    processors = _processors(connection, table, columns)
    last: dict[int, tuple[Any, Any]] = {}  # position: (value, processed) of the row before

    def prepared(row: Sequence[Any]) -> Sequence[Any]:
        if not processors:
            return tuple(row)
        values = list(row)
        for position, processor in processors:
            value = values[position]
            before = last.get(position)
            if before is not None and before[0] is value:
                values[position] = before[1]
            else:
                values[position] = processed = processor(value)
                last[position] = (value, processed)
        return tuple(values)

    iterator = iter(rows)
    while chunk := [prepared(row) for row in islice(iterator, CHUNK)]:
        connection.exec_driver_sql(statement, chunk)
