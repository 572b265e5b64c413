"""Outgoing mail: .eml files in instance/mail during development and tests, SMTP in production.

Messages are plain text with an HTML alternative. The notifications area builds its outbox on
`send_message`.
"""

import re
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from flask import current_app

from app.core.clock import now


def build_message(to: str, subject: str, text: str, html: str | None = None) -> EmailMessage:
    message = EmailMessage()
    message["From"] = current_app.config["MAIL_SENDER"]
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain="mitreden.local")
    message.set_content(text)
    if html:
        message.add_alternative(html, subtype="html")
    return message


def send_message(message: EmailMessage) -> None:
    config = current_app.config
    if config.get("MAIL_SERVER"):
        _send_smtp(message, config)
    else:
        _write_file(message, Path(config["MAIL_FILE_DIR"]))


def send_mail(to: str, subject: str, text: str, html: str | None = None) -> None:
    send_message(build_message(to, subject, text, html))


def _send_smtp(message: EmailMessage, config) -> None:
    with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=30) as smtp:
        if config.get("MAIL_USE_TLS"):
            smtp.starttls(context=ssl.create_default_context())
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"] or "")
        smtp.send_message(message)


def _write_file(message: EmailMessage, directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    stamp = now().strftime("%Y%m%dT%H%M%S%f")
    recipient = "".join(ch if ch.isalnum() else "_" for ch in str(message["To"]))[:60]
    path = directory / f"{stamp}-{recipient}.eml"
    path.write_bytes(bytes(message))
    # Development has no inbox: the log shows the links so a developer can follow them.
    body = message.get_body(preferencelist=("plain",))
    links = re.findall(r"https?://\S+", body.get_content() if body else "")
    current_app.logger.info("Mail to %s written to %s; links: %s", message["To"], path, links)
