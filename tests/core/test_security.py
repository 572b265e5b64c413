"""Security headers, the `next=` check against open redirects, and the error pages."""

import pytest

from app.core.security import safe_next_url

ENGLISH = {"Accept-Language": "en"}


def csp_directives(response) -> dict[str, list[str]]:
    policy = response.headers["Content-Security-Policy"]
    directives = {}
    for part in policy.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


# --- headers ----------------------------------------------------------------------------------


def test_content_security_policy_on_a_normal_page(client):
    response = client.get("/")
    assert response.status_code == 200
    directives = csp_directives(response)
    assert directives["default-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    scripts = directives.get("script-src", directives["default-src"])
    assert "'unsafe-inline'" not in scripts
    assert "'unsafe-eval'" not in scripts


def test_other_security_headers_on_a_normal_page(client):
    headers = client.get("/").headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert "Strict-Transport-Security" not in headers  # HSTS is off outside production


def test_error_pages_carry_the_security_headers_too(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"


# --- safe_next_url ----------------------------------------------------------------------------


@pytest.mark.parametrize("target", ["/regions/", "/regions/kassel?tab=fields", "/"])
def test_safe_next_url_accepts_paths_on_this_site(target):
    assert safe_next_url(target) == target


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example",
        "//evil.example",
        "/\\evil.example",
        "\\\\evil.example",
        "javascript:alert(1)",
        "regions/",
        "/\tevil",
        "http:/evil.example",
        "",
        None,
    ],
)
def test_safe_next_url_rejects_everything_else(target):
    assert safe_next_url(target) is None


# --- error pages ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path", "status", "title"),
    [
        ("get", "/no-such-page", 404, "Page not found"),
        ("get", "/regions/no-such-region", 404, "Page not found"),
        ("get", "/language", 405, "Action not allowed"),
    ],
)
def test_error_pages_are_translated_and_carry_their_status(client, method, path, status, title):
    response = getattr(client, method)(path, headers=ENGLISH)
    assert response.status_code == status
    page = response.get_data(as_text=True)
    assert '<html lang="en" dir="ltr">' in page
    assert f"<h1>{title}</h1>" in page
    assert f"Error {status}" in page


@pytest.mark.parametrize(("path", "status"), [("/no-such-page", 404), ("/language", 405)])
def test_error_pages_are_german_by_default(client, path, status):
    response = client.get(path)
    assert response.status_code == status
    assert '<html lang="de" dir="ltr">' in response.get_data(as_text=True)


@pytest.mark.parametrize("path", ["/no-such-page", "/language"])
def test_error_pages_show_no_stack_trace(client, path):
    page = client.get(path, headers=ENGLISH).get_data(as_text=True)
    for leak in ("Traceback", "werkzeug", 'File "', ".py"):
        assert leak not in page


def test_error_page_offers_the_way_back(client):
    page = client.get("/no-such-page", headers=ENGLISH).get_data(as_text=True)
    assert "Go to the start page" in page
