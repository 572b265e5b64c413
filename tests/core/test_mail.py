"""Outgoing mail: files in development, a real SMTP conversation in production settings."""

import email
import socket
from email import policy

import pytest
from aiosmtpd.controller import Controller

from app.notifications.outbox import deliver_due, queue_mail


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(
            (envelope.rcpt_tos, email.message_from_bytes(envelope.content, policy=policy.default))
        )
        return "250 OK"


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    with socket.socket() as probe:  # a free port on loopback
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield controller, inbox
    controller.stop()


def test_mail_goes_to_a_real_smtp_server_when_configured(app, smtp_server):
    controller, inbox = smtp_server
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=controller.port, MAIL_USE_TLS=False)
    try:
        queue_mail("leyla@example.org", "Betreff äöü", "Hallo Leyla", "<p>Hallo Leyla</p>")
        assert deliver_due().sent == 1
    finally:
        app.config.update(MAIL_SERVER=None)
    ((recipients, message),) = inbox.messages
    assert recipients == ["leyla@example.org"]
    assert message["Subject"] == "Betreff äöü"
    assert message.get_body(preferencelist=("plain",)).get_content().strip() == "Hallo Leyla"
    assert message.get_body(preferencelist=("html",)) is not None


def test_mail_is_written_as_a_file_without_smtp(app, mailbox):
    queue_mail("leyla@example.org", "Betreff", "Link: http://127.0.0.1/account/confirm/abc")
    (message,) = mailbox.to("leyla@example.org")
    assert mailbox.last_link("leyla@example.org", "/confirm/") == "/account/confirm/abc"
    assert message["From"]
