"""What the privacy notice says about cookies, retention and rate limits, taken from the code.

The notice lists exactly the cookies of the running configuration (names from config, the
locale cookie's lifetime as the language switch sets it) and the retention periods of the
settings, so changing a setting changes the notice (tests/privacy/test_privacy_notice.py, and a
browser test compares the cookies it receives with this list).
"""

from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from flask_babel import ngettext
from limits import parse_many

from app.core.i18n import _

DAY = 24 * 3600
YEAR = 365 * DAY

# Rate limits counted per client address: those on the forms of logged-out visitors. All other
# limits (posting, voting, reporting, the data download) sit behind the login and count per
# account (moderation/abuse.per_account_key), so no address is kept for them.
ADDRESS_KEYED_LIMITS = (
    "RATELIMIT_LOGIN",
    "RATELIMIT_REGISTER",
    "RATELIMIT_RESET",
    "RATELIMIT_FEEDBACK",
)


@dataclass(frozen=True)
class Cookie:
    name: str
    purpose: str
    lifetime: str


@dataclass(frozen=True)
class NoticeFacts:
    cookies: list[Cookie]
    unconfirmed_account_days: int
    inactive_account_days: int
    inactivity_notice_days: int
    mail_keep_sent_days: int
    address_counter_seconds: int

    @property
    def address_counter_text(self) -> str:
        return duration_text(self.address_counter_seconds)


def seconds_of(value) -> int:
    return int(value.total_seconds()) if isinstance(value, timedelta) else int(value)


def duration_text(seconds: int) -> str:
    """A lifetime in the largest whole unit: '1 year', '30 days', '1 hour', '10 minutes'."""
    if seconds and seconds % YEAR == 0:
        number = seconds // YEAR
        return ngettext("%(num)d year", "%(num)d years", number)
    if seconds and seconds % DAY == 0:
        number = seconds // DAY
        return ngettext("%(num)d day", "%(num)d days", number)
    if seconds and seconds % 3600 == 0:
        number = seconds // 3600
        return ngettext("%(num)d hour", "%(num)d hours", number)
    if seconds and seconds % 60 == 0:
        number = seconds // 60
        return ngettext("%(num)d minute", "%(num)d minutes", number)
    return ngettext("%(num)d second", "%(num)d seconds", seconds)


def longest_window(config_names) -> int:
    """The longest window (seconds) of the limits in those settings: how long a counter lives."""
    config = current_app.config
    windows = [
        item.get_expiry()
        for name in config_names
        if config.get(name)
        for item in parse_many(config[name])
    ]
    return max(windows, default=0)


def cookies(locale_cookie_max_age: int) -> list[Cookie]:
    config = current_app.config
    return [
        Cookie(
            config["SESSION_COOKIE_NAME"],
            _("Keeps you logged in and protects forms against forgery (CSRF)."),
            _("Until you close the browser"),
        ),
        Cookie(
            config["REMEMBER_COOKIE_NAME"],
            _(
                "Keeps you logged in on this device. Only set if you choose to stay logged in "
                "when you log in."
            ),
            duration_text(seconds_of(config["REMEMBER_COOKIE_DURATION"])),
        ),
        Cookie(
            config["LOCALE_COOKIE_NAME"],
            _("Remembers the language you have chosen."),
            duration_text(seconds_of(locale_cookie_max_age)),
        ),
    ]


def notice_facts(locale_cookie_max_age: int) -> NoticeFacts:
    config = current_app.config
    return NoticeFacts(
        cookies=cookies(locale_cookie_max_age),
        unconfirmed_account_days=config["UNCONFIRMED_ACCOUNT_DAYS"],
        inactive_account_days=config["INACTIVE_ACCOUNT_DAYS"],
        inactivity_notice_days=config["INACTIVITY_NOTICE_DAYS"],
        mail_keep_sent_days=config["MAIL_KEEP_SENT_DAYS"],
        address_counter_seconds=longest_window(ADDRESS_KEYED_LIMITS),
    )
