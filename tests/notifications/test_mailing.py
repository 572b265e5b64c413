"""Notification mails one at a time: who gets one, in which language, with which links and
headers."""

import re
from datetime import timedelta

import pytest
from flask_babel import force_locale

from app.core.clock import utcnow_naive
from app.extensions import db
from app.notifications import kinds
from app.notifications.kinds import DELIVERY_NAMES
from app.notifications.mailing import queue_notification_mails
from app.notifications.models import Notification, OutboxMessage
from app.notifications.outbox import deliver_due
from app.notifications.settings import set_delivery
from app.notifications.unsubscribe import read_token
from app.organisations.models import OrganisationStatus, VerificationDecision
from tests.factories import make_region, make_user
from tests.notifications import words
from tests.notifications.mail_builders import (
    new_proposal,
    notification,
    outbox_for,
    pending,
    phase_started,
    report_outcome,
)
from tests.organisation_builders import organisation
from tests.participation_builders import consultation, proposal

# The test configuration's PUBLIC_URL.
BASE = "http://127.0.0.1"


def run(now=None) -> int:
    return queue_notification_mails(now or utcnow_naive())


def test_an_immediate_kind_is_mailed_once_per_notification_and_marked_handled():
    user = make_user(email="amira@example.org")
    first, second = consultation(), consultation()
    phase_started(user, first, "voting")
    phase_started(user, second, "discussion")
    db.session.commit()

    assert run() == 2

    mails = outbox_for(user)
    assert [mail.to_address for mail in mails] == ["amira@example.org"] * 2
    assert pending(user) == []
    # A second run finds nothing left to mail.
    assert run() == 0
    assert len(outbox_for(user)) == 2


def test_delivery_off_marks_handled_without_mail():
    user = make_user()
    set_delivery(user.id, kinds.PHASE_STARTED, kinds.OFF)
    phase_started(user, consultation())
    db.session.commit()

    assert run() == 0

    assert outbox_for(user) == []
    assert pending(user) == []


def test_an_unconfirmed_address_gets_no_mail_but_the_notification_is_handled():
    user = make_user(confirmed=False)
    phase_started(user, consultation())
    report_outcome(user, created_at=utcnow_naive() - timedelta(days=3))  # a due summary item
    db.session.commit()

    assert run() == 0

    assert outbox_for(user) == []
    assert pending(user) == []
    # Confirming later does not mail the old notifications.
    user.confirmed_at = utcnow_naive()
    db.session.commit()
    assert run() == 0


def test_summary_kinds_are_not_mailed_one_by_one():
    user = make_user()
    c = consultation()
    new_proposal(user, proposal(c, make_user()))  # weekly by default
    report_outcome(user)  # daily by default, created after the latest cut-off
    phase_started(user, c)  # immediately
    db.session.commit()

    run()

    mails = outbox_for(user)
    assert len(mails) == 1
    assert {n.kind for n in pending(user)} == {kinds.NEW_PROPOSAL, kinds.REPORT_OUTCOME}


def test_the_setting_at_mailing_time_counts():
    user = make_user()
    phase_started(user, consultation())
    db.session.commit()
    set_delivery(user.id, kinds.PHASE_STARTED, kinds.WEEKLY)
    db.session.commit()

    run()

    assert outbox_for(user) == []
    assert len(pending(user)) == 1


@pytest.mark.parametrize(
    ("locale", "greeting", "subject", "direction"),
    [
        ("de", "Guten Tag", "„Sprachkurse in Kassel“ ist jetzt in der Phase: Abstimmung.", "ltr"),
        (
            "tr",
            "Merhaba",
            "“Sprachkurse in Kassel” katılım sürecinin güncel aşaması: Oylama.",
            "ltr",
        ),
        ("ar", "مرحبًا", "أصبح «Sprachkurse in Kassel» الآن في مرحلة: التصويت.", "rtl"),
    ],
)
def test_the_mail_is_in_the_recipients_language(app, locale, greeting, subject, direction):
    user = make_user(locale=locale, display_name="Leyla")
    phase_started(user, consultation(title={"de": "Sprachkurse in Kassel"}), "voting")
    db.session.commit()

    run()

    (mail,) = outbox_for(user)
    assert words(mail.subject) == subject
    assert mail.text_body.startswith(f"{greeting} Leyla")
    assert subject in words(mail.text_body)
    assert f'<html lang="{locale}" dir="{direction}">' in mail.html_body
    assert greeting in mail.html_body


