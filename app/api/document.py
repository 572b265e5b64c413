"""The OpenAPI 3.1 document, generated from the declared endpoints (spec.py) and their pydantic
models, and the API's entry point."""

from flask import url_for
from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from app.api import bp
from app.api.cache import remembered
from app.api.models import Problem, Schema
from app.api.pagination import MAX_LIMIT
from app.api.responses import body_response, encode
from app.api.spec import MAX_ID, OPERATIONS, Operation, endpoint

VERSION = "1.0.0"
REF = "#/components/schemas/{model}"

_DESCRIPTION = f"""Public data of Mitreden: regions, fields of action, consultations with their
phases, proposals, comments, statements, verified organisations, funding programmes, project
approaches, action-concept measures and public participation indicators.

Read-only and without an account. It shows exactly what the public pages show: hidden, rejected
or not yet reviewed contributions and unpublished consultations never appear. People appear by
their display name only.

- Lists are paged with cursors: follow `links.next` (also sent as a `Link` header) until it is
  null; `limit` is at most {MAX_LIMIT}. A cursor stays valid while new items are added.
- Every response has an `ETag`; send it back in `If-None-Match` and an unchanged response
  answers `304 Not Modified` without a body.
- Any website may read the API from the browser (CORS).
- Requests are limited per client address; `RateLimit-Limit`, `RateLimit-Remaining` and
  `RateLimit-Reset` say where you stand, a `429` answer says when to come back (`Retry-After`).
- Errors are `application/problem+json` (RFC 9457), in the language of `Accept-Language`.
- Official texts come in all their languages (`{{"de": ..., "en": ...}}`); contributions in the
  language they were written in (`language`).
"""
_LICENCE_NOTE = """
Data licence: {name} ({url}). Whole tables for bulk use are on the open-data page as CSV and
JSON."""

_NOT_MODIFIED = {"description": "Not modified: the response has the ETag sent in If-None-Match."}
_HEADERS = {
    "ETag": {"description": "The version of this response.", "schema": {"type": "string"}},
    "RateLimit-Limit": {
        "description": "Requests allowed in the window.",
        "schema": {"type": "integer"},
    },
    "RateLimit-Remaining": {
        "description": "Requests left in the window.",
        "schema": {"type": "integer"},
    },
    "RateLimit-Reset": {
        "description": "Seconds until the window resets.",
        "schema": {"type": "integer"},
    },
}
_IF_NONE_MATCH = {
    "name": "If-None-Match",
    "in": "header",
    "required": False,
    "description": "The ETag of a response you have: 304 if it is still current.",
    "schema": {"type": "string"},
}


def _problem(description: str) -> dict:
    return {
        "description": description,
        "content": {"application/problem+json": {"schema": {"$ref": REF.format(model="Problem")}}},
    }


def _path_parameters(operation: Operation) -> list[dict]:
    parameters = []
    for parameter in operation.path_parameters:
        schema = (
            {"type": "integer", "minimum": 0, "maximum": MAX_ID}
            if parameter.is_integer
            else {"type": "string", "minLength": 1, "pattern": "^[^/]+$"}
        )
        parameters.append(
            {"name": parameter.name, "in": "path", "required": True, "schema": schema}
        )
    return parameters


def _without_null(schema: dict) -> dict:
    """An optional parameter is left out, never sent as null: drop pydantic's null branch."""
    branches = [branch for branch in schema.pop("anyOf", []) if branch != {"type": "null"}]
    if len(branches) == 1:
        schema.update(branches[0])
    elif branches:
        schema["anyOf"] = branches
    if schema.get("default", ...) is None:
        del schema["default"]
    return schema


# A query value holding a NUL character is refused (spec.parse_query): no stored text has one.
WITHOUT_NUL = "^[^\\u0000]*$"


def _free_text(schema: dict) -> bool:
    return schema.get("type") == "string" and not {"enum", "const", "pattern"} & set(schema)


def _query_parameters(model: type[BaseModel] | None, definitions: dict) -> list[dict]:
    if model is None:
        return []
    schema = model.model_json_schema(ref_template=REF, mode="validation")
    definitions.update(schema.get("$defs", {}))
    required = set(schema.get("required", ()))
    parameters = []
    for name, property_schema in schema["properties"].items():
        property_schema = _without_null(dict(property_schema))
        description = property_schema.pop("description", "")
        property_schema.pop("title", None)
        if _free_text(property_schema):
            property_schema["pattern"] = WITHOUT_NUL
        parameters.append(
            {
                "name": name,
                "in": "query",
                "required": name in required,
                "description": description,
                "schema": property_schema,
            }
        )
    return parameters


def _operation(operation: Operation, definitions: dict) -> dict:
    responses = {
        "200": {
            "description": operation.summary,
            "headers": _HEADERS,
            "content": {
                "application/json": {
                    "schema": {"$ref": REF.format(model=operation.response.__name__)}
                }
            },
        },
        "304": _NOT_MODIFIED,
        "404": _problem("Not found."),
        "429": _problem("Too many requests: wait for the time in Retry-After."),
    }
    if operation.query is not None:
        responses["400"] = _problem("A query parameter was not accepted (see `errors`).")
    return {
        "operationId": operation.endpoint,
        "tags": [operation.tag],
        "summary": operation.summary,
        "description": operation.description,
        "parameters": _path_parameters(operation)
        + _query_parameters(operation.query, definitions)
        + [_IF_NONE_MATCH],
        "responses": responses,
    }


def _licence() -> dict[str, str]:
    # Imported here: the open-data package renders the API page from this module's document.
    from app.opendata.datasets import LICENCE

    return dict(LICENCE)


def build_document() -> dict:
    licence = _licence()
    models = {operation.response for operation in OPERATIONS} | {Problem}
    _, schema = models_json_schema(
        [(model, "serialization") for model in sorted(models, key=lambda m: m.__name__)],
        ref_template=REF,
    )
    definitions = dict(schema.get("$defs", {}))
    paths: dict[str, dict] = {}
    for operation in OPERATIONS:
        paths.setdefault(operation.path, {})["get"] = _operation(operation, definitions)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Mitreden API",
            "version": VERSION,
            "description": _DESCRIPTION + _LICENCE_NOTE.format(**licence),
            "license": {"name": licence["name"], "url": licence["url"]},
        },
        "servers": [{"url": url_for("api.entry", _external=True).rstrip("/")}],
        "tags": [{"name": tag} for tag in dict.fromkeys(operation.tag for operation in OPERATIONS)],
        "paths": dict(sorted(paths.items())),
        "components": {"schemas": dict(sorted(definitions.items()))},
    }


class EntryPoint(Schema):
    openapi: str
    documentation: str
    open_data: str
    licence: dict[str, str]


@bp.route("/openapi.json")
def openapi():
    # Building the document takes about 150 ms; it is kept like any API answer.
    body, _link, cache_state = remembered(lambda: (encode(build_document()), ""))
    response = body_response(body)
    response.headers["X-Cache"] = cache_state
    return response


@endpoint(
    "/",
    tag="API",
    summary="Where to start: the document, its page and the open data",
    response=EntryPoint,
)
def entry():
    return EntryPoint(
        openapi=url_for("api.openapi", _external=True),
        documentation=url_for("opendata.api", _external=True),
        open_data=url_for("opendata.index", _external=True),
        licence=_licence(),
    )
