"""The open-data datasets: what anyone may download, described column by column.

Only public data goes in, by the same rules as the pages and the read API: no accounts, no
e-mail addresses, no profile answers, no unpublished contributions, no drafts. People appear
by the display name the pages show.

`base.py` defines a dataset and the registry; each module here registers the datasets of one
area when it is imported, in the order the open-data page lists them. To add a dataset, build a
`Dataset` in a module of this package and pass it to `register()`: the page and both download
formats pick it up.
"""

import importlib

from app.opendata.datasets.base import (
    LICENCE,
    LIST_TYPE_NAMES,
    TYPE_NAMES,
    Column,
    ColumnType,
    Dataset,
    all_datasets,
    attribution,
    get,
    register,
)

# Each module registers its datasets when imported; the page lists them in this order.
MODULES = (
    "places",
    "consultations",
    "contributions",
    "organisations",
    "funding",
    "projects",
    "concepts",
    "monitoring",
)
for _module in MODULES:
    importlib.import_module(f"{__name__}.{_module}")

__all__ = [
    "LICENCE",
    "LIST_TYPE_NAMES",
    "TYPE_NAMES",
    "Column",
    "ColumnType",
    "Dataset",
    "all_datasets",
    "attribution",
    "get",
    "register",
]
