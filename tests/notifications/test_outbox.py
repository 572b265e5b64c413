"""The mail outbox: queued with the change that caused it, sent once, retried with backoff."""

import email
import threading
from datetime import UTC, datetime, timedelta
from email import policy
from pathlib import Path

import pytest
from flask import current_app

from app.accounts import services as account_services
from app.core import mail as transport
from app.extensions import db
from app.notifications import outbox
from app.notifications.models import OutboxMessage, OutboxStatus
from app.notifications.outbox import deliver_due, purge_sent, queue_mail
from tests.conftest import post_form

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
T0_NAIVE = T0.replace(tzinfo=None)

REGISTRATION = {
    "email": "amira@example.org",
    "display_name": "Amira",
    "password": "sonnenblume am main 2026",
    "locale": "en",
    "accept_privacy": "y",
}


def rows() -> list[OutboxMessage]:
    db.session.expire_all()
    return db.session.scalars(db.select(OutboxMessage).order_by(OutboxMessage.id)).all()


def eml_files(app) -> list[Path]:
    directory = Path(app.config["MAIL_FILE_DIR"])
    return sorted(directory.glob("*.eml")) if directory.exists() else []


@pytest.fixture
def at_t0(time_machine):
    """Queued at T0; the tests then pass later moments to deliver_due explicitly."""
    time_machine.move_to(T0, tick=False)


@pytest.fixture
def failing_transport(monkeypatch):
    """The mail server is down: every attempt raises; the attempts are counted."""
    attempts = []

    def refuse(message):
        attempts.append(message["Message-ID"])
        raise ConnectionRefusedError(111, "Connection refused")

    monkeypatch.setattr(outbox, "transmit", refuse)
    return attempts


def test_registration_queues_the_mail_and_the_request_delivers_nothing(app, client, mailbox):
    response = post_form(client, "/account/register", REGISTRATION)
    assert response.status_code == 200
    (row,) = rows()
    assert row.to_address == "amira@example.org"
    assert row.subject == "Please confirm your e-mail address"
    assert row.status == OutboxStatus.QUEUED
    assert row.attempts == 0
    assert row.user_id is not None
    assert "/account/confirm/" in row.text_body
    assert row.html_body and "<" in row.html_body
    assert eml_files(app) == []  # the request wrote no mail

    (message,) = mailbox.to("amira@example.org")  # the mailbox delivers, as the sender would
    assert message["Message-ID"] == row.message_id
    (row,) = rows()
    assert row.status == OutboxStatus.SENT
    assert row.sent_at is not None
    assert (row.claim_token, row.claimed_until) == (None, None)


def register(email_address: str) -> None:
    with current_app.test_request_context():
        account_services.register(email_address, "Name", "sonnenblume am main 2026", "de")


def test_a_rolled_back_change_leaves_no_mail_and_a_committed_one_keeps_it(app):
    register("weg@example.org")
    assert [row.to_address for row in rows()] == ["weg@example.org"]
    db.session.rollback()
    assert rows() == []
    assert deliver_due().sent == 0
    assert eml_files(app) == []

    register("bleibt@example.org")
    db.session.commit()
    assert [row.to_address for row in rows()] == ["bleibt@example.org"]


def test_queue_mail_fixes_the_message_id_and_keeps_extra_headers(app):
    first = queue_mail(
        "a@example.org",
        "Betreff äöü",
        "Text",
        "<p>Text</p>",
        headers={"List-Unsubscribe": "<http://127.0.0.1/notifications/unsubscribe/x>"},
    )
    second = queue_mail("a@example.org", "Betreff", "Text")
    assert first.id and second.id
    assert first.message_id != second.message_id
    assert first.message_id.startswith("<") and first.message_id.endswith("@mitreden.example>")
    assert first.headers == {"List-Unsubscribe": "<http://127.0.0.1/notifications/unsubscribe/x>"}
    assert second.headers == {} and second.html_body is None


