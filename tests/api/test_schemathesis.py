"""Schemathesis against the OpenAPI document the app serves, on a world with data everywhere.

The document is loaded when the test runs (not when it is collected), so every operation in it
is tested, whichever endpoints exist by then. Each operation gets the examples, coverage and
fuzzing phases in positive and negative mode, with every default check: no server error, status
codes, content types, headers and bodies as documented, data outside the schema refused, data
inside it accepted, undeclared methods refused with `Allow`.

A cursor is opaque: only the app makes valid ones (a well-formed string of another list or order
is refused with 400). A positively generated cursor is therefore replaced by a real one of the
same list, filters and order, which the app must accept.
"""

import time
from collections import Counter, defaultdict
from urllib.parse import parse_qs, urlsplit

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.core.parameters import ParameterLocation

# Few enough for the whole run to stay well under two minutes on SQLite; the same examples on
# every run (derandomize), and no example database written into the checkout.
MAX_EXAMPLES = 12

schema = schemathesis.pytest.from_fixture("api_schema")

# Per operation: the statuses it answered with, to report the run and to see it reached data.
STATUSES: dict[str, Counter] = defaultdict(Counter)


@pytest.fixture(autouse=True)
def _pytest_node_id(request):
    """Schemathesis 4.32 renames the test per operation through `Node._nodeid`, which pytest 9
    keeps under another name; give it the attribute to read."""
    if not hasattr(request.node, "_nodeid"):
        request.node._nodeid = request.node.nodeid


@pytest.fixture
def api_schema(app, api_world):
    # The rate limit has tests of its own (test_http.py); here it would only answer 429.
    limit = app.config["RATELIMIT_API"]
    app.config["RATELIMIT_API"] = "1000000 per minute"
    STATUSES.clear()
    started = time.perf_counter()
    loaded = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    try:
        yield loaded
    finally:
        app.config["RATELIMIT_API"] = limit
    seconds = time.perf_counter() - started
    examples = sum(sum(counter.values()) for counter in STATUSES.values())
    print(f"\nschemathesis: {len(STATUSES)} operations, {examples} examples, {seconds:.1f} s")
    for label, counter in sorted(STATUSES.items()):
        print(f"  {label}: {dict(sorted(counter.items()))}")
    # Every operation was reached, and answered with data at least once (the world has some).
    labels = {result.ok().label for result in loaded.get_all_operations()}
    assert set(STATUSES) == labels
    assert [label for label, counter in STATUSES.items() if not counter[200]] == []


def _real_cursor(case) -> str | None:
    """The `links.next` cursor of the same list with the same filters, one item per page."""
    query = {name: value for name, value in case.query.items() if name != "cursor"}
    query["limit"] = 1
    probe = case.operation.Case(path_parameters=dict(case.path_parameters or {}), query=query)
    response = probe.call()
    if response.status_code != 200:
        return None
    next_url = response.json()["links"]["next"]
    if next_url is None:
        return None
    return parse_qs(urlsplit(next_url).query)["cursor"][0]


def _with_real_cursor(case) -> None:
    if not case.query or "cursor" not in case.query:
        return
    if case.meta is not None and case.meta.is_negative_at(ParameterLocation.QUERY):
        return  # a cursor outside the schema must be refused as it is
    cursor = _real_cursor(case)
    if cursor is None:
        del case.query["cursor"]
    else:
        case.query["cursor"] = cursor


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_keeps_its_openapi_contract(case):
    _with_real_cursor(case)
    response = case.call_and_validate()
    STATUSES[case.operation.label][response.status_code] += 1
