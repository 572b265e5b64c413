"""Daily and weekly summaries: the cut-off in Berlin time, grouping, exactly once."""

import threading
from datetime import datetime

import pytest

from app.core.clock import utcnow_naive
from app.extensions import db
from app.notifications import kinds, outbox
from app.notifications.mailing import digest_cutoffs, queue_notification_mails
from app.notifications.settings import set_delivery
from tests.factories import make_user
from tests.notifications import words
from tests.notifications.mail_builders import (
    berlin,
    naive_utc,
    new_proposal,
    outbox_for,
    pending,
    phase_started,
    report_outcome,
)
from tests.participation_builders import consultation, proposal


def run_at(time_machine, moment: datetime) -> int:
    time_machine.move_to(moment, tick=False)
    return queue_notification_mails(utcnow_naive())


def at(time_machine, moment: datetime) -> None:
    time_machine.move_to(moment, tick=False)


def daily_user(**fields):
    """A user who wants phase and new-proposal notifications in the daily summary."""
    user = make_user(locale=fields.pop("locale", "en"), **fields)
    set_delivery(user.id, kinds.PHASE_STARTED, kinds.DAILY)
    set_delivery(user.id, kinds.NEW_PROPOSAL, kinds.DAILY)
    return user


# --- the cut-off -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("now", "daily", "weekly"),
    [
        # Winter (CET, UTC+1): 07:00 Berlin is 06:00 UTC. 2025-01-15 is a Wednesday.
        (berlin(2025, 1, 15, 7, 30), berlin(2025, 1, 15, 7), berlin(2025, 1, 13, 7)),
        (berlin(2025, 1, 15, 6, 59), berlin(2025, 1, 14, 7), berlin(2025, 1, 13, 7)),
        # Exactly 07:00 counts as passed.
        (berlin(2025, 7, 14, 7, 0), berlin(2025, 7, 14, 7), berlin(2025, 7, 14, 7)),
        # A Monday before 07:00: last week's Monday.
        (berlin(2025, 7, 14, 6, 59), berlin(2025, 7, 13, 7), berlin(2025, 7, 7, 7)),
        # Summer time began on Sunday 2025-03-30: the Monday after, before and after 07:00 CEST;
        # the Monday before still at 07:00 CET (06:00 UTC, not 05:00).
        (berlin(2025, 3, 31, 6, 59), berlin(2025, 3, 30, 7), berlin(2025, 3, 24, 7)),
        (berlin(2025, 3, 31, 7, 0), berlin(2025, 3, 31, 7), berlin(2025, 3, 31, 7)),
        # Summer time ended on Sunday 2025-10-26.
        (berlin(2025, 10, 27, 6, 30), berlin(2025, 10, 26, 7), berlin(2025, 10, 20, 7)),
        (berlin(2025, 10, 27, 7, 1), berlin(2025, 10, 27, 7), berlin(2025, 10, 27, 7)),
    ],
)
def test_cut_offs_are_0700_berlin_daily_and_on_mondays(now, daily, weekly):
    cutoffs = digest_cutoffs(naive_utc(now))
    assert cutoffs == {kinds.DAILY: naive_utc(daily), kinds.WEEKLY: naive_utc(weekly)}


def test_the_cut_offs_in_utc_follow_summer_time():
    assert naive_utc(berlin(2025, 3, 24, 7)) == datetime(2025, 3, 24, 6, 0)
    assert digest_cutoffs(datetime(2025, 3, 31, 5, 0))[kinds.WEEKLY] == datetime(2025, 3, 31, 5)
    assert digest_cutoffs(datetime(2025, 3, 31, 4, 59))[kinds.WEEKLY] == datetime(2025, 3, 24, 6)


def test_the_digest_hour_comes_from_the_configuration(app):
    app.config["DIGEST_HOUR"] = 18
    try:
        cutoffs = digest_cutoffs(naive_utc(berlin(2025, 1, 15, 17, 0)))
    finally:
        app.config["DIGEST_HOUR"] = 7
    assert cutoffs[kinds.DAILY] == naive_utc(berlin(2025, 1, 14, 18))


# --- daily summaries ---------------------------------------------------------------------------


