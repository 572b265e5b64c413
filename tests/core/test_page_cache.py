"""Whole pages for anonymous visitors from the cache (app/core/page_cache.py): what makes them
stale at once (moderation, new content, phases edited or passed), who never gets one, and that a
cached page carries the CSRF token and headers of the visitor it is served to.

The test app has no Redis: the generation lives in the database and pages in the process.
"""

import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest

from app.consultations.routes import shared_seed_of_the_hour
from app.core import page_cache
from app.core.clock import now as clock_now
from app.core.models import ModerationState
from app.extensions import db
from app.proposals.models import Proposal
from tests import participation_builders as build
from tests.conftest import log_in, post_form
from tests.factories import make_user, make_user_with_role

EN = {"Accept-Language": "en"}


def page(response) -> str:
    return response.get_data(as_text=True)


def token_of(html: str) -> str:
    match = re.search(r'<meta name="csrf-token" content="([^"]+)"', html)
    assert match, "page carries no CSRF token"
    return match.group(1)


def current_phase(html: str) -> str:
    match = re.search(r'aria-current="step">\s*<span class="timeline__name">([^<]*)</span>', html)
    assert match, "no current phase on the page"
    return match.group(1)


def cached_twice(client, path: str, headers=EN) -> str:
    """GET `path` twice: stored on the first visit, served from the cache on the second."""
    first = client.get(path, headers=headers)
    assert (first.status_code, first.headers.get("X-Cache")) == (200, "miss")
    second = client.get(path, headers=headers)
    assert (second.status_code, second.headers.get("X-Cache")) == (200, "hit")
    return page(second)


@pytest.fixture
def world(app):
    """A proposal with a comment in the discussion phase, and a moderator of its region."""
    moderator = make_user_with_role("moderator", locale="en")
    region = moderator.roles[0].region
    consultation = build.consultation(region=region, phase="discussion")
    author = make_user()
    proposal = build.proposal(consultation, author, title="Bänke im Stadtpark")
    comment = build.comment(proposal, author, body="Ein Kommentar über Bänke")
    proposal.comment_count = 1
    db.session.commit()
    return moderator, proposal, comment


def moderate(app, moderator, contribution, action="hide", seen=ModerationState.PUBLISHED):
    """A decision through the moderation page, as a moderator makes it."""
    staff = app.test_client()
    log_in(staff, moderator)
    response = post_form(
        staff,
        f"/moderation/contributions/{contribution.id}",
        {"action": action, "seen_state": seen, "reason": "insult", "note": ""},
    )
    assert response.status_code == 302, page(response)


# --- what makes a cached page stale at once -----------------------------------------------------


def test_a_hidden_comment_disappears_from_the_cached_proposal_page_at_once(app, world):
    moderator, proposal, comment = world
    visitor = app.test_client()
    assert "Ein Kommentar über Bänke" in cached_twice(visitor, build.proposal_url(proposal))

    moderate(app, moderator, comment)

    response = visitor.get(build.proposal_url(proposal), headers=EN)
    assert response.headers["X-Cache"] == "miss"
    assert "Ein Kommentar über Bänke" not in page(response)
    assert "Hidden by moderation: Insult or hate" in page(response)
    assert visitor.get(build.proposal_url(proposal), headers=EN).headers["X-Cache"] == "hit"


def test_a_hidden_proposal_disappears_from_the_cached_list_at_once(app, world):
    moderator, proposal, _comment = world
    visitor = app.test_client()
    url = build.consultation_url(proposal.consultation)
    assert "Bänke im Stadtpark" in cached_twice(visitor, url)

    moderate(app, moderator, proposal)

    response = visitor.get(url, headers=EN)
    assert response.headers["X-Cache"] == "miss"
    assert "Bänke im Stadtpark" not in page(response)


def test_a_new_published_comment_appears_on_the_cached_page_at_once(app, client, world):
    _moderator, proposal, _comment = world
    url = build.proposal_url(proposal)
    cached_twice(client, url)
    writer = app.test_client()
    log_in(writer, make_user())
    response = post_form(
        writer,
        build.proposal_url(proposal, "/comments/"),
        {"body": "Eine zweite Meinung", "stance": "", "language": "de"},
    )
    assert response.status_code == 302

    response = client.get(url, headers=EN)
    assert response.headers["X-Cache"] == "miss"
    assert "Eine zweite Meinung" in page(response)


