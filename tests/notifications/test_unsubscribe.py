"""One-click unsubscribe: signed links, a page that changes nothing, a POST without login or
CSRF token, and the summary's link stopping every kind in it."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.core.clock import utcnow_naive
from app.extensions import db
from app.notifications import kinds
from app.notifications.mailing import queue_notification_mails
from app.notifications.models import NotificationSetting
from app.notifications.settings import deliveries_for, delivery_for, set_delivery
from app.notifications.unsubscribe import (
    UnsubscribeTokenError,
    make_token,
    read_token,
    unsubscribe,
)
from tests.factories import make_user
from tests.notifications.mail_builders import new_proposal, outbox_for, report_outcome
from tests.participation_builders import consultation, proposal


def settings_rows(user) -> list[tuple[str, str]]:
    db.session.expire_all()
    return list(
        db.session.execute(
            select(NotificationSetting.kind, NotificationSetting.delivery)
            .where(NotificationSetting.user_id == user.id)
            .order_by(NotificationSetting.kind)
        ).tuples()
    )


def url(token: str) -> str:
    return f"/notifications/unsubscribe/{token}"


# --- tokens ------------------------------------------------------------------------------------


def test_a_token_carries_the_user_and_the_kinds():
    user = make_user()
    token = make_token(user, [kinds.REPORT_OUTCOME, kinds.COMMENT_REPLY])
    reader, chosen = read_token(token)
    assert reader.id == user.id
    assert chosen == [kinds.COMMENT_REPLY, kinds.REPORT_OUTCOME]  # catalogue order


def test_a_token_needs_known_kinds():
    user = make_user()
    with pytest.raises(ValueError):
        make_token(user, ["no_such_kind"])
    with pytest.raises(ValueError):
        make_token(user, [])


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        lambda token: "x" + token[1:],
        lambda token: token.split(".")[0],
        lambda token: "not-a-token",
    ],
)
def test_a_tampered_token_is_refused(tamper):
    user = make_user()
    with pytest.raises(UnsubscribeTokenError):
        read_token(tamper(make_token(user, [kinds.COMMENT_REPLY])))


def test_a_token_signed_for_something_else_is_refused(app):
    from itsdangerous import URLSafeSerializer

    user = make_user()
    other_purpose = URLSafeSerializer(app.config["SECRET_KEY"], salt="mitreden-confirm-email")
    with pytest.raises(UnsubscribeTokenError):
        read_token(other_purpose.dumps({"uid": user.id, "kinds": [kinds.COMMENT_REPLY]}))


def test_unsubscribe_sets_each_kind_off_and_leaves_the_others():
    user = make_user()
    set_delivery(user.id, kinds.NEW_PROPOSAL, kinds.DAILY)
    before = deliveries_for(user.id)
    unsubscribe(user, [kinds.COMMENT_REPLY, kinds.NEW_PROPOSAL])
    after = deliveries_for(user.id)
    assert after[kinds.COMMENT_REPLY] == after[kinds.NEW_PROPOSAL] == kinds.OFF
    changed = {code for code in after if after[code] != before[code]}
    assert changed == {kinds.COMMENT_REPLY, kinds.NEW_PROPOSAL}


# --- the page ----------------------------------------------------------------------------------


def test_the_page_names_the_mails_that_stop_and_changes_nothing(client):
    user = make_user(locale="en")
    token = make_token(user, [kinds.COMMENT_REPLY, kinds.PHASE_STARTED])
    db.session.commit()

    response = client.get(url(token), headers={"Accept-Language": "en"})

    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Replies to my comments" in page
    assert "New phases" in page
    assert "Outcome of my reports" not in page
    assert re.search(r'<form method="post"[^>]*>\s*<button type="submit"', page)
    assert 'href="/notifications/settings"' in page
    assert settings_rows(user) == []
    assert delivery_for(user.id, kinds.COMMENT_REPLY) == kinds.IMMEDIATELY


def test_post_without_login_and_without_csrf_token_unsubscribes(client):
    user = make_user()
    token = make_token(user, [kinds.COMMENT_REPLY])
    db.session.commit()

    response = client.post(url(token), headers={"Accept-Language": "en"})

    assert response.status_code == 200
    assert "You will no longer receive e-mails about" in response.get_data(as_text=True)
    assert settings_rows(user) == [(kinds.COMMENT_REPLY, kinds.OFF)]


def test_the_one_click_post_of_a_mail_program_is_idempotent(client):
    user = make_user()
    token = make_token(user, [kinds.PROPOSAL_UPDATE, kinds.PHASE_STARTED])
    db.session.commit()

    for _ in range(2):
        response = client.post(
            url(token),
            data="List-Unsubscribe=One-Click",
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code == 200

    assert settings_rows(user) == [
        (kinds.PHASE_STARTED, kinds.OFF),
        (kinds.PROPOSAL_UPDATE, kinds.OFF),
    ]


def test_the_link_works_whoever_is_logged_in_and_changes_only_the_tokens_user(client, login_as):
    someone_else = login_as("participant")
    user = make_user()
    token = make_token(user, [kinds.COMMENT_REPLY])
    db.session.commit()

    assert client.post(url(token)).status_code == 200

    assert settings_rows(user) == [(kinds.COMMENT_REPLY, kinds.OFF)]
    assert settings_rows(someone_else) == []


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_tampered_link_answers_404_with_a_way_to_the_settings(client, method):
    user = make_user()
    token = make_token(user, [kinds.COMMENT_REPLY])
    db.session.commit()
    payload, signature = token.rsplit(".", 1)
    forged = make_token(make_user(), [kinds.COMMENT_REPLY]).rsplit(".", 1)[0] + "." + signature
    db.session.commit()

    for bad in (payload + ".AAAA", forged):
        response = getattr(client, method)(url(bad), headers={"Accept-Language": "en"})
        assert response.status_code == 404
        page = response.get_data(as_text=True)
        assert "This unsubscribe link is not valid" in page
        assert 'href="/notifications/settings"' in page

    assert db.session.scalar(select(db.func.count()).select_from(NotificationSetting)) == 0


def test_the_link_of_a_deleted_account_answers_404(client):
    user = make_user()
    token = make_token(user, [kinds.COMMENT_REPLY])
    db.session.delete(user)
    db.session.commit()

    assert client.post(url(token)).status_code == 404


def test_the_page_is_translated(client):
    user = make_user()
    token = make_token(user, [kinds.COMMENT_REPLY])
    db.session.commit()

    page = client.get(url(token), headers={"Accept-Language": "ar"}).get_data(as_text=True)

    assert '<html lang="ar" dir="rtl"' in page


# --- from the mail -----------------------------------------------------------------------------


def test_the_summarys_link_stops_all_its_kinds(client):
    user = make_user()  # new proposals weekly, report outcomes daily by default
    set_delivery(user.id, kinds.NEW_PROPOSAL, kinds.DAILY)
    yesterday = utcnow_naive() - timedelta(days=2)
    new_proposal(user, proposal(consultation(), make_user()), created_at=yesterday)
    report_outcome(user, created_at=yesterday)
    db.session.commit()
    queue_notification_mails(utcnow_naive())
    (digest,) = outbox_for(user)
    link = re.fullmatch(r"<http://127\.0\.0\.1(/[^>]+)>", digest.headers["List-Unsubscribe"])
    assert link, digest.headers
    assert f"http://127.0.0.1{link.group(1)}" in digest.text_body  # the "stop this summary" link

    response = client.post(link.group(1), data={"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert settings_rows(user) == [
        (kinds.NEW_PROPOSAL, kinds.OFF),
        (kinds.REPORT_OUTCOME, kinds.OFF),
    ]
    assert delivery_for(user.id, kinds.COMMENT_REPLY) == kinds.IMMEDIATELY
