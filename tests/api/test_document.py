"""The OpenAPI document: valid OpenAPI 3.1, the same operations and parameters as the routes of
the `api` blueprint (neither can drift from the other), and real answers fit its schemas."""

import copy
import re

import jsonschema_rs
import pytest
import schemathesis
from schemathesis.specs.openapi.definitions import OPENAPI_31_VALIDATOR

from app.api.models import MAX_ID
from app.api.spec import OPERATIONS
from tests.api.conftest import api_rules, real_path

DOCUMENT = "/api/v1/openapi.json"
PREFIX = "/api/v1"
_RULE_VALUE = re.compile(r"<(?:(\w+):)?(\w+)>")
_PATH_VALUE = re.compile(r"\{(\w+)\}")


@pytest.fixture
def document(client) -> dict:
    response = client.get(DOCUMENT)
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    return response.get_json()


def _meta_errors(document: dict) -> list[str]:
    return [error.message for error in OPENAPI_31_VALIDATOR.iter_errors(document)]


def _response_validator(document: dict, schema: dict) -> jsonschema_rs.Validator:
    """A validator of `schema` whose references resolve inside the document."""
    root = {**schema, "components": document["components"]}
    return jsonschema_rs.Draft202012Validator(root, validate_formats=True)


def _documented_schema(document: dict, path: str, status: str, media_type: str) -> dict:
    response = document["paths"][path]["get"]["responses"][status]
    return response["content"][media_type]["schema"]


def _document_path(rule: str) -> str:
    """ "/api/v1/proposals/<int:proposal_id>" -> "/proposals/{proposal_id}"."""
    return _RULE_VALUE.sub(lambda match: "{" + match.group(2) + "}", rule.removeprefix(PREFIX))


# --- Valid OpenAPI 3.1 ---------------------------------------------------------------------


