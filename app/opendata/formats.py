"""Writing a dataset as CSV or JSON.

CSV: UTF-8 without byte order mark, a header row with the column names, lists joined with
";", dates and times in ISO 8601, an empty cell for "no value", and text cells that a
spreadsheet would run as a formula neutralised. JSON: the same rows with their own types
(numbers, true/false, null, lists), together with the licence and the time of the export.
"""

import csv
import io
import json
from datetime import UTC, date, datetime

from app.core.clock import now
from app.core.spreadsheet import neutralise_formula
from app.opendata.datasets import LICENCE, Column, ColumnType, Dataset

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


def to_csv(dataset: Dataset) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(dataset.column_names)
    for row in dataset.rows():
        writer.writerow([csv_cell(column, row[column.name]) for column in dataset.columns])
    return buffer.getvalue()


def to_json(dataset: Dataset) -> str:
    document = {
        "dataset": dataset.name,
        "licence": dict(LICENCE),
        "generated_at": iso_datetime(now()),
        "columns": dataset.column_names,
        "rows": [
            {column.name: json_value(row[column.name]) for column in dataset.columns}
            for row in dataset.rows()
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=1)


WRITERS = {
    "csv": (to_csv, "text/csv; charset=utf-8"),
    "json": (to_json, "application/json"),
}
