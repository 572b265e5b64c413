"""One pass of the mail sender, and the loop that repeats it (`flask mail send [--watch]`).

A pass, in this order: announce phases that began, turn pending notifications into mails
(one at a time or as digests), deliver what is due in the outbox, delete old sent mail. Each
step commits its own work, so a failure in a later step keeps what the earlier ones did, and
several senders may run at once (every step claims its rows with a conditional update).
"""

import threading
import time
from dataclasses import dataclass
from datetime import datetime

from flask import current_app

from app.core.clock import utcnow_naive
from app.extensions import db
from app.notifications.outbox import deliver_due, purge_sent

DELIVERY_BATCH = 100


@dataclass(frozen=True)
class SendReport:
    announced: int = 0  # notifications about phases that began
    queued: int = 0  # notification mails and digests put into the outbox
    sent: int = 0
    failed: int = 0  # given up after the last attempt
    retried: int = 0
    purged: int = 0

    @property
    def did_something(self) -> bool:
        return any((self.announced, self.queued, self.sent, self.failed, self.retried, self.purged))

    def summary(self) -> str:
        return (
            f"{self.announced} phase notifications, {self.queued} mails queued, "
            f"{self.sent} sent, {self.retried} to retry, {self.failed} given up, "
            f"{self.purged} old mails deleted"
        )


def run_once(now_naive: datetime | None = None) -> SendReport:
    """One sender pass at `now_naive` (default: now)."""
    # Imported here: both reach into much of the application (consultations, templates).
    from app.notifications import mailing, phase_watch

    now_naive = now_naive or utcnow_naive()
    announced = phase_watch.announce_started_phases(now_naive)
    db.session.commit()
    queued = mailing.queue_notification_mails(now_naive)
    db.session.commit()
    deliveries = []
    while True:  # everything due, in batches; a cron run may overlap the next one safely
        deliveries.append(deliver_due(now_naive, limit=DELIVERY_BATCH))
        last = deliveries[-1]
        if last.sent + last.failed + last.retried < DELIVERY_BATCH:
            break
    purged = purge_sent(now_naive)
    db.session.commit()
    return SendReport(
        announced=announced or 0,
        queued=queued or 0,
        sent=sum(delivery.sent for delivery in deliveries),
        failed=sum(delivery.failed for delivery in deliveries),
        retried=sum(delivery.retried for delivery in deliveries),
        purged=purged,
    )


def watch(
    interval_seconds: float,
    stop_event: threading.Event | None = None,
    passes: int | None = None,
    on_pass=None,
) -> int:
    """Run a pass every `interval_seconds` until `stop_event` is set (or after `passes` passes).

    A pass that fails is logged and rolled back; the loop goes on with the next one. Returns the
    number of passes run. `on_pass(report_or_none)` is told about each pass (None: it failed).
    """
    logger = current_app.logger
    done = 0
    while not (stop_event is not None and stop_event.is_set()):
        report = None
        try:
            report = run_once()
            # A quiet pass every few seconds is not worth a log line.
            log = logger.info if report.did_something else logger.debug
            log("Mail sender pass: %s", report.summary())
        except Exception:
            db.session.rollback()
            logger.exception("Mail sender pass failed; trying again in %s s", interval_seconds)
        finally:
            # Give the connection back between passes; the next pass reads afresh.
            db.session.remove()
        done += 1
        if on_pass is not None:
            on_pass(report)
        if passes is not None and done >= passes:
            break
        if stop_event is not None:
            stop_event.wait(interval_seconds)
        else:
            time.sleep(interval_seconds)
    return done