def test_delivery_marks_sent_once_and_sends_nothing_twice(app, mailbox):
    row = queue_mail(
        "b@example.org",
        "Hallo",
        "Nur Text",
        "<p>Mit <b>HTML</b></p>",
        headers={"List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    )
    db.session.commit()
    assert deliver_due() == outbox.DeliveryReport(sent=1)
    assert deliver_due() == outbox.DeliveryReport()
    (path,) = eml_files(app)
    (message,) = mailbox.messages()
    assert message["Message-ID"] == row.message_id
    assert message["To"] == "b@example.org"
    assert message["From"] == app.config["MAIL_SENDER"]
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.get_body(preferencelist=("plain",)).get_content().strip() == "Nur Text"
    assert "<b>HTML</b>" in message.get_body(preferencelist=("html",)).get_content()
    assert eml_files(app) == [path]


def test_a_failing_transport_retries_with_backoff_and_then_gives_up(
    app, failing_transport, time_machine
):
    time_machine.move_to(T0, tick=False)
    row = queue_mail("c@example.org", "Hallo", "Text")
    db.session.commit()

    waits = [timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30)]
    waits += [timedelta(hours=2), timedelta(hours=12)]
    moment = T0
    for attempt, wait in enumerate(waits, start=1):
        assert deliver_due() == outbox.DeliveryReport(retried=1)
        (row,) = rows()
        assert (row.status, row.attempts) == (OutboxStatus.QUEUED, attempt)
        assert row.next_attempt_at == (moment + wait).replace(tzinfo=None)
        assert row.last_error.startswith("ConnectionRefusedError")
        assert row.claim_token is None
        # Not due a moment before the wait is over.
        time_machine.move_to(moment + wait - timedelta(seconds=1), tick=False)
        assert deliver_due() == outbox.DeliveryReport()
        moment += wait
        time_machine.move_to(moment, tick=False)

    assert deliver_due() == outbox.DeliveryReport(failed=1)  # the sixth attempt is the last
    (row,) = rows()
    assert (row.status, row.attempts) == (OutboxStatus.FAILED, 6)
    time_machine.move_to(moment + timedelta(days=30), tick=False)
    assert deliver_due() == outbox.DeliveryReport()
    assert len(failing_transport) == 6
    assert set(failing_transport) == {row.message_id}  # every attempt with the same id


def test_a_mail_that_failed_once_is_sent_on_the_retry_exactly_once(
    app, monkeypatch, mailbox, at_t0
):
    calls = []

    def flaky(message):
        calls.append(message["Message-ID"])
        if len(calls) == 1:
            raise TimeoutError("timed out")
        transport.transmit(message)

    monkeypatch.setattr(outbox, "transmit", flaky)
    row = queue_mail("d@example.org", "Hallo", "Text")
    db.session.commit()
    assert deliver_due(T0_NAIVE) == outbox.DeliveryReport(retried=1)
    assert deliver_due(T0_NAIVE + timedelta(seconds=59)) == outbox.DeliveryReport()
    assert deliver_due(T0_NAIVE + timedelta(minutes=1)) == outbox.DeliveryReport(sent=1)
    assert deliver_due(T0_NAIVE + timedelta(days=1)) == outbox.DeliveryReport()
    assert calls == [row.message_id, row.message_id]
    (row,) = rows()
    assert (row.status, row.attempts, row.last_error) == (OutboxStatus.SENT, 1, "")
    assert len(mailbox.to("d@example.org")) == 1


def test_the_recorded_error_is_short_and_hides_the_credentials(app, monkeypatch):
    app.config.update(MAIL_USERNAME="mitreden-relay", MAIL_PASSWORD="s3cr3t-pass")
    try:

        def refuse(message):
            raise RuntimeError("535 auth failed for mitreden-relay with s3cr3t-pass " + "x" * 500)

        monkeypatch.setattr(outbox, "transmit", refuse)
        queue_mail("e@example.org", "Hallo", "Text")
        db.session.commit()
        assert deliver_due().retried == 1
    finally:
        app.config.update(MAIL_USERNAME=None, MAIL_PASSWORD=None)
    (row,) = rows()
    assert "s3cr3t-pass" not in row.last_error and "mitreden-relay" not in row.last_error
    assert row.last_error.startswith("RuntimeError: 535 auth failed for *** with ***")
    assert len(row.last_error) <= outbox.ERROR_MAX


def test_a_claim_held_by_another_sender_is_respected_until_it_expires(app, at_t0):
    row = queue_mail("f@example.org", "Hallo", "Text")
    row.claim_token = "a" * 32
    row.claimed_until = T0_NAIVE + timedelta(seconds=300)
    db.session.commit()
    assert deliver_due(T0_NAIVE) == outbox.DeliveryReport()
    assert deliver_due(T0_NAIVE + timedelta(seconds=299)) == outbox.DeliveryReport()
    # That sender died: after the expiry another one takes the mail over.
    assert deliver_due(T0_NAIVE + timedelta(seconds=301)) == outbox.DeliveryReport(sent=1)
    assert len(eml_files(app)) == 1


def test_a_sender_whose_claim_was_taken_over_does_not_overwrite_the_outcome(
    app, monkeypatch, at_t0
):
    """A slow sender's late failure must not put back a mail another sender has sent."""
    queue_mail("g@example.org", "Hallo", "Text")
    db.session.commit()

    def slow_then_fail(message):
        # While this sender waits, its claim expired and another sender delivered the mail.
        db.session.execute(
            db.update(OutboxMessage).values(
                status=OutboxStatus.SENT, claim_token=None, claimed_until=None
            )
        )
        db.session.commit()
        raise TimeoutError("timed out")

    monkeypatch.setattr(outbox, "transmit", slow_then_fail)
    deliver_due(T0_NAIVE)
    (row,) = rows()
    assert (row.status, row.attempts, row.last_error) == (OutboxStatus.SENT, 0, "")


def test_limit_bounds_one_delivery_run(app):
    for number in range(5):
        queue_mail(f"h{number}@example.org", "Hallo", "Text")
    db.session.commit()
    assert deliver_due(limit=3).sent == 3
    assert deliver_due(limit=3).sent == 2
    assert len(eml_files(app)) == 5


def test_purge_deletes_sent_and_given_up_mail_older_than_the_keeping_period(app):
    old_sent = queue_mail("old@example.org", "Alt", "Text")
    recent_sent = queue_mail("recent@example.org", "Neu", "Text")
    old_failed = queue_mail("failed@example.org", "Kaputt", "Text")
    recent_failed = queue_mail("failed-lately@example.org", "Kaputt", "Text")
    queued = queue_mail("queued@example.org", "Wartet", "Text")
    old_sent.status = recent_sent.status = OutboxStatus.SENT
    old_sent.sent_at = T0_NAIVE - timedelta(days=7, seconds=1)
    recent_sent.sent_at = T0_NAIVE - timedelta(days=6, hours=23)
    old_failed.status = recent_failed.status = OutboxStatus.FAILED
    old_failed.next_attempt_at = T0_NAIVE - timedelta(days=7, seconds=1)
    recent_failed.next_attempt_at = T0_NAIVE - timedelta(days=6)
    # A mail still waiting is kept however old: it has not been delivered yet.
    queued.created_at = queued.next_attempt_at = T0_NAIVE - timedelta(days=30)
    db.session.commit()
    assert purge_sent(T0_NAIVE) == 2
    db.session.commit()
    assert [row.to_address for row in rows()] == [
        "recent@example.org",
        "failed-lately@example.org",
        "queued@example.org",
    ]


def test_two_concurrent_senders_deliver_each_of_200_mails_exactly_once(app, monkeypatch):
    queued = {
        queue_mail(f"p{n}@example.org", f"Mail {n}", f"Text {n}").message_id for n in range(200)
    }
    db.session.commit()

    def slow_transmit(message):  # gives the other sender a chance at every step
        threading.Event().wait(0.002)
        transport.transmit(message)

    monkeypatch.setattr(outbox, "transmit", slow_transmit)
    start = threading.Barrier(2)
    reports, errors = [], []

    def sender():
        try:
            with app.app_context():
                start.wait()
                reports.append(deliver_due(limit=1000))
                db.session.remove()
        except Exception as error:  # reported below; a thread's exception is otherwise lost
            errors.append(error)

    threads = [threading.Thread(target=sender) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert min(report.sent for report in reports) > 0  # both senders took part
    assert sum(report.sent for report in reports) == 200
    assert sum(report.failed + report.retried for report in reports) == 0

    delivered = [
        email.message_from_bytes(path.read_bytes(), policy=policy.default)["Message-ID"]
        for path in eml_files(app)
    ]
    assert len(delivered) == 200
    assert set(delivered) == queued
    assert {row.status for row in rows()} == {OutboxStatus.SENT}