class FormFields(HTMLParser):
    """The values a browser would send for the first form with method post and `action`."""

    def __init__(self, action: str):
        super().__init__()
        self.action = action
        self.fields: dict[str, str] = {}
        self._in_form = False
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._in_form = attrs.get("method") == "post" and attrs.get("action") == self.action
        if not self._in_form:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.fields[name] = attrs.get("value", "y")
            elif kind != "submit":
                self.fields[name] = attrs.get("value") or ""
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields[self._select] = attrs.get("value") or ""
        elif tag == "textarea" and name:
            self._textarea = name
            self.fields[name] = ""

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "form":
            self._in_form = False


def test_a_phase_edited_by_the_coordination_shows_at_once(app, client):
    coordinator = make_user_with_role("coordinator", locale="en")
    consultation = build.consultation(
        region=coordinator.roles[0].region,
        phase="proposals",
        summary={"de": "Worum es geht"},
        description={"de": "Eine Beschreibung"},
    )
    db.session.commit()
    url = build.consultation_url(consultation)
    assert current_phase(cached_twice(client, url)) == "Proposals"

    staff = app.test_client()
    log_in(staff, coordinator)
    edit = f"/consultations/{consultation.id}/edit"
    form = FormFields(edit)
    form.feed(page(staff.get(edit)))
    # The proposals phase ended yesterday, the discussion runs from then (German time fields).
    assert form.fields["proposals_ends_at"], form.fields
    yesterday = (clock_now() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    form.fields["proposals_ends_at"] = yesterday
    form.fields["discussion_starts_at"] = yesterday
    response = staff.post(edit, data=form.fields)
    assert response.status_code == 302, page(response)

    response = client.get(url, headers=EN)
    assert response.headers["X-Cache"] == "miss"
    assert current_phase(page(response)) == "Discussion"


def test_a_phase_boundary_passed_without_any_write_shows_at_once(
    app, client, time_machine, monkeypatch
):
    monkeypatch.setitem(app.config, "CACHE_SECONDS", 30 * 24 * 3600)  # only the phase ends it
    start = clock_now()
    time_machine.move_to(start, tick=False)
    consultation = build.consultation(phase="proposals", phases=("proposals", "discussion"))
    db.session.commit()
    proposals = consultation.phases[0]
    url = build.consultation_url(consultation)
    assert current_phase(cached_twice(client, url)) == "Proposals"

    time_machine.move_to(start + timedelta(seconds=30), tick=False)
    assert client.get(url, headers=EN).headers["X-Cache"] == "hit"  # nothing changed yet

    # One second after the proposals phase ends, with nothing written in between.
    time_machine.move_to(
        proposals.ends_at.replace(tzinfo=start.tzinfo) + timedelta(seconds=1), tick=False
    )
    response = client.get(url, headers=EN)
    assert response.headers["X-Cache"] == "miss"
    assert current_phase(page(response)) == "Discussion"


# --- who never gets a cached page ----------------------------------------------------------------


def test_signed_in_people_never_get_a_cached_page(app, world):
    _moderator, proposal, _comment = world
    url = build.proposal_url(proposal)
    cached_twice(app.test_client(), url)
    member = app.test_client()
    user = make_user(display_name="Rosa Beispiel")
    db.session.commit()
    log_in(member, user)
    for _ in range(2):
        response = member.get(url, headers=EN)
        assert response.status_code == 200
        assert "X-Cache" not in response.headers
        assert "Rosa Beispiel" in page(response)
        assert response.headers["Cache-Control"] == "no-store"


def test_a_page_with_a_flash_message_is_neither_served_nor_stored(app, world):
    _moderator, proposal, _comment = world
    url = build.proposal_url(proposal)
    cached_twice(app.test_client(), url)
    flashed = app.test_client()
    with flashed.session_transaction() as session:
        session["_flashes"] = [("info", "Nachricht nur für diese Person")]
    response = flashed.get(url, headers=EN)
    assert "X-Cache" not in response.headers
    assert "Nachricht nur für diese Person" in page(response)
    # The message was shown once; the next page of that visitor comes from the cache again.
    after = flashed.get(url, headers=EN)
    assert after.headers["X-Cache"] == "hit"
    assert "Nachricht nur für diese Person" not in page(after)


def test_a_message_flashed_by_the_page_itself_is_not_stored(app, world, monkeypatch):
    _moderator, proposal, _comment = world
    from flask import flash

    from app.proposals import routes

    original = routes.proposal_page

    def flashing(*args, **kwargs):
        flash("Nur für diesen Besuch", "info")
        return original(*args, **kwargs)

    monkeypatch.setattr(routes, "proposal_page", flashing)
    visitor = app.test_client()
    first = visitor.get(build.proposal_url(proposal), headers=EN)
    assert first.headers["X-Cache"] == "miss"
    assert "Nur für diesen Besuch" in page(first)
    monkeypatch.setattr(routes, "proposal_page", original)
    second = app.test_client().get(build.proposal_url(proposal), headers=EN)
    assert second.headers["X-Cache"] == "miss"
    assert "Nur für diesen Besuch" not in page(second)


def test_a_pending_login_is_never_served_from_the_cache(app, world):
    from app.accounts import mfa

    _moderator, proposal, _comment = world
    url = build.proposal_url(proposal)
    cached_twice(app.test_client(), url)
    waiting = app.test_client()
    with waiting.session_transaction() as session:
        session[mfa.PENDING_LOGIN] = {"user": 1, "remember": False, "next": None, "at": 0}
    for _ in range(2):
        assert "X-Cache" not in waiting.get(url, headers=EN).headers


def test_a_remember_me_cookie_bypasses_the_cache(app, world):
    _moderator, proposal, _comment = world
    url = build.proposal_url(proposal)
    cached_twice(app.test_client(), url)
    returning = app.test_client()
    returning.set_cookie(app.config["REMEMBER_COOKIE_NAME"], "1:not-a-valid-token")
    assert "X-Cache" not in returning.get(url, headers=EN).headers


def test_posts_and_error_pages_are_never_cached(app, client, world):
    _moderator, proposal, _comment = world
    url = build.proposal_url(proposal)
    cached_twice(client, url)
    refused = post_form(client, url)
    assert refused.status_code == 405
    assert "X-Cache" not in refused.headers
    missing = build.proposal_url(proposal).replace(f"/{proposal.id}", f"/{proposal.id + 999}")
    for _ in range(2):
        response = client.get(missing, headers=EN)
        assert response.status_code == 404
        assert response.headers["X-Cache"] == "miss"


# --- a cached page is the visitor's own -------------------------------------------------------


def test_a_hit_carries_this_visitors_working_csrf_token_and_the_security_headers(app, world):
    _moderator, proposal, _comment = world
    url = build.proposal_url(proposal)
    first_visitor = app.test_client()
    first = first_visitor.get(url, headers=EN)
    assert first.headers["X-Cache"] == "miss"
    second_visitor = app.test_client()
    hit = second_visitor.get(url, headers=EN)
    assert hit.headers["X-Cache"] == "hit"
    own, foreign = token_of(page(hit)), token_of(page(first))
    assert own != foreign
    assert page(hit).count(own) == page(first).count(foreign) >= 2  # meta tag and forms
    for header in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options"):
        assert hit.headers[header] == first.headers[header]
    assert "Set-Cookie" in hit.headers  # the session that holds this visitor's token

    switch = {"ui-language": "ar", "ui-next": url}
    refused = second_visitor.post("/language", data={**switch, "ui-csrf_token": foreign})
    assert refused.status_code == 400
    accepted = second_visitor.post("/language", data={**switch, "ui-csrf_token": own})
    assert accepted.status_code == 302
    assert accepted.headers["Location"] == url
    assert app.config["LOCALE_COOKIE_NAME"] + "=ar" in accepted.headers["Set-Cookie"]


def test_languages_are_separate_entries(app, world):
    _moderator, proposal, _comment = world
    url = build.proposal_url(proposal)
    german = app.test_client().get(url, headers={"Accept-Language": "de"})
    assert german.headers["X-Cache"] == "miss"
    assert '<html lang="de" dir="ltr">' in page(german)
    arabic = app.test_client().get(url, headers={"Accept-Language": "ar"})
    assert arabic.headers["X-Cache"] == "miss"
    assert '<html lang="ar" dir="rtl">' in page(arabic)
    by_cookie = app.test_client()
    by_cookie.set_cookie(app.config["LOCALE_COOKIE_NAME"], "ar")
    again = by_cookie.get(url)
    assert again.headers["X-Cache"] == "hit"
    assert '<html lang="ar" dir="rtl">' in page(again)


def test_query_strings_are_separate_entries_whatever_their_order(app, world):
    _moderator, proposal, _comment = world
    url = build.consultation_url(proposal.consultation)
    visitor = app.test_client()
    assert visitor.get(url + "?sort=newest&page=1", headers=EN).headers["X-Cache"] == "miss"
    assert visitor.get(url + "?page=1&sort=newest", headers=EN).headers["X-Cache"] == "hit"
    assert visitor.get(url + "?sort=most_supported", headers=EN).headers["X-Cache"] == "miss"


def test_anonymous_visitors_share_the_order_of_the_hour_and_so_the_cached_list(app, world):
    _moderator, proposal, _comment = world
    url = build.consultation_url(proposal.consultation)
    first, second = app.test_client(), app.test_client()
    assert first.get(url, headers=EN).headers["X-Cache"] == "miss"
    assert second.get(url, headers=EN).headers["X-Cache"] == "hit"
    for visitor in (first, second):
        with visitor.session_transaction() as session:
            assert session["shuffle_seed"] == shared_seed_of_the_hour()


def test_a_visitor_keeps_their_seed_when_the_hour_changes(app, world, time_machine):
    _moderator, proposal, _comment = world
    start = clock_now().replace(minute=59, second=40)
    time_machine.move_to(start, tick=False)
    url = build.consultation_url(proposal.consultation)
    visitor = app.test_client()
    visitor.get(url, headers=EN)
    with visitor.session_transaction() as session:
        seed = session["shuffle_seed"]
    time_machine.move_to(start + timedelta(seconds=30), tick=False)
    assert shared_seed_of_the_hour() != seed
    assert visitor.get(url, headers=EN).headers["X-Cache"] == "hit"
    with visitor.session_transaction() as session:
        assert session["shuffle_seed"] == seed
    newcomer = app.test_client()
    assert newcomer.get(url, headers=EN).headers["X-Cache"] == "miss"  # the new hour's order


def test_a_warm_hit_runs_one_statement_the_generation(app, world, count_queries):
    _moderator, proposal, _comment = world
    visitor = app.test_client()
    for url in (build.proposal_url(proposal), build.consultation_url(proposal.consultation)):
        cached_twice(visitor, url)
        with count_queries() as counted:
            response = visitor.get(url, headers=EN)
        assert response.headers["X-Cache"] == "hit"
        assert len(counted) == 1, counted.statements
        assert "cache_generation" in counted.statements[0]


@pytest.mark.parametrize(
    "path",
    ["/", "/regions/", "/privacy", "/imprint", "/leichte-sprache", "region", "results"],
)
def test_other_public_pages_are_cached(app, world, path):
    _moderator, proposal, _comment = world
    consultation = proposal.consultation
    path = {
        "region": f"/regions/{consultation.region.slug}",
        "results": f"/consultations/{consultation.id}/results",
    }.get(path, path)
    cached_twice(app.test_client(), path)


def test_turned_off_nothing_is_looked_up(app, client, world, monkeypatch):
    _moderator, proposal, _comment = world
    monkeypatch.setitem(app.config, "CACHE_PAGES", False)
    for _ in range(2):
        assert "X-Cache" not in client.get(build.proposal_url(proposal)).headers


def test_a_proposal_written_by_the_test_itself_invalidates_too(app, client, world):
    """Writes outside requests (commands, the mail sender) bump the generation as well."""
    _moderator, proposal, _comment = world
    cached_twice(client, build.proposal_url(proposal))
    db.session.get(Proposal, proposal.id).title = "Neue Bänke am Fluss"
    db.session.commit()
    response = client.get(build.proposal_url(proposal), headers=EN)
    assert response.headers["X-Cache"] == "miss"
    assert "Neue Bänke am Fluss" in page(response)


def test_a_new_secret_key_finds_no_page_stored_under_the_old_one(app, client, monkeypatch):
    assert client.get("/").headers["X-Cache"] == "miss"
    assert client.get("/").headers["X-Cache"] == "hit"
    with app.test_request_context():
        old_placeholder = page_cache.csrf_placeholder()
    monkeypatch.setattr(app, "secret_key", "another-testing-only-secret-key")
    response = app.test_client().get("/")
    assert response.headers["X-Cache"] == "miss"
    assert old_placeholder not in page(response)
    assert token_of(page(response))
