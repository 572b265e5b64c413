"""Hostile query strings: SQL fragments, huge and negative numbers, long and odd text, repeated
parameters, NUL bytes and XSS payloads in every parameter a view reads, and in the usual names
it does not read. Every answer is 200 (the default applied), 400 or 404 — never a 500 — and
never shows the payload unescaped.

Peers' advisories with a regression test here: Decidim GHSA-jvqq-cvh4-xm37 (SQL injection via a
sort parameter), GHSA-7cx8-44pc-xv3q (XSS via `per_page`), GHSA-jm79-9pm4-vrw9 (data read out
through search filters).
"""

import re
from urllib.parse import urlencode, urlsplit

import pytest

from app.core.security import safe_next_url
from app.extensions import db
from app.monitoring import cache as monitoring_cache
from tests import participation_builders as build
from tests.conftest import post_form, without_csrf_tokens
from tests.factories import PASSWORD, make_user
from tests.participation_builders import proposal_url
from tests.security.world import build_world
from tests.security.xss_corpus import PAYLOADS, active_content, by_id

# The query parameters each view reads (grep request.args and the filters' from_args).
READS: dict[str, tuple[str, ...]] = {
    "consultations.index": ("region", "field", "phase", "page"),
    "consultations.detail": ("field", "status", "language", "answered", "q", "sort", "page"),
    "consultations.new": ("region",),
    "proposals.detail": ("stance", "order", "comment_language", "reply_to"),
    "proposals.similar": ("title",),
    "organisations.index": ("region", "kind", "field", "q", "page"),
    "organisations.profile": ("page",),
    "organisations.review_queue": ("view",),
    "funding.index": ("q", "within", "field", "region", "level", "open"),
    "funding.deadlines": ("weeks",),
    "projects.index": ("region", "field", "status"),
    "projects.new": ("region",),
    "projects.coordination": ("region",),
    "moderation.queue": ("view", "consultation", "page", "reason", "language"),
    "moderation.audit_csv": ("consultation",),
    "monitoring.dashboard": ("from", "to", "field"),
    "monitoring.region": ("from", "to", "field"),
    "monitoring.report": ("from", "to", "field"),
    "monitoring.internal": ("from", "to", "field"),
    "monitoring.chart_download": ("from", "to", "field", "region"),
    "monitoring.context_new": ("indicator",),
    "concepts.compare": ("from", "to"),
    "concepts.export": ("version", "view"),
    "notifications.index": ("page",),
    "admin.users": ("q", "page"),
    "accounts.login": ("next",),
    "multilingual.new": ("language",),
}
# Names that lists elsewhere read (Decidim's per_page, ransack-style filters): ignored here.
COMMON = ("per_page", "sort", "order", "page", "q", "filter", "lang", "format", "next", "status")

XSS = by_id(4).text("hqp")  # "><script>alert('xss04hqp')</script>
HOSTILE = (
    "' OR '1'='1",
    "title; DROP TABLE users; --",
    "votes_for DESC, (SELECT CASE WHEN 1=1 THEN 1 ELSE 1/0 END)",
    "1) UNION SELECT email, password_hash FROM users --",
    "-1",
    "0",
    "99999999999999999999999999",
    "-9223372036854775809",
    "1e309",
    "NaN",
    "²",
    "x" * 5000,
    "\u202e\u0627\u0644\u0633\u0644\u0627\u0645 ß İ",
    "%",
    "_",
    "\\",
    "\x00",
    "a\x00b",
    "../../etc/passwd",
    "2026-13",
    XSS,
    by_id(11).text("hqp"),
    by_id(55).text("hqp"),
    "javascript:alert(1)",
    "//evil.example/",
)
# Alone in each parameter (all of HOSTILE goes into all of a view's parameters at once).
SINGLE = ("' OR '1'='1", "99999999999999999999999999", "x" * 5000, "\x00", XSS)
# A raw query string the client would not build: broken percent-encoding, invalid UTF-8.
RAW = b"a=%ff%fe&b=%&c=%zz&d=%c0%af&e=%ed%a0%80&q=%ff&page=%00&sort=%ed%a0%80"
# 403: a page the visitor may not see refuses before it reads any parameter.
ALLOWED = {200, 400, 403, 404}


