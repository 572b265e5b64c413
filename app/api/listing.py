"""Lists of the API: the query parameters every list takes and the page a list answers with."""

from typing import Generic, TypeVar
from urllib.parse import urlencode

from flask import abort, request
from pydantic import BaseModel, Field

from app.api.models import Links, ListMeta, Schema
from app.api.pagination import DEFAULT_LIMIT, MAX_LIMIT, Window
from app.extensions import db

Item = TypeVar("Item", bound=BaseModel)


class ListQuery(BaseModel):
    """Paging parameters; a list's own query model adds its filters."""

    limit: int = Field(
        default=DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="How many items a page holds."
    )
    cursor: str | None = Field(
        default=None,
        max_length=200,
        description="Where the page starts: the `cursor` of the previous page's `links.next`. "
        "Leave it out for the first page.",
    )


class Page(Schema, Generic[Item]):
    data: list[Item]
    links: Links
    meta: ListMeta


def page_links(window: Window) -> Links:
    """This page's address and the next one's: the same parameters with the next cursor."""
    next_url = None
    if window.next_cursor:
        arguments = request.args.to_dict()
        arguments["cursor"] = window.next_cursor
        next_url = f"{request.base_url}?{urlencode(arguments)}"
    return Links(self=request.url, next=next_url)


def page_of(page_model: type[Page], items: list, window: Window, limit: int) -> Page:
    return page_model(data=items, links=page_links(window), meta=ListMeta(limit=limit))


def first_or_404(statement):
    """The one object a detail address names, if the list's rule lets the public see it."""
    found = db.session.scalars(statement).unique().first()
    if found is None:
        abort(404)
    return found
