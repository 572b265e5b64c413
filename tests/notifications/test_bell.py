"""The bell in the header: the unread count on every page for signed-in users, its accessible
name, and what it costs (one COUNT, only when a page shows the header)."""

import re

import pytest

from app.core.clock import utcnow_naive
from app.extensions import db
from app.notifications import kinds
from tests.conftest import log_in, post_form
from tests.notifications.ui_builders import notify, world


def page_of(response) -> str:
    return response.get_data(as_text=True)


def bell(page: str) -> str:
    match = re.search(r'<a class="bell"[^>]*>.*?</a>', page, re.S)
    assert match, "no bell on the page"
    return match[0]


def bell_name(page: str) -> str:
    """The link's accessible name: its text without what is hidden from assistive technology."""
    link = bell(page)
    assert "aria-label" not in link, "the name comes from the visible text, not an aria-label"
    shown = re.sub(r'<span class="bell__count" aria-hidden="true">[^<]*</span>', "", link)
    return " ".join(re.sub(r"<[^>]+>", "", shown).split())


def bell_count(page: str) -> str | None:
    match = re.search(r'<span class="bell__count" aria-hidden="true">([^<]*)</span>', bell(page))
    return match[1] if match else None


def counts_of_unread(statements) -> list[str]:
    return [s for s in statements if "count(" in s and "notifications.read_at IS NULL" in s]


@pytest.fixture
def w():
    objects = world()
    db.session.commit()
    return objects


def unread(user, w, number: int) -> list:
    return [
        notify(user, kinds.NEW_PROPOSAL, proposal=w.proposal, actor=w.author) for _ in range(number)
    ]


@pytest.mark.parametrize(
    "path", ["/", "/consultations/", "/organisations/", "/account/", "/notifications/settings"]
)
def test_every_page_shows_the_unread_count(client, w, path):
    unread(w.reader, w, 3)
    notify(w.reader, kinds.NEW_PROPOSAL, proposal=w.proposal, read_at=utcnow_naive())
    unread(w.author, w, 2)  # someone else's
    log_in(client, w.reader)
    page = page_of(client.get(path))
    assert bell_name(page) == "Notifications, 3 unread"
    assert bell_count(page) == "3"
    assert 'href="/notifications/"' in bell(page)


def test_one_unread_is_named_in_the_singular_form(client, w):
    unread(w.reader, w, 1)
    log_in(client, w.reader)
    page = page_of(client.get("/"))
    assert bell_name(page) == "Notifications, 1 unread"
    assert bell_count(page) == "1"


def test_without_unread_the_count_is_hidden(client, w):
    notify(w.reader, kinds.NEW_PROPOSAL, proposal=w.proposal, read_at=utcnow_naive())
    log_in(client, w.reader)
    page = page_of(client.get("/"))
    assert bell_name(page) == "Notifications"
    assert bell_count(page) is None


def test_many_unread_show_as_99_plus(client, w):
    unread(w.reader, w, 120)
    log_in(client, w.reader)
    page = page_of(client.get("/"))
    assert bell_name(page) == "Notifications, 120 unread"
    assert bell_count(page) == "99+"


def test_the_count_goes_down_when_reading(client, w):
    first, second, _ = unread(w.reader, w, 3)
    log_in(client, w.reader)
    post_form(client, f"/notifications/{first.id}/read")
    assert bell_name(page_of(client.get("/"))) == "Notifications, 2 unread"
    post_form(client, f"/notifications/{second.id}/open")
    assert bell_name(page_of(client.get("/"))) == "Notifications, 1 unread"
    post_form(client, "/notifications/read-all")
    page = page_of(client.get("/notifications/"))
    assert bell_name(page) == "Notifications"
    assert bell_count(page) is None
    assert "Unread" not in re.search(r"<main.*?</main>", page, re.S)[0]


def test_the_bell_is_the_current_page_on_the_list(client, w):
    log_in(client, w.reader)
    assert 'aria-current="page"' in bell(page_of(client.get("/notifications/")))
    assert 'aria-current="page"' not in bell(page_of(client.get("/")))


def test_visitors_see_no_bell_and_cost_no_count(client, w, count_queries):
    with count_queries() as counter:
        page = page_of(client.get("/"))
    assert 'class="bell"' not in page
    assert not [s for s in counter.statements if "notifications" in s]


def test_a_page_counts_once_even_when_it_shows_the_count_twice(client, w, count_queries):
    unread(w.reader, w, 2)
    log_in(client, w.reader)
    with count_queries() as counter:
        page = page_of(client.get("/notifications/"))
    assert "You have 2 unread notifications." in page
    assert bell_count(page) == "2"
    assert len(counts_of_unread(counter.statements)) == 1


def test_a_page_without_the_header_does_not_count(client, w, count_queries):
    log_in(client, w.reader)
    with count_queries() as counter:
        response = client.get(
            f"/consultations/{w.consultation.id}/proposals/similar?title=Abendkurse"
        )
    assert response.status_code == 200
    assert "<header" not in page_of(response)
    assert not [s for s in counter.statements if "notifications" in s]
