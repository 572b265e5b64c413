"""Delivery through a real SMTP server (aiosmtpd on loopback), refusals, a server that is down."""

from datetime import timedelta

import pytest

from app.extensions import db
from app.notifications.models import OutboxMessage, OutboxStatus
from app.notifications.outbox import DeliveryReport, deliver_due, queue_mail
from tests.conftest import post_form
from tests.notifications.smtp_inbox import free_port, smtp_server

UNSUBSCRIBE = "<http://127.0.0.1/notifications/unsubscribe/abc.def>"


@pytest.fixture
def smtp(app):
    """A running SMTP server the app is configured to use, without TLS or login."""
    with smtp_server() as (port, inbox):
        app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port, MAIL_USE_TLS=False)
        try:
            yield inbox
        finally:
            app.config.update(MAIL_SERVER=None, MAIL_PORT=587, MAIL_USE_TLS=True)


def only_row() -> OutboxMessage:
    db.session.expire_all()
    (row,) = db.session.scalars(db.select(OutboxMessage)).all()
    return row


def test_a_mail_reaches_the_smtp_server_with_envelope_headers_and_both_parts(app, smtp):
    row = queue_mail(
        "leyla@example.org",
        "Neue Antwort auf Ihren Kommentar – äöü",
        "Hallo Leyla,\nes gibt eine Antwort.",
        "<p>Hallo Leyla,</p><p>es gibt eine <a href='http://127.0.0.1/x'>Antwort</a>.</p>",
        headers={
            "List-Unsubscribe": UNSUBSCRIBE,
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    db.session.commit()
    assert smtp.received == []  # queued, not sent

    assert deliver_due() == DeliveryReport(sent=1)

    ((mail_from, recipients, message),) = smtp.received
    assert mail_from == "noreply@mitreden.example"
    assert recipients == ["leyla@example.org"]
    assert message["To"] == "leyla@example.org"
    assert message["Subject"] == "Neue Antwort auf Ihren Kommentar – äöü"
    assert message["Message-ID"] == row.message_id
    assert message["Date"]
    assert message["List-Unsubscribe"] == UNSUBSCRIBE
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.get_content_type() == "multipart/alternative"
    plain = message.get_body(preferencelist=("plain",)).get_content().replace("\r\n", "\n")
    html = message.get_body(preferencelist=("html",)).get_content()
    assert plain.strip() == "Hallo Leyla,\nes gibt eine Antwort."
    assert "<a href='http://127.0.0.1/x'>Antwort</a>" in html
    assert only_row().status == OutboxStatus.SENT

    assert deliver_due() == DeliveryReport()
    assert len(smtp.received) == 1


def test_a_refusing_server_leads_to_a_retry_not_a_loss(app, smtp, time_machine):
    smtp.refuse_with = "451 4.3.0 Mailbox temporarily unavailable"
    row = queue_mail("kaan@example.org", "Betreff", "Text")
    db.session.commit()
    queued_at = row.next_attempt_at

    assert deliver_due(queued_at) == DeliveryReport(retried=1)
    assert smtp.refused == 1 and smtp.received == []
    row = only_row()
    assert (row.status, row.attempts) == (OutboxStatus.QUEUED, 1)
    assert "451" in row.last_error
    assert row.next_attempt_at == queued_at + timedelta(minutes=1)

    smtp.refuse_with = None  # the server recovers
    assert deliver_due(queued_at + timedelta(seconds=30)) == DeliveryReport()  # still waiting
    assert deliver_due(queued_at + timedelta(minutes=1)) == DeliveryReport(sent=1)
    ((_from, recipients, message),) = smtp.received
    assert recipients == ["kaan@example.org"]
    assert message["Message-ID"] == row.message_id
    assert only_row().status == OutboxStatus.SENT


def test_a_permanent_refusal_is_given_up_at_once(app, smtp):
    smtp.refuse_with = "550 5.1.1 No such mailbox"
    queue_mail("nobody@example.org", "Betreff", "Text")
    db.session.commit()

    assert deliver_due() == DeliveryReport(failed=1)
    row = only_row()
    assert (row.status, row.attempts) == (OutboxStatus.FAILED, 1)
    assert "550" in row.last_error


def test_a_request_returns_before_any_delivery(app, client, smtp):
    response = post_form(
        client,
        "/account/register",
        {
            "email": "selin@example.org",
            "display_name": "Selin",
            "password": "sonnenblume am main 2026",
            "locale": "en",
            "accept_privacy": "y",
        },
    )
    assert response.status_code == 200
    assert smtp.received == []
    assert only_row().status == OutboxStatus.QUEUED
    assert deliver_due() == DeliveryReport(sent=1)
    ((_from, recipients, message),) = smtp.received
    assert recipients == ["selin@example.org"]
    assert message["Subject"] == "Please confirm your e-mail address"


def test_a_broken_mail_server_never_fails_a_web_request(app, client):
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=free_port(), MAIL_USE_TLS=False)
    try:
        response = post_form(
            client,
            "/account/register",
            {
                "email": "jonas@example.org",
                "display_name": "Jonas",
                "password": "sonnenblume am main 2026",
                "locale": "de",
                "accept_privacy": "y",
            },
        )
        assert response.status_code == 200
        assert "jonas@example.org" in response.get_data(as_text=True)
        row = only_row()
        assert (row.to_address, row.status, row.attempts) == (
            "jonas@example.org",
            OutboxStatus.QUEUED,
            0,
        )
        # The sender meets the closed port and schedules a retry.
        assert deliver_due() == DeliveryReport(retried=1)
        row = only_row()
        assert (row.status, row.attempts) == (OutboxStatus.QUEUED, 1)
        assert row.last_error.startswith("ConnectionRefusedError")
    finally:
        app.config.update(MAIL_SERVER=None, MAIL_PORT=587, MAIL_USE_TLS=True)
