"""Cursor pagination: each page starts after the last item of the one before (keyset).

A cursor is the sort order and the sort key of that last item, base64url-encoded. The database
finds the next page through an index instead of counting off an offset, so page 5,000 costs what
page 1 costs, and an item added while someone pages through appears once or not at all, never
twice, and pushes nothing off a page.
"""

import base64
import binascii
import json
from dataclasses import dataclass

from sqlalchemy import tuple_

from app.api.errors import BadParameters
from app.core.i18n import _

DEFAULT_LIMIT = 20
MAX_LIMIT = 100


@dataclass(frozen=True)
class Order:
    """A list order: the columns of its key (the last one unique) and the direction."""

    name: str
    columns: tuple
    descending: bool


def encode_cursor(order: Order, key: tuple) -> str:
    raw = json.dumps([order.name, *key], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, order: Order) -> tuple:
    """The key a cursor holds; a cursor of another order or not made here is refused (400)."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        name, *key = json.loads(raw)
    except (binascii.Error, UnicodeDecodeError, ValueError, TypeError):
        key, name = None, None
    valid = (
        name == order.name
        and key is not None
        and len(key) == len(order.columns)
        and all(type(value) is int and -(2**31) <= value < 2**31 for value in key)  # INTEGER
    )
    if not valid:
        raise BadParameters([("cursor", _("This cursor does not belong to this list."))])
    return tuple(key)


def after(order: Order, key: tuple):
    """WHERE condition: the items that come after `key` in `order`."""
    columns = order.columns if len(order.columns) > 1 else order.columns[0]
    bound = tuple_(*key) if len(key) > 1 else key[0]
    if len(order.columns) > 1:
        columns = tuple_(*order.columns)
    return columns < bound if order.descending else columns > bound


def ordering(order: Order) -> list:
    return [column.desc() if order.descending else column.asc() for column in order.columns]


@dataclass
class Window:
    """One page: its items, and the cursor of the next page (None on the last)."""

    items: list
    next_cursor: str | None


def fetch_page(session, query, order: Order, limit: int, cursor: str | None, key_of) -> Window:
    """Run `query` (a select of rows or entities) for one page in `order`.

    `key_of(item)` gives an item's sort key (the values of `order.columns`). One more item than
    asked for is read, to know whether a next page exists without counting.
    """
    if cursor:
        query = query.where(after(order, decode_cursor(cursor, order)))
    rows = session.scalars(query.order_by(*ordering(order)).limit(limit + 1)).unique().all()
    items = list(rows[:limit])
    next_cursor = encode_cursor(order, key_of(items[-1])) if len(rows) > limit else None
    return Window(items=items, next_cursor=next_cursor)
