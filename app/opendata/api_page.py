"""The page that explains the read API to people (the document itself is /api/v1/openapi.json).

Its reference part is rendered from `build_document()`, the same OpenAPI document the API
serves, so the page lists exactly the endpoints and parameters the API has. Summaries and
descriptions there are English developer text; everything around them is translated here.
"""

import json
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from flask import current_app, render_template, url_for
from flask_babel import format_decimal, ngettext
from limits import parse_many
from markupsafe import Markup, escape

from app.api.document import build_document
from app.api.errors import BadParameters, bad_parameters_response
from app.api.models import MAX_ID
from app.api.pagination import DEFAULT_LIMIT, MAX_LIMIT
from app.core.i18n import _
from app.core.page_cache import cached_for_anonymous
from app.opendata import bp
from app.opendata.datasets import LICENCE

EXAMPLE_PATH = "/proposals"  # the list the worked example reads


@dataclass(frozen=True)
class Parameter:
    name: str
    location: str  # "path" or "query"
    kind: str  # what values it takes, in words
    values: list[str]  # the allowed values, when they are a fixed set (then shown instead of kind)
    default: str | None
    description: Markup  # English developer text, or a translated hint for path values


@dataclass(frozen=True)
class Operation:
    method: str
    path: str  # as shown and documented: "/api/v1/proposals/{proposal_id}"
    anchor: str
    summary: str
    description: Markup
    parameters: list[Parameter]
    try_url: str | None  # the GET address, when it needs no value of its own
    source: str | None  # for a path with a value: the list that names the values
    source_anchor: str | None


@dataclass
class Tag:
    name: str
    anchor: str
    operations: list[Operation] = field(default_factory=list)


def code_spans(text: str) -> Markup:
    """Developer text with `code` in backticks as escaped HTML with <code> elements."""
    parts = (text or "").split("`")
    if len(parts) % 2 == 0:  # an unpaired backtick: show the text as it is
        return escape(text or "")
    return Markup("").join(
        Markup('<code dir="ltr">%s</code>') % part if index % 2 else escape(part)
        for index, part in enumerate(parts)
    )


def _breakable(name: str) -> Markup:
    """A long parameter name may break after "_" on a phone."""
    return Markup("_<wbr>").join(escape(part) for part in name.split("_"))


def _anchor(text: str) -> str:
    slug = "".join(character if character.isalnum() else "-" for character in text.lower())
    return "-".join(part for part in slug.split("-") if part) or "root"


def _operation_anchor(method: str, path: str) -> str:
    return "api-" + _anchor(f"{method} {path}")


def _kind(schema: dict) -> str:
    """The values a parameter takes, in the reader's language (a fixed set is listed instead)."""
    kind = schema.get("type")
    if kind == "integer":
        minimum, maximum = schema.get("minimum"), schema.get("maximum")
        if minimum is not None and maximum is not None and maximum < MAX_ID:
            return _(
                "whole number from %(minimum)s to %(maximum)s",
                minimum=format_decimal(minimum),
                maximum=format_decimal(maximum),
            )
        return _("whole number")
    if kind == "boolean":
        return _("true or false")
    if kind == "string":
        if "maxLength" in schema:
            return _(
                "text, at most %(count)s characters", count=format_decimal(schema["maxLength"])
            )
        return _("text")
    return kind or _("value")


def _parameter(parameter: dict) -> Parameter:
    schema = parameter.get("schema", {})
    if parameter["in"] == "path":
        description = escape(
            _("Part of the address: put the value in place of %(placeholder)s.")
        ) % {"placeholder": Markup('<code dir="ltr">{%s}</code>') % _breakable(parameter["name"])}
    else:
        description = code_spans(parameter.get("description", ""))
    default = schema.get("default")
    return Parameter(
        name=parameter["name"],
        location=parameter["in"],
        kind=_kind(schema),
        values=[str(value) for value in schema.get("enum", [])],
        default=None if default is None else json.dumps(default).strip('"'),  # as sent: false
        description=description,
    )


def reference(document: dict) -> list[Tag]:
    """The document's operations grouped by tag: tags in the order of their first path,
    operations by path."""
    server = document["servers"][0]["url"]
    base_path = urlsplit(server).path
    paths = document["paths"]
    tags: dict[str, Tag] = {}
    for path, methods in paths.items():  # sorted by path in the document
        for method, operation in methods.items():
            tag_name = (operation.get("tags") or ["API"])[0]
            tag = tags.setdefault(tag_name, Tag(tag_name, "api-tag-" + _anchor(tag_name)))
            parameters = [
                _parameter(parameter)
                for parameter in operation.get("parameters", [])
                if parameter["in"] in ("path", "query")
            ]
            has_path_values = "{" in path
            prefix = path.split("/{", 1)[0]
            listed = has_path_values and prefix in paths
            tag.operations.append(
                Operation(
                    method=method.upper(),
                    path=base_path + path,
                    anchor=_operation_anchor(method, path),
                    summary=operation.get("summary", ""),
                    description=code_spans(operation.get("description", "")),
                    parameters=parameters,
                    try_url=None if has_path_values else server + path,
                    source=base_path + prefix if listed else None,
                    source_anchor=_operation_anchor(method, prefix) if listed else None,
                )
            )
    return list(tags.values())


def rate_limits() -> list[str]:
    """The configured limit of the API (RATELIMIT_API) in words: "120 requests per minute"."""
    words = {
        "second": lambda n, count: ngettext(
            "%(count)s request per second", "%(count)s requests per second", n, count=count
        ),
        "minute": lambda n, count: ngettext(
            "%(count)s request per minute", "%(count)s requests per minute", n, count=count
        ),
        "hour": lambda n, count: ngettext(
            "%(count)s request per hour", "%(count)s requests per hour", n, count=count
        ),
        "day": lambda n, count: ngettext(
            "%(count)s request per day", "%(count)s requests per day", n, count=count
        ),
    }
    texts = []
    for item in parse_many(current_app.config["RATELIMIT_API"]):
        say = words.get(item.GRANULARITY.name)
        if say is None or item.multiples != 1:
            texts.append(str(item))
        else:
            texts.append(say(item.amount, format_decimal(item.amount)))
    return texts


def problem_example() -> str:
    """A real answer of the API to a parameter it refuses, as the API itself writes it."""
    error = BadParameters([("limit", _("Must be at most %(maximum)s.", maximum=MAX_LIMIT))])
    body = json.loads(bad_parameters_response(error).get_data())
    return json.dumps(body, ensure_ascii=False, indent=2)


@bp.route("/api")
@cached_for_anonymous  # generating the document takes a moment; the page changes with a release
def api():
    document = build_document()
    server = document["servers"][0]["url"]
    return render_template(
        "opendata/api.html",
        tags=reference(document),
        server=server,
        site=url_for("pages.start", _external=True),
        base_path=urlsplit(server).path,
        example_url=f"{server}{EXAMPLE_PATH}?limit=2",
        default_limit=DEFAULT_LIMIT,
        max_limit=MAX_LIMIT,
        rate_limits=rate_limits(),
        problem_example=problem_example(),
        licence=LICENCE,
        version=document["info"]["version"],
    )
