"""Retention with the clock: unconfirmed accounts go after 7 days, inactive ones are warned after
730 days and go 30 days later unless their owner logs in; administrators stay; `flask privacy
purge` says what it did."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from app.accounts.models import User
from app.core.clock import utcnow_naive
from app.extensions import db
from app.notifications.models import OutboxMessage
from app.privacy.retention import purge
from app.proposals.models import Proposal
from tests.factories import make_region, make_user, make_user_with_role
from tests.participation_builders import consultation, proposal

START = datetime(2026, 1, 15, 9, 0, tzinfo=UTC)


@pytest.fixture
def clock(time_machine):
    """clock(days=...) moves to START + that many days (and stays there)."""

    def move(**delta):
        time_machine.move_to(START + timedelta(**delta), tick=False)

    move()
    return move


def exists(user_id: int) -> bool:
    db.session.expire_all()
    return db.session.get(User, user_id) is not None


def mails_to(address: str) -> list[OutboxMessage]:
    return db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.to_address == address)
    ).all()


def active_user(**fields) -> User:
    """Confirmed and logged in now."""
    user = make_user(last_login_at=utcnow_naive(), **fields)
    db.session.commit()
    return user


# --- unconfirmed accounts -------------------------------------------------------------------


def test_unconfirmed_accounts_go_after_seven_days(clock):
    unconfirmed = make_user(confirmed=False)
    confirmed = make_user()
    db.session.commit()

    clock(days=6)
    assert purge().unconfirmed_deleted == 0
    assert exists(unconfirmed.id)

    clock(days=8)
    report = purge()

    assert report.unconfirmed_deleted == 1
    assert not exists(unconfirmed.id)
    assert exists(confirmed.id)


def test_the_limit_comes_from_the_settings(app, clock):
    unconfirmed = make_user(confirmed=False)
    db.session.commit()
    app.config["UNCONFIRMED_ACCOUNT_DAYS"] = 3
    try:
        clock(days=4)
        assert purge().unconfirmed_deleted == 1
    finally:
        app.config["UNCONFIRMED_ACCOUNT_DAYS"] = 7
    assert not exists(unconfirmed.id)


# --- inactive accounts ----------------------------------------------------------------------


def test_inactive_accounts_are_warned_after_730_days_in_their_language(clock):
    turkish = active_user(locale="tr", email="ayse@example.org")
    german = active_user(locale="de", email="jonas@example.org")
    clock(days=100)
    recent = active_user(email="recent@example.org")

    clock(days=729)
    assert purge().warned == 0
    assert mails_to("ayse@example.org") == []

    clock(days=730, hours=1)
    report = purge()

    assert report.warned == 2
    db.session.expire_all()
    assert db.session.get(User, turkish.id).inactivity_warned_at == utcnow_naive()
    assert db.session.get(User, recent.id).inactivity_warned_at is None
    [mail_tr] = mails_to("ayse@example.org")
    [mail_de] = mails_to("jonas@example.org")
    assert mail_tr.user_id == turkish.id and mail_de.user_id == german.id
    # The day of deletion (30 days on), written in each reader's language.
    assert "14 Şubat 2028" in mail_tr.text_body
    assert '<html lang="tr"' in mail_tr.html_body
    assert "14. Februar 2028" in mail_de.text_body
    assert '<html lang="de"' in mail_de.html_body
    assert "/account/login" in mail_de.text_body
    assert mails_to("recent@example.org") == []


def test_nobody_is_warned_twice(clock):
    user = active_user(email="once@example.org")
    clock(days=731)
    assert purge().warned == 1

    clock(days=735)
    assert purge().warned == 0
    assert purge().warned == 0
    assert len(mails_to("once@example.org")) == 1
    db.session.expire_all()
    assert db.session.get(User, user.id).inactivity_warned_at == (
        START + timedelta(days=731)
    ).replace(tzinfo=None)


def test_without_a_login_the_account_goes_30_days_after_the_warning(clock):
    region = make_region()
    user = active_user(email="gone@example.org")
    own = proposal(consultation(region), user, title="Ein Vorschlag, der bleibt")
    db.session.commit()
    clock(days=731)
    purge()

    clock(days=731 + 29)
    assert purge().inactive_deleted == 0
    assert exists(user.id)

    clock(days=731 + 30)
    report = purge()

    assert report.inactive_deleted == 1
    assert not exists(user.id)
    kept = db.session.get(Proposal, own.id)
    assert kept.title == "Ein Vorschlag, der bleibt" and kept.author_id is None
    assert mails_to("gone@example.org") == []


def test_a_login_after_the_warning_keeps_the_account(clock):
    user = active_user()
    clock(days=731)
    purge()
    clock(days=745)
    user = db.session.get(User, user.id)
    user.last_login_at = utcnow_naive()
    db.session.commit()

    clock(days=762)
    report = purge()

    assert report.inactive_deleted == 0 and report.warnings_cleared == 1
    assert exists(user.id)
    assert db.session.get(User, user.id).inactivity_warned_at is None
    # Inactive again for two years: warned anew.
    clock(days=745 + 731)
    assert purge().warned == 1


def test_without_any_login_the_confirmation_counts_as_last_activity(clock):
    user = make_user(confirmed=False)
    db.session.commit()
    clock(days=2)
    user.confirmed_at = utcnow_naive()
    db.session.commit()

    clock(days=731)
    assert purge().warned == 0
    clock(days=733)
    assert purge().warned == 1


def test_administrators_are_never_deleted_nor_warned(clock):
    unconfirmed_admin = make_user_with_role("administrator", confirmed=False)
    inactive_admin = make_user_with_role("administrator", last_login_at=utcnow_naive())
    db.session.commit()

    clock(days=2000)
    report = purge()

    assert (report.unconfirmed_deleted, report.warned, report.inactive_deleted) == (0, 0, 0)
    assert exists(unconfirmed_admin.id) and exists(inactive_admin.id)
    assert db.session.get(User, inactive_admin.id).inactivity_warned_at is None


def test_a_second_run_finds_nothing_more_to_do(clock):
    make_user(confirmed=False)
    active_user()
    clock(days=731)
    first = purge()
    second = purge()

    assert (first.unconfirmed_deleted, first.warned) == (1, 1)
    assert (second.unconfirmed_deleted, second.warned, second.inactive_deleted) == (0, 0, 0)
    assert db.session.scalar(select(func.count(OutboxMessage.id))) == 1


# --- the command ----------------------------------------------------------------------------


def test_flask_privacy_purge_prints_what_it_did(app, clock):
    make_user(confirmed=False)
    make_user(confirmed=False)
    active_user()
    clock(days=731)

    result = app.test_cli_runner().invoke(args=["privacy", "purge"])

    assert result.exit_code == 0, result.output
    assert result.output.strip() == (
        "2 unconfirmed accounts deleted, 1 inactive accounts warned, "
        "0 inactive accounts deleted, 0 warnings cleared after a login"
    )
    assert db.session.scalar(select(func.count(User.id))) == 1
