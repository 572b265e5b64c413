"""The mail transport: .eml files in instance/mail during development and tests, SMTP in production.

Nothing here is called from a web request. Requests queue mail in the outbox
(`app.notifications.outbox.queue_mail`); the sender (`flask mail send`) builds each message with
`build_message` and hands it to `transmit`. Messages are plain text with an HTML alternative.
"""

import re
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from flask import current_app

from app.core.clock import now

SMTP_TIMEOUT_SECONDS = 30


def build_message(
    to: str,
    subject: str,
    text: str,
    html: str | None = None,
    *,
    message_id: str | None = None,
    headers: dict[str, str] | None = None,
) -> EmailMessage:
    """A complete message; a header value with a line break is refused (ValueError)."""
    message = EmailMessage()
    message["From"] = current_app.config["MAIL_SENDER"]
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = formatdate(now().timestamp(), localtime=False)
    message["Message-ID"] = message_id or make_msgid(domain="mitreden.local")
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content(text)
    if html:
        message.add_alternative(html, subtype="html")
    return message


def transmit(message: EmailMessage) -> None:
    """Deliver one message now: SMTP when MAIL_SERVER is set, else an .eml file.

    Raises whatever the transport raises (OSError, smtplib.SMTPException); the outbox retries.
    """
    config = current_app.config
    if config.get("MAIL_SERVER"):
        _send_smtp(message, config)
    else:
        _write_file(message, Path(config["MAIL_FILE_DIR"]))


def _send_smtp(message: EmailMessage, config) -> None:
    with smtplib.SMTP(
        config["MAIL_SERVER"], config["MAIL_PORT"], timeout=SMTP_TIMEOUT_SECONDS
    ) as smtp:
        if config.get("MAIL_USE_TLS"):
            smtp.starttls(context=ssl.create_default_context())
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"] or "")
        smtp.send_message(message)


def _write_file(message: EmailMessage, directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    stamp = now().strftime("%Y%m%dT%H%M%S%f")
    recipient = "".join(ch if ch.isalnum() else "_" for ch in str(message["To"]))[:60]
    # The Message-ID's local part keeps two files written in the same microsecond apart.
    unique = re.sub(r"[^A-Za-z0-9]", "", str(message["Message-ID"]).split("@")[0])[-24:]
    path = directory / f"{stamp}-{recipient}-{unique}.eml"
    with path.open("xb") as handle:  # never overwrite another message
        handle.write(bytes(message))
    # Development has no inbox: the log shows the links so a developer can follow them.
    body = message.get_body(preferencelist=("plain",))
    links = re.findall(r"https?://\S+", body.get_content() if body else "")
    current_app.logger.info("Mail to %s written to %s; links: %s", message["To"], path, links)