def _get_query(client, path: str, query):
    """GET `path` (which may carry a query string of its own) with `query` added: pairs, or
    raw bytes as they would come over the wire."""
    path, _, own = path.partition("?")
    added = query.decode("ascii") if isinstance(query, bytes) else urlencode(query)
    return client.get(path, query_string="&".join(part for part in (own, added) if part))


def _problems(response, hostile: str | None = None) -> list[str]:
    status = response.status_code
    problems = []
    if status in (301, 302, 303, 307, 308):
        location = response.location or ""
        target = urlsplit(location)
        if target.netloc not in ("", "localhost") or safe_next_url(target.path or "/") is None:
            problems.append(f"redirect off the site: {location}")
    elif status not in ALLOWED:
        problems.append(f"status {status}")
    if response.mimetype in ("text/html", "image/svg+xml"):
        text = response.get_data(as_text=True)
        problems += active_content(text)
        if hostile and "<" in hostile and hostile in text:
            problems.append("payload shown unescaped")
    return problems


def _comparable(response) -> str:
    """The page without its session tokens and without the `next` of the language switch and
    the login link (which carry the address the page was asked with, escaped)."""
    page = without_csrf_tokens(response.get_data(as_text=True))
    page = re.sub(r'<input[^>]*name="(ui-)?next"[^>]*>', "", page)
    return re.sub(r'next=[^"]*', "next=", page)


def _paths(app, world) -> dict[str, str]:
    paths = {}
    for rule in app.url_map.iter_rules():
        if "GET" in rule.methods and rule.endpoint not in ("static", "pages.video_file"):
            paths.setdefault(rule.endpoint, world.path_for(rule))
    return paths


@pytest.fixture
def cached_figures(app, monkeypatch):
    """The monitoring pages compute their figures once: the parameters are under test here,
    not the figures, and each page would otherwise take seconds."""
    monkeypatch.setitem(app.config, "MONITORING_CACHE_SECONDS", 3600)
    yield
    monitoring_cache.clear()


def test_hostile_values_in_the_parameters_each_view_reads(app, cached_figures):
    world = build_world()
    paths = _paths(app, world)
    assert set(READS) <= set(paths), set(READS) - set(paths)
    findings = []
    client = world.log_in_client("administrator")
    for endpoint, names in READS.items():
        path = paths[endpoint]
        # All at once, then each alone (one refused value must not hide another).
        queries = [[(name, value) for name in names] for value in HOSTILE]
        queries += [[(name, value)] for name in names for value in SINGLE if len(names) > 1]
        for query in queries:
            response = _get_query(client, path, query)
            findings += [
                f"{path}?{urlencode(query)[:120]}: {problem}"
                for problem in _problems(response, query[0][1])
            ]
    assert not findings, "\n".join(findings)


def test_repeated_raw_and_unread_parameters_on_every_page(app, cached_figures):
    world = build_world()
    findings = []
    client = world.log_in_client("administrator")
    for endpoint, path in _paths(app, world).items():
        names = READS.get(endpoint, ()) + COMMON
        # Each name repeated with different values, as an array, and ransack-style filters.
        repeated = [(name, value) for name in names for value in ("a", XSS, "1", "-1", "x" * 300)]
        repeated += [(f"{name}[]", XSS) for name in names]
        repeated += [("filter[author_email_cont]", "a"), ("q[email_cont]", "@")]
        queries = [repeated, RAW]
        for query in queries:
            response = _get_query(client, path, query)
            shown = query if isinstance(query, bytes) else urlencode(query)[:120]
            findings += [f"{path}?{shown}: {problem}" for problem in _problems(response, XSS)]
    assert not findings, "\n".join(findings)


