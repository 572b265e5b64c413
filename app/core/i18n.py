"""Locale choice, text direction and translated official texts.

Locale order: the logged-in user's choice -> the locale cookie -> Accept-Language -> German.
"""

from flask import current_app, has_request_context, request
from flask_babel import get_locale, gettext, lazy_gettext
from flask_login import current_user

_ = gettext
_l = lazy_gettext

# Each language named in itself, so a reader finds theirs whatever the page language is.
LANGUAGE_NAMES = {
    "de": "Deutsch",
    "en": "English",
    "tr": "Türkçe",
    "ar": "العربية",
    "fa": "فارسی",
    "pl": "Polski",
    "ru": "Русский",
    "uk": "Українська",
}
RTL_LANGUAGES = frozenset({"ar", "fa"})
DEFAULT_LANGUAGE = "de"


def supported_languages() -> tuple[str, ...]:
    return tuple(current_app.config["LANGUAGES"])


def is_supported(code: str | None) -> bool:
    return bool(code) and code in supported_languages()


def select_locale() -> str:
    """Locale selector for Flask-Babel."""
    if not has_request_context():  # commands and background work speak the default language
        return DEFAULT_LANGUAGE
    user = current_user
    if getattr(user, "is_authenticated", False) and is_supported(user.locale):
        return user.locale
    cookie = request.cookies.get(current_app.config["LOCALE_COOKIE_NAME"])
    if is_supported(cookie):
        return cookie
    return request.accept_languages.best_match(supported_languages()) or DEFAULT_LANGUAGE


def current_language() -> str:
    return str(get_locale() or DEFAULT_LANGUAGE)


def text_direction(language: str | None = None) -> str:
    return "rtl" if (language or current_language()) in RTL_LANGUAGES else "ltr"


def pick_translation(texts: dict | None, language: str | None = None) -> tuple[str, str | None]:
    """Choose the text for `language` from a {lang: text} dict.

    Falls back to German, then to any language present. Returns (text, language of the text) so
    templates can mark a fallback with its own `lang` attribute.
    """
    if not texts:
        return "", None
    language = language or current_language()
    for candidate in (language, DEFAULT_LANGUAGE, *sorted(texts)):
        value = texts.get(candidate)
        if value and value.strip():
            return value, candidate
    return "", None


# How long the browser remembers a chosen language (the privacy notice reads it from here).
LOCALE_COOKIE_MAX_AGE = 365 * 24 * 3600


def remember_language(response, language: str):
    """Keep `language` for this browser in the locale cookie: after a language switch, and when
    a signed-in person leaves (logout, deleted account), so the next page still speaks theirs."""
    response.set_cookie(
        current_app.config["LOCALE_COOKIE_NAME"],
        language,
        max_age=LOCALE_COOKIE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=current_app.config["SESSION_COOKIE_SECURE"],
    )
    return response
