"""A real SMTP server for tests: aiosmtpd on 127.0.0.1 at a free port, collecting what it gets."""

import asyncio
import email
import socket
import threading
from contextlib import contextmanager
from email import policy

from aiosmtpd.controller import Controller


class Inbox:
    """Accepts every message, or answers `refuse_with` (e.g. "451 ...") while that is set."""

    def __init__(self, delay_seconds: float = 0.0):
        self.received = []  # (mail_from, rcpt_tos, parsed message)
        self.refused = 0
        self.refuse_with: str | None = None
        self.delay_seconds = delay_seconds
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        if self.delay_seconds:
            await asyncio.sleep(self.delay_seconds)
        with self._lock:
            if self.refuse_with:
                self.refused += 1
                return self.refuse_with
            message = email.message_from_bytes(envelope.content, policy=policy.default)
            self.received.append((envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 OK"

    @property
    def messages(self):
        return [message for _from, _to, message in self.received]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def smtp_server(delay_seconds: float = 0.0):
    """Yields (port, inbox) while a local SMTP server runs."""
    inbox = Inbox(delay_seconds)
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield controller.port, inbox
    finally:
        controller.stop()
