"""Writing a dataset as CSV or JSON.

CSV: UTF-8 without byte order mark, a header row with the column names, lists joined with
";", dates and times in ISO 8601, an empty cell for "no value", and text cells that a
spreadsheet would run as a formula neutralised. JSON: the same rows with their own types
(numbers, true/false, null, lists), together with the licence and the time of the export.

Both are written while the rows are read (generators of text pieces), so a file of 500,000
comments never sits in memory whole.
"""

import csv
import io
import json
from collections.abc import Iterator
from datetime import UTC, date, datetime

from app.core.clock import now
from app.core.spreadsheet import neutralise_formula
from app.opendata.datasets.base import LICENCE, Column, ColumnType, Dataset, attribution

LIST_SEPARATOR = ";"


def iso_datetime(value: datetime) -> str:
    """A stored time (naive UTC) or an aware one as ISO 8601 in UTC: 2025-03-31T08:15:00Z."""
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value.isoformat(timespec="seconds") + "Z"


def json_value(value):
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, datetime):  # before date: a datetime is a date too
        return iso_datetime(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [json_value(element) for element in value]
    raise TypeError(f"no open-data representation for {type(value).__name__}")


def _csv_scalar(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(json_value(value))


def csv_cell(column: Column, value) -> str:
    if column.is_list:
        text = LIST_SEPARATOR.join(_csv_scalar(element) for element in value or ())
    else:
        text = _csv_scalar(value)
    return neutralise_formula(text) if column.type == ColumnType.TEXT else text


# Rows written before a piece of the file is handed to the server.
ROWS_PER_CHUNK = 500


def csv_chunks(dataset: Dataset) -> Iterator[str]:
    """The CSV file in pieces, written while the rows are read: the header, then
    ROWS_PER_CHUNK rows at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(dataset.column_names)
    for written, row in enumerate(dataset.rows(), start=1):
        writer.writerow([csv_cell(column, row[column.name]) for column in dataset.columns])
        if written % ROWS_PER_CHUNK == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def json_chunks(dataset: Dataset) -> Iterator[str]:
    """The JSON document in pieces: the envelope (dataset, licence, attribution, time of the
    export, columns) first, then the rows as they are read, then the closing brackets."""
    envelope = json.dumps(
        {
            "dataset": dataset.name,
            "licence": dict(LICENCE),
            "attribution": attribution(dataset.name),
            "generated_at": iso_datetime(now()),
            "columns": dataset.column_names,
        },
        ensure_ascii=False,
    )
    # The envelope without its closing brace, then the rows' list.
    yield envelope[:-1] + ', "rows": ['
    separator = "\n"
    pieces = []
    for row in dataset.rows():
        document = {column.name: json_value(row[column.name]) for column in dataset.columns}
        pieces.append(separator + json.dumps(document, ensure_ascii=False))
        separator = ",\n"
        if len(pieces) == ROWS_PER_CHUNK:
            yield "".join(pieces)
            pieces = []
    yield "".join(pieces) + "\n]}\n"


def to_csv(dataset: Dataset) -> str:
    """The whole CSV file at once (for small datasets and tests; downloads stream)."""
    return "".join(csv_chunks(dataset))


def to_json(dataset: Dataset) -> str:
    """The whole JSON document at once (for small datasets and tests; downloads stream)."""
    return "".join(json_chunks(dataset))


# format -> (the file in pieces, its media type)
WRITERS = {
    "csv": (csv_chunks, "text/csv; charset=utf-8"),
    "json": (json_chunks, "application/json"),
}
