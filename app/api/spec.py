"""Declaring endpoints: one decorator registers the route, parses its query parameters, shapes
its response and records it for the OpenAPI document (document.py).

    @endpoint("/regions/<slug>", tag="Regions", summary="One region", response=RegionOut)
    def region(slug):
        return RegionOut.model_validate(region_by_slug_or_404(slug))

A view receives its path values, plus `query` (an instance of the `query` model) when it has
one, and returns an instance of its `response` model.
"""

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from flask import abort, request
from pydantic import BaseModel, ValidationError

from app.api import bp
from app.api.cache import remembered
from app.api.errors import BadParameters, bad_parameters_response, from_validation_error
from app.api.models import MAX_ID
from app.api.responses import body_response, encode
from app.core.i18n import _

_CONVERTER = re.compile(r"<(?:(int|string):)?(\w+)>")


@dataclass(frozen=True)
class PathParameter:
    name: str
    is_integer: bool


@dataclass(frozen=True)
class Operation:
    rule: str  # the Flask rule under /api/v1, e.g. "/proposals/<int:proposal_id>"
    endpoint: str
    tag: str
    summary: str
    description: str
    query: type[BaseModel] | None
    response: type[BaseModel]
    paginated: bool

    @property
    def path(self) -> str:
        """The OpenAPI path template: "/proposals/{proposal_id}"."""
        return _CONVERTER.sub(lambda match: "{" + match.group(2) + "}", self.rule)

    @property
    def path_parameters(self) -> list[PathParameter]:
        return [
            PathParameter(name=match.group(2), is_integer=match.group(1) == "int")
            for match in _CONVERTER.finditer(self.rule)
        ]


OPERATIONS: list[Operation] = []


def _names_nothing(value) -> bool:
    """A path value no stored object can have (and that some databases refuse in a query)."""
    if isinstance(value, int):
        return value > MAX_ID
    return "\x00" in value


def parse_query(model: type[BaseModel]):
    """The query string as `model`: only the model's parameters are read (others are ignored,
    as caches and browsers add their own); a value given twice counts once, the first."""
    values = {name: request.args[name] for name in model.model_fields if name in request.args}
    with_nul = [name for name, value in values.items() if "\x00" in value]
    if with_nul:  # no stored value holds one, and PostgreSQL refuses it in a query
        raise BadParameters([(name, _("This value has the wrong form.")) for name in with_nul])
    try:
        return model.model_validate(values)
    except ValidationError as error:
        raise from_validation_error(error) from None


def endpoint(
    rule: str,
    *,
    tag: str,
    summary: str,
    response: type[BaseModel],
    query: type[BaseModel] | None = None,
    description: str = "",
    paginated: bool = False,
) -> Callable:
    def register(view: Callable) -> Callable:
        operation = Operation(
            rule=rule,
            endpoint=view.__name__,
            tag=tag,
            summary=summary,
            description=description,
            query=query,
            response=response,
            paginated=paginated,
        )

        @functools.wraps(view)
        def handle(**path_values):
            if any(_names_nothing(value) for value in path_values.values()):
                abort(404)

            def compute() -> tuple[bytes, str]:
                arguments = {"query": parse_query(query)} if query else {}
                result = view(**path_values, **arguments)
                if not isinstance(result, response):
                    raise TypeError(f"{view.__name__} returned {type(result).__name__}")
                link = ""
                if paginated and result.links.next:
                    link = f'<{result.links.next}>; rel="next"'
                return encode(result.model_dump(mode="json")), link

            try:
                body, link, cache_state = remembered(compute)
            except BadParameters as error:  # a parameter, or a cursor that does not fit
                return bad_parameters_response(error)
            answer = body_response(body)
            answer.headers["X-Cache"] = cache_state
            if link:
                answer.headers["Link"] = link
            return answer

        bp.add_url_rule(rule, endpoint=view.__name__, view_func=handle, methods=["GET"])
        OPERATIONS.append(operation)
        return handle

    return register
