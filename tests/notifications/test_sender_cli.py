"""The sender pass, its loop, and `flask mail send` (also two of them at once as processes)."""

import os
import re
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from app.extensions import db
from app.notifications import mailing, phase_watch, sender
from app.notifications.models import OutboxMessage, OutboxStatus
from app.notifications.outbox import queue_mail
from tests.notifications.smtp_inbox import smtp_server

ROOT = Path(__file__).resolve().parents[2]
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def eml_count(app) -> int:
    directory = Path(app.config["MAIL_FILE_DIR"])
    return len(list(directory.glob("*.eml"))) if directory.exists() else 0


def statuses() -> list[str]:
    db.session.expire_all()
    return list(db.session.scalars(db.select(OutboxMessage.status).order_by(OutboxMessage.id)))


def wait_until(condition, seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


def test_a_pass_announces_phases_then_queues_notification_mails_then_delivers(app, monkeypatch):
    steps = []

    def announce(now_naive):
        steps.append(("announce", now_naive))
        return 2

    def queue_notifications(now_naive):
        steps.append(("mails", now_naive))
        # The notification mail queued here goes out in the same pass.
        queue_mail("leyla@example.org", "Neue Antwort", "Text")
        db.session.commit()
        return 1

    monkeypatch.setattr(phase_watch, "announce_started_phases", announce)
    monkeypatch.setattr(mailing, "queue_notification_mails", queue_notifications)
    now = datetime.now(UTC).replace(tzinfo=None) + timedelta(seconds=1)
    report = sender.run_once(now)
    assert steps == [("announce", now), ("mails", now)]
    assert report == sender.SendReport(announced=2, queued=1, sent=1)
    assert eml_count(app) == 1
    assert statuses() == [OutboxStatus.SENT]


def test_a_pass_delivers_more_than_one_batch_and_purges_old_sent_mail(app, time_machine):
    time_machine.move_to(T0, tick=False)
    for number in range(sender.DELIVERY_BATCH + 5):
        queue_mail(f"p{number}@example.org", "Hallo", "Text")
    db.session.commit()
    report = sender.run_once()
    assert (report.sent, report.purged) == (sender.DELIVERY_BATCH + 5, 0)
    assert eml_count(app) == sender.DELIVERY_BATCH + 5

    later = T0 + timedelta(days=8)
    time_machine.move_to(later, tick=False)
    report = sender.run_once()
    assert (report.sent, report.purged) == (0, sender.DELIVERY_BATCH + 5)
    assert statuses() == []


def test_flask_mail_send_delivers_what_is_due(app):
    queue_mail("a@example.org", "Eins", "Text")
    queue_mail("b@example.org", "Zwei", "Text")
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["mail", "send"])
    assert result.exit_code == 0, result.output
    assert "2 sent" in result.output
    assert eml_count(app) == 2
    assert statuses() == [OutboxStatus.SENT, OutboxStatus.SENT]
    again = app.test_cli_runner().invoke(args=["mail", "send"])
    assert "0 sent" in again.output
    assert eml_count(app) == 2


def test_flask_mail_send_watch_runs_the_given_number_of_passes(app):
    queue_mail("a@example.org", "Eins", "Text")
    db.session.commit()
    result = app.test_cli_runner().invoke(
        args=["mail", "send", "--watch", "--interval", "0.1", "--passes", "2"]
    )
    assert result.exit_code == 0, result.output
    summaries = re.findall(r"(\d+) sent", result.output)
    assert summaries == ["1"]  # the second pass had nothing to do and stays quiet
    assert "one pass every 0.1 s" in result.output
    assert eml_count(app) == 1


def test_flask_mail_send_refuses_a_nonsensical_interval(app):
    result = app.test_cli_runner().invoke(args=["mail", "send", "--watch", "--interval", "0"])
    assert result.exit_code != 0
    assert "--interval" in result.output


def test_watch_delivers_mail_queued_while_it_runs_and_stops_on_the_event(app):
    stop = threading.Event()
    passes = []

    def loop():
        with app.app_context():
            passes.append(sender.watch(0.05, stop_event=stop))

    thread = threading.Thread(target=loop)
    thread.start()
    try:
        queue_mail("spaet@example.org", "Später", "Text")
        db.session.commit()
        assert wait_until(lambda: eml_count(app) == 1)
    finally:
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive()
    assert passes and passes[0] >= 1
    assert statuses() == [OutboxStatus.SENT]


def test_watch_survives_a_failing_pass(app, monkeypatch, caplog):
    calls = []
    real_run_once = sender.run_once

    def sometimes_failing(now_naive=None):
        calls.append(now_naive)
        if len(calls) == 1:
            raise RuntimeError("database went away")
        return real_run_once(now_naive)

    monkeypatch.setattr(sender, "run_once", sometimes_failing)
    queue_mail("a@example.org", "Eins", "Text")
    db.session.commit()
    reports = []
    assert sender.watch(0.01, passes=2, on_pass=reports.append) == 2
    assert reports[0] is None
    assert reports[1].sent == 1
    assert "Mail sender pass failed" in caplog.text
    assert eml_count(app) == 1


def test_two_flask_mail_send_processes_deliver_each_of_200_mails_exactly_once(app, tmp_path):
    queued = {
        queue_mail(f"q{n}@example.org", f"Mail {n}", f"Text {n}").message_id for n in range(200)
    }
    db.session.commit()
    with smtp_server(delay_seconds=0.003) as (port, inbox):
        env = {
            **os.environ,
            "MITREDEN_ENV": "testing",
            "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
            "MITREDEN_INSTANCE_DIR": str(tmp_path / "instance"),
            "MAIL_SERVER": "127.0.0.1",
            "MAIL_PORT": str(port),
            "MAIL_USE_TLS": "false",
        }
        command = [sys.executable, "-m", "flask", "--app", "wsgi", "mail", "send"]
        processes = [
            subprocess.Popen(
                command,
                cwd=ROOT,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(2)
        ]
        outputs = [process.communicate(timeout=120) for process in processes]
    for process, (_out, err) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, err
    sent = [int(re.search(r"(\d+) sent", out).group(1)) for out, _err in outputs]
    assert sum(sent) == 200
    received = [message["Message-ID"] for message in inbox.messages]
    assert len(received) == 200
    assert set(received) == queued
    assert statuses() == [OutboxStatus.SENT] * 200
