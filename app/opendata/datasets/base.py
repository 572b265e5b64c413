"""What a dataset is, the registry, and the pieces the dataset modules share.

A dataset has a stable name (part of its download address), a title and a description, its
columns (stable snake_case names, each with a type and a description) and two functions: one
yields the rows as dicts from the database, one says when the data last changed.

Rows hold plain Python values (int, str, bool, date, datetime as naive UTC, None, lists of
these); `formats.py` writes them as CSV or JSON while they are read. Large tables are read in
keyset batches (`in_batches`), so a download's memory does not grow with the table.
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

from flask_babel import LazyString
from sqlalchemy import Select

from app.core.i18n import LANGUAGE_NAMES, _l, pick_translation
from app.extensions import db
from config import LANGUAGES

LICENCE = {
    "name": "Datenlizenz Deutschland – Namensnennung – Version 2.0",
    "url": "https://www.govdata.de/dl-de/by-2-0",
}

# How to name the source (Datenlizenz Deutschland asks for the provider, the dataset and the
# licence with its address). German on purpose: it is quoted as it stands.
SOURCE = (
    "Quelle: Mitreden – Beteiligungsplattform des hessischen Landesprogramms "
    "„Modellregionen Integration“"
)


def attribution(dataset_name: str | None = None) -> str:
    """The line to print with the data: source, dataset (if named), licence and its address."""
    dataset = f", Datensatz „{dataset_name}“" if dataset_name else ""
    return f"{SOURCE}{dataset}, {LICENCE['name']} ({LICENCE['url']})"


# Rows read per statement from the large tables (proposals, comments, …).
BATCH_SIZE = 1000


class ColumnType:
    """Stable type codes; the page explains them, the writers convert by them."""

    INTEGER = "integer"
    TEXT = "text"
    BOOLEAN = "boolean"
    DATE = "date"  # ISO 8601 day
    DATETIME = "datetime"  # ISO 8601, UTC
    ALL = (INTEGER, TEXT, BOOLEAN, DATE, DATETIME)


TYPE_NAMES = {
    ColumnType.INTEGER: _l("Whole number"),
    ColumnType.TEXT: _l("Text"),
    ColumnType.BOOLEAN: _l("true or false"),
    ColumnType.DATE: _l("Date (YYYY-MM-DD)"),
    ColumnType.DATETIME: _l("Date and time in UTC (ISO 8601)"),
}

LIST_TYPE_NAMES = {
    ColumnType.INTEGER: _l("List of whole numbers"),
    ColumnType.TEXT: _l("List of texts"),
}


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    description: object  # lazy gettext string
    is_list: bool = False

    @property
    def type_name(self):
        return (LIST_TYPE_NAMES if self.is_list else TYPE_NAMES)[self.type]


@dataclass(frozen=True)
class Dataset:
    name: str
    title: object  # lazy gettext string
    description: object
    columns: tuple[Column, ...]
    rows: Callable[[], Iterable[dict]]
    last_changed: Callable[[], datetime | None]

    @property
    def column_names(self) -> list[str]:
        return [column.name for column in self.columns]


_REGISTRY: dict[str, Dataset] = {}


def register(dataset: Dataset) -> Dataset:
    if dataset.name in _REGISTRY:
        raise ValueError(f"dataset {dataset.name!r} is registered twice")
    if len(set(dataset.column_names)) != len(dataset.columns):
        raise ValueError(f"dataset {dataset.name!r} names a column twice")
    for column in dataset.columns:
        if column.type not in ColumnType.ALL:
            raise ValueError(f"column {column.name!r} has an unknown type {column.type!r}")
        if column.is_list and column.type not in LIST_TYPE_NAMES:
            raise ValueError(f"column {column.name!r} cannot be a list of {column.type!r}")
    _REGISTRY[dataset.name] = dataset
    return dataset


def get(name: str) -> Dataset | None:
    return _REGISTRY.get(name)


def all_datasets() -> list[Dataset]:
    return list(_REGISTRY.values())


# --- Translated official texts: one column per language ---------------------------------------


def translated_columns(name: str, description) -> tuple[Column, ...]:
    """`name_de`, `name_en`, … : an official text, one text column per language of the site."""
    return tuple(
        Column(
            f"{name}_{code}",
            ColumnType.TEXT,
            LazyString(lambda code=code: f"{description} ({LANGUAGE_NAMES[code]})"),
        )
        for code in LANGUAGES
    )


def translated_values(name: str, texts: dict | None) -> dict:
    """The cells of `translated_columns(name, …)`: the text in each language, "" where the
    text does not exist in it."""
    texts = texts or {}
    cells = {}
    for code in LANGUAGES:
        text = texts.get(code) or ""
        cells[f"{name}_{code}"] = text if text.strip() else ""
    return cells


def german(texts: dict | None) -> tuple[str, str | None]:
    """An official text in German, or in the language it exists in (and which that is)."""
    return pick_translation(texts, "de")


# --- Reading large tables ---------------------------------------------------------------------


def in_batches(statement: Select, key) -> Iterator[list]:
    """The rows of `statement` (which selects `key` labelled "id") in order of `key`, read
    BATCH_SIZE at a time: each batch starts after the last key of the one before, so every
    batch is one short indexed read however far into the table it is."""
    size = BATCH_SIZE
    last = None
    while True:
        query = statement if last is None else statement.where(key > last)
        rows = db.session.execute(query.order_by(key).limit(size)).all()
        if rows:
            yield rows
        if len(rows) < size:
            return
        last = rows[-1].id
