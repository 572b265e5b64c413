"""HTTP behaviour of every API response: ETag and conditional GET, caching, CORS, no cookies,
rate limits in the standard headers, and errors as problem details."""

import pytest
from flask_babel import force_locale, gettext
from flask_login.utils import encode_cookie

from app.extensions import db
from app.proposals.models import Proposal
from tests import factories
from tests.api.conftest import real_paths
from tests.conftest import log_in

PROBLEM = "application/problem+json"


@pytest.fixture
def paths(app, client, api_world) -> dict[str, str]:
    return real_paths(client, app)


def _limited(app, limit: str):
    """The API's limit set to `limit` for one test (read on every request)."""
    saved = app.config["RATELIMIT_API"]
    app.config["RATELIMIT_API"] = limit
    return saved


@pytest.fixture
def tight_limit(app):
    saved = _limited(app, "3 per minute")
    yield 3
    app.config["RATELIMIT_API"] = saved


def _is_problem(response, status: int) -> dict:
    assert response.status_code == status
    assert response.mimetype == PROBLEM
    body = response.get_json(force=True)
    assert body["status"] == status
    assert body["title"].strip() and body["detail"].strip()
    return body


# --- ETag, conditional GET, caching --------------------------------------------------------


def test_every_answer_with_data_has_an_etag_and_answers_304_to_it(client, paths):
    assert len(paths) >= 10  # regions, fields, consultations, proposals, comments and more
    for rule, path in paths.items():
        response = client.get(path)
        assert response.status_code == 200, rule
        assert response.mimetype == "application/json", rule
        etag = response.headers["ETag"]
        assert etag.startswith('"') and etag.endswith('"') and len(etag) > 10, rule
        assert response.headers["Cache-Control"] == "public, no-cache", rule
        assert response.headers["Access-Control-Allow-Origin"] == "*", rule

        again = client.get(path, headers={"If-None-Match": etag})
        assert again.status_code == 304, rule
        assert again.data == b"", rule
        assert again.headers["ETag"] == etag, rule
        assert again.headers["Access-Control-Allow-Origin"] == "*", rule

        other = client.get(path, headers={"If-None-Match": '"not-this-one"'})
        assert other.status_code == 200, rule
        assert other.data == response.data, rule


def test_the_etag_is_the_same_while_nothing_changes(client, api_world):
    path = f"/api/v1/proposals/{api_world.published_proposal_id}"
    assert client.get(path).headers["ETag"] == client.get(path).headers["ETag"]