def test_an_unsupported_locale_falls_back_to_german():
    user = make_user(locale="xx", display_name="Jan")
    phase_started(user, consultation(), "voting")
    db.session.commit()

    run()

    (mail,) = outbox_for(user)
    assert mail.text_body.startswith("Guten Tag Jan")
    assert '<html lang="de" dir="ltr">' in mail.html_body


def test_the_mail_has_text_and_html_with_absolute_links_and_unsubscribe_headers(app, mailbox):
    user = make_user(email="jonas@example.org")
    c = consultation()
    phase_started(user, c, "voting")
    db.session.commit()

    run()
    assert deliver_due().sent == 1

    (message,) = mailbox.to("jonas@example.org")
    assert message.get_content_type() == "multipart/alternative"
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    target = f"{BASE}/consultations/{c.id}"
    assert target in text
    assert f'href="{target}"' in html
    assert f"{BASE}/notifications/settings" in text
    assert f'href="{BASE}/notifications/settings"' in html
    # Why it was sent, in the recipient's language.
    with app.test_request_context(), force_locale("de"):
        why = str(DELIVERY_NAMES[kinds.IMMEDIATELY])
    assert why in text and why in html

    header = message["List-Unsubscribe"]
    match = re.fullmatch(rf"<{re.escape(BASE)}/notifications/unsubscribe/([^>]+)>", header)
    assert match, header
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["Auto-Submitted"] == "auto-generated"
    assert f"{BASE}/notifications/unsubscribe/{match.group(1)}" in text
    assert f'href="{BASE}/notifications/unsubscribe/{match.group(1)}"' in html
    reader, unsubscribe_kinds = read_token(match.group(1))
    assert reader.id == user.id
    assert unsubscribe_kinds == [kinds.PHASE_STARTED]


def test_a_reason_is_shown_under_the_text():
    coordinator = make_user()
    user = make_user()
    org = organisation(make_region(), status=OrganisationStatus.DECLINED, admins=[user])
    review = VerificationDecision(
        organisation=org, decided_by_id=coordinator.id, action="decline", reason="Kein Impressum."
    )
    db.session.add(review)
    db.session.flush()
    notification(
        user,
        kinds.ORGANISATION_REVIEW,
        organisation_id=org.id,
        params={"action": "decline", "review_id": review.id},
    )
    db.session.commit()

    run()

    (mail,) = outbox_for(user)
    assert "Kein Impressum." in mail.text_body
    assert "Kein Impressum." in mail.html_body
    assert f"{BASE}/organisations/{org.id}" in mail.text_body


def test_user_text_is_escaped_in_html():
    user = make_user()
    c = consultation(title={"de": "<b>Fett</b> & mehr"})
    phase_started(user, c)
    db.session.commit()

    run()

    (mail,) = outbox_for(user)  # in German, the default language
    assert "&lt;b&gt;Fett&lt;/b&gt; &amp; mehr" in mail.html_body
    assert "<b>Fett</b>" not in mail.html_body
    assert "„<b>Fett</b> & mehr“" in words(mail.text_body)  # plain text stays plain


def test_a_subject_stays_one_line():
    user = make_user(display_name="Zeile")
    c = consultation(title={"de": "Erste Zeile\nzweite Zeile " + "lang " * 60})
    phase_started(user, c)
    db.session.commit()

    run()

    (mail,) = outbox_for(user)
    assert "\n" not in mail.subject
    assert len(mail.subject) <= 150
    assert mail.subject.endswith("…")


def test_a_notification_of_an_unknown_kind_is_set_aside_without_mail():
    user = make_user()
    db.session.add(Notification(user_id=user.id, kind="retired_kind", params={}))
    db.session.commit()

    assert run() == 0
    assert pending(user) == []


def test_only_the_recipients_own_notifications_are_in_their_mail():
    alice, bob = make_user(email="alice@example.org"), make_user(email="bob@example.org")
    phase_started(alice, consultation(title={"de": "Für Alice"}))
    phase_started(bob, consultation(title={"de": "Für Bob"}))
    db.session.commit()

    run()

    (to_alice,) = outbox_for(alice)
    (to_bob,) = outbox_for(bob)
    assert "Für Alice" in to_alice.text_body and "Für Bob" not in to_alice.text_body
    assert to_bob.to_address == "bob@example.org" and "Für Bob" in to_bob.text_body
    assert db.session.query(OutboxMessage).count() == 2
