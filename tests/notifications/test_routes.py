"""The notification list (unread marks, open, mark read, mark all read, pages, query budget) and
the delivery settings page."""

import html
import re
from datetime import timedelta

import pytest
from flask_babel import force_locale
from sqlalchemy import select

from app.core.clock import utcnow_naive
from app.extensions import db
from app.notifications import kinds
from app.notifications.models import Notification, NotificationSetting
from tests.conftest import log_in, post_form
from tests.factories import make_region, make_user, make_user_with_role
from tests.notifications import words
from tests.notifications.ui_builders import notify, one_of_each, world


def page_of(response) -> str:
    return response.get_data(as_text=True)


def items_of(page: str) -> list[str]:
    """The list items of the notification list, in order."""
    match = re.search(r'<ol class="notification-list">(.*?)</ol>', page, re.S)
    assert match, "no notification list on the page"
    return re.findall(
        r'<li class="notification[^"]*" id="notification-\d+">.*?</li>', match[1], re.S
    )


def text_of(fragment: str) -> str:
    return words(html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment))).strip())


def main_of(page: str) -> str:
    return re.search(r"<main.*?</main>", page, re.S)[0]


def read_at(notification_id: int):
    db.session.expire_all()
    return db.session.get(Notification, notification_id).read_at


@pytest.fixture
def w():
    objects = world()
    db.session.commit()
    return objects


