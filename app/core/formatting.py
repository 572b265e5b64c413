"""Template filters that format numbers, sizes and durations for the reader's locale."""

from flask_babel import format_date, format_datetime, format_decimal, format_percent, format_time

from app.core.i18n import _


def duration(seconds: int) -> str:
    minutes, rest = divmod(int(seconds), 60)
    if minutes:
        return _("%(minutes)d min %(seconds)d s", minutes=minutes, seconds=rest)
    return _("%(seconds)d s", seconds=rest)


def filesize(size_bytes: int) -> str:
    megabytes = size_bytes / (1024 * 1024)
    if megabytes >= 1:
        return _("%(size)s MB", size=format_decimal(round(megabytes, 1), format="#,##0.0"))
    return _("%(size)s KB", size=format_decimal(max(1, round(size_bytes / 1024))))


def moment(value) -> str:
    """Date and time without seconds, in the reader's locale and Berlin time."""
    return _(
        "%(date)s, %(time)s", date=format_date(value, "medium"), time=format_time(value, "short")
    )


def register_filters(app) -> None:
    app.jinja_env.filters["date"] = lambda value, fmt="medium": format_date(value, fmt)
    app.jinja_env.filters["datetime"] = lambda value, fmt="medium": format_datetime(value, fmt)
    app.jinja_env.filters["number"] = format_decimal
    app.jinja_env.filters["duration"] = duration
    app.jinja_env.filters["filesize"] = filesize
    app.jinja_env.filters["moment"] = moment
    app.jinja_env.filters["percent"] = lambda value: format_percent(value, "#,##0 %")