def test_a_daily_summary_takes_what_came_before_0700_and_never_repeats(time_machine):
    user = daily_user()
    c1 = consultation(title={"en": "Language courses"})
    c2 = consultation(title={"en": "Sports for all"})
    at(time_machine, berlin(2025, 1, 14, 9))
    phase_started(user, c1, "voting")
    at(time_machine, berlin(2025, 1, 14, 10))
    new_proposal(user, proposal(c2, make_user(), title="More football pitches"))
    db.session.commit()

    assert run_at(time_machine, berlin(2025, 1, 14, 20)) == 0
    assert run_at(time_machine, berlin(2025, 1, 15, 6, 59)) == 0
    assert outbox_for(user) == []

    at(time_machine, berlin(2025, 1, 15, 7, 30))
    phase_started(user, c2, "results")  # after the cut-off: the next summary
    db.session.commit()
    assert run_at(time_machine, berlin(2025, 1, 15, 7, 31)) == 1
    assert run_at(time_machine, berlin(2025, 1, 15, 12)) == 0

    (first,) = outbox_for(user)
    assert first.subject == "Your daily summary: 2 new notifications"
    assert "“Language courses” is now in the phase: Voting." in words(first.text_body)
    assert "New proposal: “More football pitches”." in words(first.text_body)
    assert "Results" not in first.text_body
    assert len(pending(user)) == 1

    assert run_at(time_machine, berlin(2025, 1, 16, 7, 5)) == 1
    second = outbox_for(user)[1]
    assert second.subject == "Your daily summary: 1 new notification"
    assert "“Sports for all” is now in the phase: Results." in words(second.text_body)
    assert "Language courses" not in second.text_body
    assert "football" not in second.text_body
    assert pending(user) == []
    assert run_at(time_machine, berlin(2025, 1, 17, 7, 5)) == 0


def test_a_summary_groups_by_consultation_newest_group_first_items_oldest_first(time_machine):
    user = daily_user()
    set_delivery(user.id, kinds.REPORT_OUTCOME, kinds.DAILY)
    courses = consultation(title={"en": "Language courses"})
    sports = consultation(title={"en": "Sports for all"})
    author = make_user()
    at(time_machine, berlin(2025, 1, 14, 8))
    new_proposal(user, proposal(courses, author, title="Evening classes"))
    at(time_machine, berlin(2025, 1, 14, 9))
    report_outcome(user)
    at(time_machine, berlin(2025, 1, 14, 10))
    new_proposal(user, proposal(sports, author, title="Swimming for women"))
    at(time_machine, berlin(2025, 1, 14, 12))
    new_proposal(user, proposal(courses, author, title="Childcare during courses"))
    db.session.commit()

    assert run_at(time_machine, berlin(2025, 1, 15, 8)) == 1

    (mail,) = outbox_for(user)
    assert mail.subject == "Your daily summary: 4 new notifications"
    for body in (mail.text_body, mail.html_body):
        positions = [
            body.index(text)
            for text in (
                "Language courses",  # newest item 12:00
                "Evening classes",  # 08:00
                "Childcare during courses",  # 12:00
                "Sports for all",  # newest item 10:00
                "Swimming for women",
                "Other",  # newest item 09:00
                "A contribution you reported was hidden.",
            )
        ]
        assert positions == sorted(positions), body
    assert mail.text_body.count("Language courses") == 1  # one heading per consultation
    assert '<h2 style="font-size: 18px; color: #004b76; margin: 24px 0 8px;">Other</h2>' in (
        mail.html_body
    )
    # Why it was sent and how to stop it.
    assert "Daily summary" in mail.text_body
    assert "Stop this summary" in mail.html_body


def test_daily_and_weekly_summaries_are_separate_mails(time_machine):
    user = make_user(locale="en")  # new proposals weekly, report outcomes daily by default
    c = consultation()
    at(time_machine, berlin(2025, 1, 8, 12))  # a Wednesday
    new_proposal(user, proposal(c, make_user(), title="Weekly item"))
    report_outcome(user)
    db.session.commit()

    assert run_at(time_machine, berlin(2025, 1, 9, 7, 1)) == 1
    assert run_at(time_machine, berlin(2025, 1, 13, 7, 1)) == 1  # Monday

    daily, weekly = outbox_for(user)
    assert daily.subject == "Your daily summary: 1 new notification"
    assert "Weekly item" not in daily.text_body
    assert weekly.subject == "Your weekly summary: 1 new notification"
    assert "Weekly item" in weekly.text_body
    assert "since your last weekly summary" in weekly.text_body