def test_changed_data_gets_a_new_etag_and_a_full_answer(client, api_world):
    path = f"/api/v1/proposals/{api_world.published_proposal_id}"
    first = client.get(path)
    etag = first.headers["ETag"]
    db.session.get(Proposal, api_world.published_proposal_id).title = "Sprachcafé, neu gefasst"
    db.session.commit()

    response = client.get(path, headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert response.get_json()["title"] == "Sprachcafé, neu gefasst"
    assert response.headers["ETag"] != etag
    # The list that holds it changes its ETag too.
    assert client.get(path, headers={"If-None-Match": etag}).status_code == 200


def test_a_list_changes_its_etag_when_an_item_is_added(client, api_world):
    from tests import participation_builders as build

    path = "/api/v1/proposals?limit=5"
    etag = client.get(path).headers["ETag"]
    consultation = db.session.get(Proposal, api_world.published_proposal_id).consultation
    build.proposal(consultation, factories.make_user(), title="Ganz neu")
    db.session.commit()
    response = client.get(path, headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert response.get_json()["data"][0]["title"] == "Ganz neu"


def test_head_answers_the_headers_without_a_body(client, api_world):
    response = client.head("/api/v1/regions")
    assert response.status_code == 200
    assert response.data == b""
    assert response.headers["ETag"] == client.get("/api/v1/regions").headers["ETag"]


# --- CORS ----------------------------------------------------------------------------------


def test_cors_on_every_kind_of_answer(app, client, api_world):
    ok = client.get("/api/v1/regions", headers={"Origin": "https://example.org"})
    not_modified = client.get("/api/v1/regions", headers={"If-None-Match": ok.headers["ETag"]})
    bad = client.get("/api/v1/proposals?limit=0")
    missing = client.get("/api/v1/proposals/999999")
    unknown = client.get("/api/v1/no-such-thing")
    assert [r.status_code for r in (ok, not_modified, bad, missing, unknown)] == [
        200,
        304,
        400,
        404,
        404,
    ]
    saved = _limited(app, "1 per minute")
    try:
        client.get("/api/v1/fields-of-action")
        limited = client.get("/api/v1/fields-of-action")
    finally:
        app.config["RATELIMIT_API"] = saved
    assert limited.status_code == 429
    for response in (ok, not_modified, bad, missing, unknown, limited):
        assert response.headers["Access-Control-Allow-Origin"] == "*", response.status
        exposed = response.headers["Access-Control-Expose-Headers"]
        assert "ETag" in exposed and "RateLimit-Remaining" in exposed and "Retry-After" in exposed


def test_a_preflight_names_the_allowed_methods_and_headers(client):
    response = client.options(
        "/api/v1/proposals",
        headers={
            "Origin": "https://example.org",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "If-None-Match, Accept-Language",
        },
    )
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    methods = {m.strip() for m in response.headers["Access-Control-Allow-Methods"].split(",")}
    assert methods == {"GET", "HEAD", "OPTIONS"}
    allowed = {
        h.strip().lower() for h in response.headers["Access-Control-Allow-Headers"].split(",")
    }
    assert {"if-none-match", "accept-language", "accept"} <= allowed
    assert int(response.headers["Access-Control-Max-Age"]) > 0
    assert "Set-Cookie" not in response.headers


def test_pages_outside_the_api_get_no_cors_headers(client):
    response = client.get("/")
    assert "Access-Control-Allow-Origin" not in response.headers


# --- No cookies ----------------------------------------------------------------------------


def test_an_anonymous_visitor_gets_no_cookie(client, paths):
    for rule, path in paths.items():
        assert "Set-Cookie" not in client.get(path).headers, rule
    for path in ("/api/v1/openapi.json", "/api/v1/nothing-here", "/api/v1/proposals?limit=x"):
        assert "Set-Cookie" not in client.get(path).headers, path


def test_a_signed_in_visitor_gets_no_cookie_from_the_api(client, api_world):
    log_in(client, factories.make_user(display_name="Mit Sitzung"))
    assert "Set-Cookie" in client.get("/").headers  # the pages do refresh the session
    for path in (
        "/api/v1/regions",
        f"/api/v1/proposals/{api_world.published_proposal_id}",
        "/api/v1/proposals?limit=0",
        "/api/v1/proposals/999999",
    ):
        assert "Set-Cookie" not in client.get(path).headers, path
    # The session itself is untouched: the pages still know the visitor.
    assert "Mit Sitzung" in client.get("/").get_data(as_text=True)


def test_a_remembered_visitor_gets_no_cookie_from_the_api(app, client, api_world):
    """Without a session, "remember me" would sign the visitor in again and write a session
    cookie; the API reads as anyone does and writes none."""
    user = factories.make_user(display_name="Erinnert")
    db.session.commit()
    client.set_cookie(app.config["REMEMBER_COOKIE_NAME"], encode_cookie(user.get_id()))
    assert "Set-Cookie" in client.get("/").headers  # a page signs the visitor in again
    client.delete_cookie(app.config["SESSION_COOKIE_NAME"])
    for path in ("/api/v1/regions", "/api/v1/proposals?limit=0", "/api/v1/nothing"):
        response = client.get(path, headers={"Accept-Language": "en"})
        assert "Set-Cookie" not in response.headers, path


# --- Rate limit ----------------------------------------------------------------------------


def test_rate_limit_headers_count_down_and_then_429_with_retry_after(client, tight_limit):
    remaining = []
    for _ in range(tight_limit):
        response = client.get("/api/v1/regions")
        assert response.status_code == 200
        assert response.headers["RateLimit-Limit"] == str(tight_limit)
        assert 0 < int(response.headers["RateLimit-Reset"]) <= 60
        remaining.append(int(response.headers["RateLimit-Remaining"]))
    assert remaining == [2, 1, 0]

    refused = client.get("/api/v1/fields-of-action")  # the limit is per client, not per address
    body = _is_problem(refused, 429)
    assert 0 < int(refused.headers["Retry-After"]) <= 60
    assert refused.headers["RateLimit-Remaining"] == "0"
    assert refused.headers["RateLimit-Limit"] == str(tight_limit)
    assert "menu" not in body["detail"]


def test_the_document_counts_against_the_limit_too(client, tight_limit):
    statuses = [client.get("/api/v1/openapi.json").status_code for _ in range(tight_limit + 1)]
    assert statuses == [200] * tight_limit + [429]


# --- Errors --------------------------------------------------------------------------------


def test_a_bad_parameter_is_named_in_a_400(client):
    english = {"Accept-Language": "en"}
    body = _is_problem(
        client.get("/api/v1/proposals?limit=abc&sort=random&status=ok", headers=english), 400
    )
    named = {error["parameter"]: error["message"] for error in body["errors"]}
    assert set(named) == {"limit", "sort", "status"}
    assert named["limit"] == "Must be a whole number."
    assert named["sort"].startswith("Must be one of:") and "most_supported" in named["sort"]


def test_a_nul_character_in_a_value_is_a_400_not_a_database_error(client):
    for path, name in (
        ("/api/v1/proposals?q=a%00b", "q"),
        ("/api/v1/consultations?region=x%00", "region"),
        ("/api/v1/proposals?limit=2&cursor=%00", "cursor"),
    ):
        body = _is_problem(client.get(path, headers={"Accept-Language": "en"}), 400)
        assert body["errors"] == [{"parameter": name, "message": "This value has the wrong form."}]
    assert client.get("/api/v1/regions/a%00b").status_code == 404


def test_a_limit_out_of_range_says_the_range(client):
    english = {"Accept-Language": "en"}
    low = _is_problem(client.get("/api/v1/consultations?limit=0", headers=english), 400)
    high = _is_problem(client.get("/api/v1/consultations?limit=101", headers=english), 400)
    low, high = low["errors"], high["errors"]
    assert low == [{"parameter": "limit", "message": "Must be at least 1."}]
    assert high == [{"parameter": "limit", "message": "Must be at most 100."}]


def test_a_cursor_of_another_order_is_refused(client, api_world):
    first = client.get("/api/v1/proposals?limit=1&sort=oldest").get_json()
    cursor = first["links"]["next"].split("cursor=")[1].split("&")[0]
    body = _is_problem(client.get(f"/api/v1/proposals?limit=1&sort=newest&cursor={cursor}"), 400)
    assert [error["parameter"] for error in body["errors"]] == ["cursor"]


def test_problem_texts_follow_accept_language(app, client):
    path = "/api/v1/proposals?limit=abc"
    german = _is_problem(client.get(path, headers={"Accept-Language": "de"}), 400)
    english = _is_problem(client.get(path, headers={"Accept-Language": "en"}), 400)
    arabic = _is_problem(client.get(path, headers={"Accept-Language": "ar, en;q=0.5"}), 400)
    assert english["title"] == "The request could not be processed"
    assert german["title"] == "Die Anfrage konnte nicht verarbeitet werden"
    assert arabic["title"] not in (english["title"], german["title"])
    for language, body in (("de", german), ("en", english), ("ar", arabic)):
        with app.test_request_context(), force_locale(language):
            assert body["errors"][0]["message"] == gettext("Must be a whole number.")
            assert body["detail"] == gettext("Check the query parameters named below.")
    response = client.get(path, headers={"Accept-Language": "de"})
    assert "Accept-Language" in response.vary


def test_not_found_is_a_problem_about_api_addresses(client, api_world):
    for path in (
        "/api/v1/proposals/999999",
        f"/api/v1/proposals/{api_world.hidden_proposal_ids[0]}",
        f"/api/v1/consultations/{api_world.draft_consultation_id}",
        "/api/v1/regions/nowhere",
        "/api/v1/no-such-list",
        "/api/v1/proposals/99999999999",
    ):
        body = _is_problem(client.get(path, headers={"Accept-Language": "en"}), 404)
        assert body["title"] == "Not found", path
        assert "API address" in body["detail"] and "menu" not in body["detail"], path


def test_post_is_refused_with_405_and_allow(client, paths):
    for rule, path in paths.items():
        for send in (client.post, client.put, client.delete, client.patch):
            response = send(path, headers={"Accept-Language": "en"})
            body = _is_problem(response, 405)
            assert set(response.headers["Allow"].replace(" ", "").split(",")) == {
                "GET",
                "HEAD",
                "OPTIONS",
            }, rule
            assert "GET" in body["detail"] and "page" not in body["detail"], rule
            assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_pages_keep_their_own_error_texts(client):
    response = client.get("/no-such-page", headers={"Accept-Language": "en"})
    assert response.status_code == 404
    assert response.mimetype == "text/html"
    assert "Page not found" in response.get_data(as_text=True)
