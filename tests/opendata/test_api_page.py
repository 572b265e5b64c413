"""The API page: its reference is the OpenAPI document (every path, every parameter), its worked
example and error example are what the API really answers, and the footer links to it."""

import html
import json
import re

import pytest

from app.api.document import build_document
from app.opendata.datasets import LICENCE
from tests.factories import make_user
from tests.participation_builders import consultation, proposal

PAGE = "/open-data/api"


def page_text(client, language="en") -> str:
    client.set_cookie("mitreden_locale", language)
    response = client.get(PAGE)
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    return response.get_data(as_text=True)


def documented_operations(app) -> dict[str, dict]:
    with app.test_request_context():
        document = build_document()
    return {path: methods["get"] for path, methods in document["paths"].items()}


def operation_blocks(text: str) -> dict[str, str]:
    """Each operation's part of the page, by the path in its heading."""
    blocks = {}
    for block in text.replace("<wbr>", "").split('<article class="card api-operation"')[1:]:
        heading = re.search(r'<span class="api-method">GET</span> ([^<]+)</code>', block)
        assert heading, block[:300]
        blocks[html.unescape(heading.group(1))] = block.split("</article>")[0]
    return blocks


def test_every_documented_operation_is_on_the_page_with_its_parameters(app, client):
    text = page_text(client)
    blocks = operation_blocks(text)
    operations = documented_operations(app)
    assert len(operations) >= 10  # regions, fields, consultations, proposals, comments, ...
    assert sorted(blocks) == sorted(f"/api/v1{path}" for path in operations)
    for path, operation in operations.items():
        block = blocks[f"/api/v1{path}"]
        assert html.escape(operation["summary"], quote=False) in block, path
        for parameter in operation["parameters"]:
            if parameter["in"] == "header":  # If-None-Match: explained once above
                continue
            assert f'<code dir="ltr">{parameter["name"]}</code>' in block, (path, parameter)
            for value in parameter["schema"].get("enum", []):
                assert f'<code dir="ltr">{value}</code>' in block, (path, value)
        if "{" in path:
            assert "http://localhost/api/v1" not in block, path
        else:
            assert f'href="http://localhost/api/v1{path}"' in block, path


def test_parameter_tables_have_headers_and_captions(client):
    text = page_text(client)
    proposals = operation_blocks(text)["/api/v1/proposals"]
    assert "<caption" in proposals
    assert proposals.count('<th scope="col">') == 2
    # limit, cursor, consultation, region, field, status, language, answered, q, sort
    assert proposals.count('<th scope="row">') == 10
    assert "Type: whole number from 1 to 100" in proposals
    assert 'If left out: <code dir="ltr">20</code>' in proposals
    assert "Allowed values:" in proposals
    comments = operation_blocks(text)["/api/v1/proposals/{proposal_id}/comments"]
    assert "in the path" in comments
    assert '<code dir="ltr">/api/v1/proposals</code>' in comments  # where the ids come from


def test_the_worked_example_answers_as_shown(client):
    author = make_user(display_name="Amina")
    talk = consultation(phase="discussion")
    for title in ("Erste Idee", "Zweite Idee", "Dritte Idee"):
        proposal(talk, author, title=title)
    text = page_text(client)
    url = html.unescape(re.search(r'curl -i "([^"]+)"', text).group(1))
    assert url == "http://localhost/api/v1/proposals?limit=2"

    answer = client.get(url)
    assert answer.status_code == 200
    body = answer.get_json()
    assert len(body["data"]) == 2 and body["meta"] == {"limit": 2}
    assert body["links"]["next"].startswith(url + "&cursor=")
    assert answer.headers["ETag"]
    assert answer.headers["RateLimit-Limit"]
    assert client.get(url, headers={"If-None-Match": answer.headers["ETag"]}).status_code == 304


@pytest.mark.parametrize("language", ["de", "ar"])
def test_the_error_example_is_the_apis_own_answer(client, language):
    text = page_text(client, language)
    shown = re.findall(
        r'<pre class="api-code" dir="ltr" tabindex="0"><code>(.*?)</code></pre>', text, re.S
    )
    example = json.loads(html.unescape(shown[-1]))
    client.set_cookie("mitreden_locale", language)
    answer = client.get("/api/v1/proposals?limit=500", headers={"Accept-Language": language})
    assert answer.status_code == 400
    assert answer.mimetype == "application/problem+json"
    assert answer.get_json() == example


def test_guide_states_licence_privacy_and_links(client):
    text = page_text(client)
    assert text.count("<h1") == 1
    assert html.escape(LICENCE["name"], quote=False) in text
    assert f'href="{LICENCE["url"]}"' in text
    assert 'href="/api/v1/openapi.json"' in text
    assert 'href="/open-data/"' in text
    assert "You need no account" in text
    assert "only with the display name" in text
    for header in ("If-None-Match", "RateLimit-Remaining", "Retry-After", "links.next"):
        assert header in text
    # Every code block reads left to right, also on Arabic pages.
    arabic = page_text(client, "ar")
    assert '<html lang="ar" dir="rtl">' in arabic
    assert (
        arabic.count("<pre") == arabic.count('<pre class="api-code" dir="ltr" tabindex="0">') >= 3
    )


def test_rate_limits_are_the_configured_ones(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "RATELIMIT_API", "1 per second;90 per minute;5000 per day")
    text = page_text(client, "en")
    assert "1 request per second" in text
    assert "90 requests per minute" in text
    assert "5,000 requests per day" in text


def test_english_descriptions_are_marked_on_pages_in_other_languages(client):
    marked = '<span class="api-operation__summary" lang="en" dir="ltr">'
    assert marked in page_text(client, "de")
    assert marked in page_text(client, "ar")
    english = page_text(client, "en")
    assert '<span class="api-operation__summary">' in english
    assert 'lang="en" dir="ltr"' not in english.split("<main")[1]


def test_footer_of_the_start_page_links_to_the_api_page(client):
    client.set_cookie("mitreden_locale", "de")
    start = client.get("/")
    assert start.status_code == 200
    footer = start.get_data(as_text=True).split('<footer class="site-footer">')[1]
    assert f'href="{PAGE}"' in footer