def test_a_hostile_sort_or_filter_gives_the_default_list(app, client):
    """GHSA-jvqq-cvh4-xm37: sort values come from an allow-list; anything else is the default."""
    consultation = build.consultation(phase="proposals")
    author = make_user()
    proposals = [
        build.proposal(consultation, author, title=f"Vorschlag {number}", votes_for=number)
        for number in range(6)
    ]
    db.session.commit()
    path = f"/consultations/{consultation.id}"
    default = _comparable(client.get(path))
    assert all(proposal_url(proposal) in default for proposal in proposals)
    for name in ("sort", "field", "status", "language", "answered"):
        for value in HOSTILE:
            if name == "sort" and value in ("-1", "0"):
                continue
            page = client.get(path, query_string={name: value})
            assert page.status_code == 200, (name, value)
            assert _comparable(page) == default, (name, value)


def test_unknown_filters_read_nothing_out(app, client):
    """GHSA-jm79-9pm4-vrw9: filters that name columns (ransack style) are ignored, and the
    search finds neither e-mail addresses nor text waiting for review."""
    consultation = build.consultation(phase="proposals")
    author = make_user(email="zzqsecret@example.org")
    public = build.proposal(consultation, author, title="Öffentlicher Vorschlag")
    pending = build.proposal(
        consultation, author, title="Wartet qqzpending", moderation_state="pending"
    )
    db.session.commit()
    path = f"/consultations/{consultation.id}"
    default = _comparable(client.get(path))
    assert proposal_url(public) in default and proposal_url(pending) not in default
    for query in (
        {"filter[author_email_cont]": "zzq"},
        {"q[author_email_start]": "zzq"},
        {"author_email": "zzqsecret@example.org"},
        {"moderation_state": "pending"},
        {"include_hidden": "1", "state": "pending"},
        {"user_id": str(author.id)},
    ):
        page = client.get(path, query_string=query)
        assert page.status_code == 200, query
        assert _comparable(page) == default, query
    for term in ("zzqsecret", "zzqsecret@example.org", "qqzpending", "Wartet"):
        page = client.get(path, query_string={"q": term})
        assert page.status_code == 200, term
        text = page.get_data(as_text=True)
        assert proposal_url(public) not in text and proposal_url(pending) not in text, term
    found = client.get(path, query_string={"q": "Öffentlicher"}).get_data(as_text=True)
    assert proposal_url(public) in found  # the search itself works


def test_per_page_and_every_list_parameter_never_reflect_a_payload(app, cached_figures):
    """GHSA-7cx8-44pc-xv3q: a payload in `per_page` (or any other list parameter) is never
    written into the page unescaped, not even into pagination links."""
    world = build_world()
    client = world.log_in_client("administrator")
    paths = _paths(app, world)
    findings = []
    lists = [endpoint for endpoint in READS if "page" in READS[endpoint] or "q" in READS[endpoint]]
    kinds = {payload.kind: payload for payload in PAYLOADS if payload.kind != "formula"}
    for endpoint in lists:
        for payload in (*kinds.values(), *PAYLOADS[:8]):
            value = payload.text("ppg")
            query = [("per_page", value), ("page", "2"), ("q", value)]
            response = _get_query(client, paths[endpoint], query)
            findings += [f"{endpoint} p{payload.id:02d}: {p}" for p in _problems(response, value)]
    assert not findings, "\n".join(findings)


def test_login_next_never_leaves_the_site(app, client):
    make_user(email="next@example.org")
    db.session.commit()
    for target in (
        "//evil.example/",
        "https://evil.example/",
        "/\\evil.example",
        "javascript:alert(1)",
        "\x00//evil.example",
        "/%0d%0aSet-Cookie:x=1",
        XSS,
    ):
        page = client.get("/account/login", query_string={"next": target})
        assert page.status_code == 200
        assert active_content(page.get_data(as_text=True)) == []
        response = post_form(
            client,
            "/account/login?" + urlencode({"next": target}),
            {"email": "next@example.org", "password": PASSWORD},
        )
        assert response.status_code in (302, 303), target
        location = urlsplit(response.location)
        assert location.netloc in ("", "localhost"), (target, response.location)
        assert not re.search(r"[\r\n]", response.headers.get("Location", ""))
        client.post("/account/logout", data={"csrf_token": _token(client)})


def _token(client) -> str:
    page = client.get("/").get_data(as_text=True)
    match = re.search(r'<meta name="csrf-token" content="([^"]+)"', page)
    return match.group(1) if match else ""