# --- visitors --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["/notifications/", "/notifications/settings", "/notifications/following"]
)
def test_visitors_are_sent_to_the_login(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert "/account/login" in response.headers["Location"]


@pytest.mark.parametrize(
    "path",
    [
        "/notifications/1/open",
        "/notifications/1/read",
        "/notifications/read-all",
        "/notifications/follow/consultation/1",
        "/notifications/unfollow/consultation/1",
    ],
)
def test_visitors_posting_are_sent_to_the_login(client, w, path):
    notify(w.reader, kinds.PHASE_STARTED, consultation=w.consultation, params={"phase": "voting"})
    db.session.commit()
    response = post_form(client, path)
    assert response.status_code == 302
    assert "/account/login" in response.headers["Location"]
    assert db.session.scalar(select(Notification.read_at)) is None


# --- the list --------------------------------------------------------------------------------


def test_the_list_marks_unread_items_in_words_and_shows_text_detail_and_time(client, w):
    now = utcnow_naive()
    unread = notify(
        w.reader,
        kinds.COMMENT_REPLY,
        proposal=w.proposal,
        contribution=w.comment,
        actor=w.author,
        created_at=now - timedelta(hours=2),
    )
    read = notify(
        w.reader,
        kinds.MODERATION_DECISION,
        proposal=w.proposal,
        contribution=w.comment,
        decision=w.decision,
        params={"action": "hide"},
        created_at=now - timedelta(days=1),
        read_at=now,
    )
    log_in(client, w.reader)
    page = page_of(client.get("/notifications/"))
    first, second = items_of(page)
    assert f'id="notification-{unread.id}"' in first
    assert "notification--unread" in first
    assert "Unread" in text_of(first)
    assert "Amira Haddad replied to your comment on “Abendkurse für Berufstätige”." in text_of(
        first
    )
    assert "2 hours ago" in text_of(first)
    assert f'action="/notifications/{unread.id}/open"' in first
    assert "Mark as read" in first
    assert f'id="notification-{read.id}"' in second
    assert "notification--unread" not in second
    assert "Unread" not in text_of(second)
    assert "Mark as read" not in second
    assert "Your contribution on “Abendkurse für Berufstätige” was hidden." in text_of(second)
    assert "Bitte ohne Werbung." in text_of(second)  # the moderator's reason, as detail
    assert "Mark all as read" in page
    assert "You have 1 unread notification." in text_of(page)


def test_older_items_show_the_date_instead_of_how_long_ago(client, w):
    notify(
        w.reader,
        kinds.PHASE_STARTED,
        consultation=w.consultation,
        params={"phase": "voting"},
        created_at=utcnow_naive() - timedelta(days=40),
    )
    log_in(client, w.reader)
    (item,) = items_of(page_of(client.get("/notifications/")))
    assert "ago" not in text_of(item)
    assert re.search(r"<time datetime=\"\d{4}-\d\d-\d\dT[\d:]+Z\"", item)


def test_the_time_follows_the_readers_language(client, w):
    german = make_user(locale="de")
    notify(
        german,
        kinds.PHASE_STARTED,
        consultation=w.consultation,
        params={"phase": "voting"},
        created_at=utcnow_naive() - timedelta(hours=3),
    )
    db.session.commit()
    log_in(client, german)
    (item,) = items_of(page_of(client.get("/notifications/")))
    assert "vor 3 Stunden" in text_of(item)


def test_the_list_is_newest_first_with_thirty_per_page(client, w):
    now = utcnow_naive()
    rows = [
        notify(
            w.reader,
            kinds.PHASE_STARTED,
            consultation=w.consultation,
            params={"phase": "voting"},
            created_at=now - timedelta(minutes=number),
        )
        for number in range(35)
    ]
    log_in(client, w.reader)
    first_page = page_of(client.get("/notifications/"))
    ids = [int(i) for i in re.findall(r'id="notification-(\d+)"', first_page)]
    assert ids == [row.id for row in rows[:30]]
    assert "Page 1 of 2" in first_page
    second_page = page_of(client.get("/notifications/?page=2"))
    assert [int(i) for i in re.findall(r'id="notification-(\d+)"', second_page)] == [
        row.id for row in rows[30:]
    ]


def test_only_ones_own_notifications_are_listed(client, w):
    notify(w.author, kinds.PHASE_STARTED, consultation=w.consultation, params={"phase": "voting"})
    mine = notify(w.reader, kinds.NEW_PROPOSAL, proposal=w.proposal, actor=w.author)
    log_in(client, w.reader)
    page = page_of(client.get("/notifications/"))
    assert re.findall(r'id="notification-(\d+)"', page) == [str(mine.id)]


def test_an_empty_list_explains_and_links_settings_and_following(client):
    user = make_user(locale="en")
    db.session.commit()
    log_in(client, user)
    page = page_of(client.get("/notifications/"))
    assert "notification-list" not in page
    assert "Here you will find what concerns you" in page
    assert 'href="/notifications/settings"' in page
    assert 'href="/notifications/following"' in page
    assert "Mark all as read" not in page


def test_mark_all_is_offered_only_while_something_is_unread(client, w):
    notify(
        w.reader,
        kinds.PHASE_STARTED,
        consultation=w.consultation,
        params={"phase": "voting"},
        read_at=utcnow_naive(),
    )
    log_in(client, w.reader)
    page = page_of(client.get("/notifications/"))
    assert "Mark all as read" not in page
    assert "You have read all your notifications." in page


# --- open, read, read all ----------------------------------------------------------------------


def test_open_marks_read_and_leads_to_the_target(client, w):
    row = notify(
        w.reader, kinds.COMMENT_REPLY, proposal=w.proposal, contribution=w.comment, actor=w.author
    )
    log_in(client, w.reader)
    response = post_form(client, f"/notifications/{row.id}/open")
    assert response.status_code == 303
    assert response.headers["Location"] == (
        f"/consultations/{w.consultation.id}/proposals/{w.proposal.id}#comment-{w.comment.id}"
    )
    assert read_at(row.id) is not None


def test_open_twice_keeps_the_first_reading_time(client, w):
    earlier = utcnow_naive() - timedelta(days=2)
    row = notify(w.reader, kinds.NEW_PROPOSAL, proposal=w.proposal, read_at=earlier)
    log_in(client, w.reader)
    assert post_form(client, f"/notifications/{row.id}/open").status_code == 303
    assert read_at(row.id) == earlier


def test_read_marks_read_and_returns_to_the_list_page(client, w):
    row = notify(w.reader, kinds.NEW_PROPOSAL, proposal=w.proposal, actor=w.author)
    other = notify(w.reader, kinds.NEW_PROPOSAL, proposal=w.proposal, actor=w.author)
    log_in(client, w.reader)
    response = post_form(client, f"/notifications/{row.id}/read", {"page": "2"})
    assert response.status_code == 303
    assert response.headers["Location"] == "/notifications/?page=2"
    assert read_at(row.id) is not None
    assert read_at(other.id) is None


@pytest.mark.parametrize("action", ["open", "read"])
def test_someone_elses_notification_looks_like_a_missing_one(client, w, action):
    theirs = notify(w.author, kinds.NEW_PROPOSAL, proposal=w.proposal)
    log_in(client, w.reader)
    foreign = post_form(client, f"/notifications/{theirs.id}/{action}")
    missing = post_form(client, f"/notifications/{theirs.id + 1000}/{action}")
    assert foreign.status_code == missing.status_code == 404
    assert main_of(page_of(foreign)) == main_of(page_of(missing))
    assert read_at(theirs.id) is None


@pytest.mark.parametrize(
    "path", ["/notifications/{id}/open", "/notifications/{id}/read", "/notifications/read-all"]
)
def test_posting_without_the_csrf_token_is_refused(client, w, path):
    row = notify(w.reader, kinds.NEW_PROPOSAL, proposal=w.proposal)
    log_in(client, w.reader)
    response = client.post(path.format(id=row.id))
    assert response.status_code == 400
    assert read_at(row.id) is None


def test_read_all_touches_only_ones_own_rows(client, w):
    mine = one_of_each(w.reader, w)
    theirs = one_of_each(w.author, w)
    earlier = utcnow_naive() - timedelta(days=3)
    already = notify(w.reader, kinds.NEW_PROPOSAL, proposal=w.proposal, read_at=earlier)
    log_in(client, w.reader)
    response = post_form(client, "/notifications/read-all")
    assert response.status_code == 303
    assert response.headers["Location"] == "/notifications/"
    assert all(read_at(row.id) is not None for row in mine)
    assert all(read_at(row.id) is None for row in theirs)
    assert read_at(already.id) == earlier


def test_a_get_changes_nothing(client, w):
    row = notify(w.reader, kinds.NEW_PROPOSAL, proposal=w.proposal)
    log_in(client, w.reader)
    assert client.get(f"/notifications/{row.id}/open").status_code == 405
    assert client.get("/notifications/read-all").status_code == 405
    assert read_at(row.id) is None


# --- query budget ----------------------------------------------------------------------------


def statements_for_list(client, count_queries) -> int:
    with count_queries() as counter:
        response = client.get("/notifications/")
    assert response.status_code == 200
    return len(counter)


def test_the_list_runs_the_same_statements_for_6_and_60_notifications(client, w, count_queries):
    log_in(client, w.reader)
    one_of_each(w.reader, w)
    db.session.commit()
    few = statements_for_list(client, count_queries)
    for _ in range(9):
        one_of_each(w.reader, w)
    db.session.commit()
    assert db.session.query(Notification).filter_by(user_id=w.reader.id).count() == 60
    many = statements_for_list(client, count_queries)
    assert many == few
    assert few <= 20


# --- settings --------------------------------------------------------------------------------


def checked_value(page: str, name: str) -> str | None:
    match = re.search(
        rf'<input[^>]*checked[^>]*name="{name}"[^>]*value="([^"]+)"', page
    ) or re.search(rf'<input[^>]*name="{name}"[^>]*value="([^"]+)"[^>]*checked', page)
    return match[1] if match else None


def settings_data(**changes) -> dict:
    data = {code: kind.default for code, kind in kinds.KINDS.items() if not kind.staff_only}
    data.update(changes)
    return data


def test_settings_offer_every_kind_with_its_default(client):
    user = make_user(locale="en")
    db.session.commit()
    log_in(client, user)
    page = page_of(client.get("/notifications/settings"))
    for code, kind in kinds.KINDS.items():
        if kind.staff_only:
            continue
        with force_locale("en"):
            legend = html.escape(str(kind.label), quote=False)
        assert f'<legend class="fieldset__legend">{legend}</legend>' in page
        assert checked_value(page, code) == kind.default
    assert page.count('type="radio"') == 4 * (len(kinds.KINDS) - 1)
    assert "Work waiting for moderation" not in page
    assert "Notifications always appear here on Mitreden" in page
    address = f'<bdi dir="ltr">{user.email}</bdi>'
    assert f"E-mails go to your confirmed address {address}." in page


@pytest.mark.parametrize("role", ["moderator", "coordinator", "administrator"])
def test_staff_also_choose_how_to_hear_of_work_waiting_for_moderation(client, role):
    user = make_user_with_role(
        role, region=make_region() if role != "administrator" else None, locale="en"
    )
    db.session.commit()
    log_in(client, user)
    page = page_of(client.get("/notifications/settings"))
    assert "Work waiting for moderation" in page
    assert checked_value(page, kinds.MODERATION_WAITING) == kinds.DAILY


def test_saving_settings_stores_them_and_says_so(client):
    user = make_user(locale="en")
    db.session.commit()
    log_in(client, user)
    data = settings_data(comment_reply=kinds.WEEKLY, new_proposal=kinds.OFF)
    response = post_form(client, "/notifications/settings", data)
    assert response.status_code == 303
    assert response.headers["Location"] == "/notifications/settings"
    stored = dict(
        db.session.execute(
            select(NotificationSetting.kind, NotificationSetting.delivery).where(
                NotificationSetting.user_id == user.id
            )
        ).all()
    )
    assert stored["comment_reply"] == kinds.WEEKLY
    assert stored["new_proposal"] == kinds.OFF
    page = page_of(client.get("/notifications/settings"))
    assert "Your notification settings have been saved." in page
    assert checked_value(page, "comment_reply") == kinds.WEEKLY
    assert checked_value(page, "new_proposal") == kinds.OFF


def test_a_participant_cannot_set_a_staff_kind(client):
    user = make_user(locale="en")
    db.session.commit()
    log_in(client, user)
    data = settings_data(**{kinds.MODERATION_WAITING: kinds.IMMEDIATELY})
    assert post_form(client, "/notifications/settings", data).status_code == 303
    assert db.session.get(NotificationSetting, (user.id, kinds.MODERATION_WAITING)) is None


def test_a_bad_value_is_shown_at_its_field_and_the_choices_stay(client):
    user = make_user(locale="en")
    db.session.commit()
    log_in(client, user)
    data = settings_data(comment_reply="hourly", new_proposal=kinds.OFF)
    response = post_form(client, "/notifications/settings", data)
    assert response.status_code == 200
    page = page_of(response)
    error = re.search(r'<p class="field-error" id="comment_reply-error">(.*?)</p>', page, re.S)
    assert error and "Please choose how to be told from the list." in error[1]
    assert 'aria-describedby="comment_reply-hint comment_reply-error"' in page
    assert checked_value(page, "new_proposal") == kinds.OFF  # what was chosen stays
    assert db.session.scalar(select(NotificationSetting)) is None


def test_a_missing_choice_is_an_error_too(client):
    user = make_user(locale="en")
    db.session.commit()
    log_in(client, user)
    data = settings_data()
    del data["phase_started"]
    page = page_of(post_form(client, "/notifications/settings", data))
    assert 'id="phase_started-error"' in page
    assert db.session.scalar(select(NotificationSetting)) is None


def test_unconfirmed_addresses_are_told_that_no_mail_comes_and_offered_the_link_again(client):
    user = make_user(confirmed=False, locale="en")
    db.session.commit()
    log_in(client, user)
    page = page_of(client.get("/notifications/settings"))
    assert "is not confirmed yet, so you get no e-mails" in page
    assert 'action="/account/confirm/resend"' in page


def test_settings_without_csrf_token_are_refused(client):
    user = make_user(locale="en")
    db.session.commit()
    log_in(client, user)
    assert client.post("/notifications/settings", data=settings_data()).status_code == 400
    assert db.session.scalar(select(NotificationSetting)) is None


def test_the_account_page_links_settings_and_following(client):
    user = make_user(locale="en")
    db.session.commit()
    log_in(client, user)
    page = page_of(client.get("/account/"))
    assert 'href="/notifications/settings"' in page
    assert 'href="/notifications/following"' in page