def test_the_document_is_valid_openapi_3_1(app, document):
    assert document["openapi"] == "3.1.0"
    assert _meta_errors(document) == []
    # Schemathesis loads and validates it the same way (its OpenAPI 3.1 meta-schema).
    loaded = schemathesis.openapi.from_dict(document)
    loaded.validate()
    operations = [result.ok() for result in loaded.get_all_operations()]
    assert len(operations) == len(OPERATIONS)
    # Every schema in it is a valid JSON Schema 2020-12 (the dialect of OpenAPI 3.1).
    for name, schema in document["components"]["schemas"].items():
        jsonschema_rs.meta.validate(
            {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
        )
        assert schema.get("type") == "object" or "$ref" in schema or "anyOf" in schema, name
    assert document["servers"] == [{"url": "http://localhost/api/v1"}]
    assert document["info"]["license"]["url"].startswith("https://")


def test_the_validation_finds_a_broken_document(document):
    broken = copy.deepcopy(document)
    first = next(iter(broken["paths"].values()))["get"]
    del first["responses"]
    first["parameters"][0]["in"] = "body"
    assert _meta_errors(broken)
    with pytest.raises(jsonschema_rs.ValidationError):
        schemathesis.openapi.from_dict(broken).validate()


def test_every_operation_is_described(document):
    operation_ids = []
    for path, item in document["paths"].items():
        operation = item["get"]
        operation_ids.append(operation["operationId"])
        assert operation["summary"].strip(), path
        assert operation["tags"] and operation["tags"][0] in {t["name"] for t in document["tags"]}
        assert {"200", "304", "404", "429"} <= set(operation["responses"]), path
        ok = operation["responses"]["200"]
        assert {"ETag", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"} <= set(
            ok["headers"]
        ), path
        for parameter in operation["parameters"]:
            assert parameter["in"] in ("path", "query", "header"), (path, parameter)
            if parameter["in"] == "query":
                assert parameter["description"].strip(), (path, parameter["name"])
                assert "null" not in str(parameter["schema"].get("type")), (path, parameter)
    assert len(operation_ids) == len(set(operation_ids))


def test_every_value_is_bounded_as_the_databases_need(document):
    """Integers fit the databases' INTEGER columns and free text cannot hold a NUL (which
    PostgreSQL refuses in a query): what the document allows, the app can look up."""
    for path, item in document["paths"].items():
        for parameter in item["get"]["parameters"]:
            schema, where = parameter["schema"], (path, parameter["name"])
            if schema.get("type") == "integer":
                assert -(2**31) <= schema["minimum"] <= schema["maximum"] <= MAX_ID, where
            if schema.get("type") == "string" and parameter["in"] == "query":
                assert "enum" in schema or "pattern" in schema, where
                assert not re.fullmatch(schema.get("pattern", "^$"), "a\x00b"), where


# --- The document and the routes cannot drift ----------------------------------------------


def test_every_api_route_is_documented_with_its_method_and_parameters(app, document):
    rules = {
        rule.rule: rule for rule in app.url_map.iter_rules() if rule.endpoint.startswith("api.")
    }
    assert f"{PREFIX}/openapi.json" in rules
    documented = document["paths"]
    checked = set()
    for text in api_rules(app):
        rule = rules[text]
        path = _document_path(text)
        assert path in documented, f"{text} is not in the OpenAPI document"
        assert set(documented[path]) == {"get"}, path
        assert rule.methods - {"HEAD", "OPTIONS"} == {"GET"}, f"{text} answers {rule.methods}"
        parameters = documented[path]["get"]["parameters"]

        in_path = {p["name"]: p for p in parameters if p["in"] == "path"}
        converters = {m.group(2): m.group(1) or "string" for m in _RULE_VALUE.finditer(text)}
        assert set(in_path) == set(converters), path
        for name, converter in converters.items():
            assert in_path[name]["required"] is True
            expected = "integer" if converter == "int" else "string"
            assert in_path[name]["schema"]["type"] == expected, (path, name)

        operation = next(op for op in OPERATIONS if f"api.{op.endpoint}" == rule.endpoint)
        in_query = {p["name"] for p in parameters if p["in"] == "query"}
        declared = set(operation.query.model_fields) if operation.query else set()
        assert in_query == declared, path
        if operation.paginated:
            assert {"limit", "cursor"} <= in_query, path
        checked.add(path)
    # And the other way round: everything documented is a real route.
    assert set(documented) == checked


def test_every_documented_path_answers(app, client, document, api_world):
    for path in document["paths"]:
        rule_like = _PATH_VALUE.sub(lambda match: f"<{match.group(1)}>", path)
        address = real_path(client, PREFIX + rule_like)
        assert client.get(address).status_code == 200, address


# --- Real answers fit the schemas ----------------------------------------------------------


def test_real_answers_fit_their_schemas(app, client, document, api_world):
    checked = 0
    for path in document["paths"]:
        rule_like = _PATH_VALUE.sub(lambda match: f"<{match.group(1)}>", path)
        address = real_path(client, PREFIX + rule_like)
        validator = _response_validator(
            document, _documented_schema(document, path, "200", "application/json")
        )
        response = client.get(address)
        body = response.get_json()
        errors = [f"{e.instance_path}: {e.message}" for e in validator.iter_errors(body)]
        assert errors == [], address
        checked += 1
        if "links" in body:  # a list: its page with one item, and the next one
            assert body["data"], f"{address} lists nothing: the world needs data there"
            first = client.get(address, query_string={"limit": 1}).get_json()
            assert validator.is_valid(first), address
            if first["links"]["next"]:
                following = client.get(first["links"]["next"]).get_json()
                assert validator.is_valid(following), first["links"]["next"]
                assert following["data"][0] != first["data"][0]
    assert checked == len(document["paths"])


def test_refusals_fit_the_problem_schema(client, document, api_world):
    problem = _response_validator(document, {"$ref": "#/components/schemas/Problem"})
    for path, status in (
        ("/api/v1/proposals?limit=0&sort=x", 400),
        ("/api/v1/proposals/999999", 404),
        ("/api/v1/consultations/2147483648", 404),
    ):
        response = client.get(path)
        assert response.status_code == status
        assert response.mimetype == "application/problem+json"
        body = response.get_json(force=True)
        assert problem.is_valid(body), (path, body)
    # What the document says a 400 looks like is what it is.
    body = client.get("/api/v1/proposals?limit=0", headers={"Accept-Language": "en"}).get_json(
        force=True
    )
    assert body["errors"] == [{"parameter": "limit", "message": "Must be at least 1."}]


def test_the_examples_in_the_schemas_fit_them(document):
    def walk(node, where):
        if isinstance(node, dict):
            for example in (
                node.get("examples", []) if isinstance(node.get("examples"), list) else []
            ):
                schema = {key: value for key, value in node.items() if key != "examples"}
                validator = _response_validator(document, schema)
                assert validator.is_valid(example), (where, example)
            for key, value in node.items():
                walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, f"{where}/{index}")

    walk(document["components"]["schemas"], "#/components/schemas")
    walk(document["paths"], "#/paths")