# --- weekly summaries --------------------------------------------------------------------------


def test_a_weekly_summary_waits_for_monday_0700_berlin_across_the_summer_time_change(
    time_machine,
):
    user = make_user(locale="en")  # new proposals: weekly by default
    c = consultation()
    author = make_user()
    at(time_machine, berlin(2025, 3, 24, 6, 30))  # Monday before 07:00 CET
    new_proposal(user, proposal(c, author, title="Before the cut-off"))
    at(time_machine, berlin(2025, 3, 24, 7, 10))
    new_proposal(user, proposal(c, author, title="After the cut-off"))
    db.session.commit()

    assert run_at(time_machine, berlin(2025, 3, 24, 7, 15)) == 1
    (first,) = outbox_for(user)
    assert "Before the cut-off" in first.text_body
    assert "After the cut-off" not in first.text_body

    # Sunday 2025-03-30: summer time begins. The next cut-off is Monday 07:00 CEST (05:00 UTC).
    assert run_at(time_machine, berlin(2025, 3, 30, 12)) == 0
    assert run_at(time_machine, berlin(2025, 3, 31, 6, 59)) == 0
    assert run_at(time_machine, berlin(2025, 3, 31, 7, 0)) == 1
    second = outbox_for(user)[1]
    assert second.subject == "Your weekly summary: 1 new notification"
    assert "After the cut-off" in second.text_body
    assert "Before the cut-off" not in second.text_body
    assert pending(user) == []


# --- exactly once ------------------------------------------------------------------------------


def test_a_run_failing_for_one_user_resumes_without_duplicates(time_machine, monkeypatch):
    at(time_machine, berlin(2025, 1, 14, 12))
    users = [daily_user(email=f"reader{n}@example.org") for n in range(3)]
    c = consultation()
    for user in users:
        phase_started(user, c, "voting")
        new_proposal(user, proposal(c, make_user()))
    db.session.commit()

    real_queue_mail = outbox.queue_mail

    def failing_for_the_second(to_address, *args, **kwargs):
        if to_address == "reader1@example.org":
            raise RuntimeError("mail could not be queued")
        return real_queue_mail(to_address, *args, **kwargs)

    monkeypatch.setattr(outbox, "queue_mail", failing_for_the_second)
    assert run_at(time_machine, berlin(2025, 1, 15, 7, 5)) == 2
    assert [len(outbox_for(user)) for user in users] == [1, 0, 1]
    assert [len(pending(user)) for user in users] == [0, 2, 0]

    monkeypatch.setattr(outbox, "queue_mail", real_queue_mail)
    assert run_at(time_machine, berlin(2025, 1, 15, 7, 10)) == 1
    assert [len(outbox_for(user)) for user in users] == [1, 1, 1]
    assert "2 new notifications" in outbox_for(users[1])[0].subject
    assert all(pending(user) == [] for user in users)
    assert run_at(time_machine, berlin(2025, 1, 16, 7, 10)) == 0


def test_two_runs_at_the_same_time_send_one_summary_per_user(app, time_machine):
    at(time_machine, berlin(2025, 1, 14, 12))
    users = [daily_user() for _ in range(8)]
    c = consultation()
    for user in users:
        for phase in ("discussion", "voting", "results"):
            phase_started(user, c, phase)
        set_delivery(user.id, kinds.REPORT_OUTCOME, kinds.IMMEDIATELY)
        report_outcome(user)
    db.session.commit()
    at(time_machine, berlin(2025, 1, 15, 7, 5))
    now = utcnow_naive()

    start = threading.Barrier(2)
    counts, errors = [], []

    def sender():
        try:
            with app.app_context():
                start.wait(timeout=10)
                counts.append(queue_notification_mails(now))
                db.session.remove()
        except Exception as error:  # reported below; a thread's exception is otherwise lost
            errors.append(error)

    threads = [threading.Thread(target=sender) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert sum(counts) == 2 * len(users)  # one summary and one single mail each, in total
    for user in users:
        mails = outbox_for(user)
        assert sorted(mail.subject for mail in mails) == [
            "A contribution you reported was hidden. Thank you.",
            "Your daily summary: 3 new notifications",
        ]
        assert pending(user) == []
