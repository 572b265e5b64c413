"""Locale choice, text direction, translated official texts, local dates."""

from datetime import datetime

import pytest
from flask_babel import force_locale, format_datetime

from app.core.i18n import pick_translation, text_direction
from app.core.models import Translated


@pytest.mark.parametrize(
    ("language", "direction"),
    [
        ("de", "ltr"),
        ("en", "ltr"),
        ("tr", "ltr"),
        ("ar", "rtl"),
        ("fa", "rtl"),
        ("pl", "ltr"),
        ("ru", "ltr"),
        ("uk", "ltr"),
    ],
)
def test_text_direction(language, direction):
    assert text_direction(language) == direction


@pytest.mark.parametrize(
    ("texts", "language", "expected"),
    [
        ({"de": "Hallo", "tr": "Merhaba"}, "tr", ("Merhaba", "tr")),
        ({"de": "Hallo", "tr": "Merhaba"}, "ar", ("Hallo", "de")),
        ({"de": "  ", "en": "Hello"}, "ar", ("Hello", "en")),
        ({"en": "Hello", "pl": "Cześć"}, "ru", ("Hello", "en")),
        ({}, "de", ("", None)),
        (None, "de", ("", None)),
    ],
)
def test_pick_translation_falls_back_to_german_then_any(texts, language, expected):
    assert pick_translation(texts, language) == expected


def test_translated_knows_its_language():
    text = Translated({"de": "Stadt Kassel"}, "ar")
    assert str(text) == "Stadt Kassel"
    assert text.lang == "de"
    assert not Translated({}, "de")


def test_dates_are_shown_in_berlin_time(app):
    # 23:30 UTC on 31 December is already New Year in Berlin.
    moment = datetime(2026, 12, 31, 23, 30)
    with app.test_request_context(), force_locale("de"):
        assert format_datetime(moment, "short") == "01.01.27, 00:30"
    with app.test_request_context(), force_locale("en"):
        assert "12:30" in format_datetime(moment, "short")


@pytest.mark.parametrize(
    ("headers", "cookie", "expected"),
    [
        ({}, None, "de"),
        ({"Accept-Language": "uk-UA,uk;q=0.9"}, None, "uk"),
        ({"Accept-Language": "fr-FR,fr;q=0.9"}, None, "de"),
        ({"Accept-Language": "fa"}, "pl", "pl"),
    ],
)
def test_locale_choice_for_anonymous_visitors(client, headers, cookie, expected):
    if cookie:
        client.set_cookie("mitreden_locale", cookie)
    page = client.get("/", headers=headers).get_data(as_text=True)
    assert f'<html lang="{expected}"' in page


def test_unknown_cookie_value_is_ignored(client):
    client.set_cookie("mitreden_locale", "<script>")
    page = client.get("/", headers={"Accept-Language": "ru"}).get_data(as_text=True)
    assert '<html lang="ru" dir="ltr">' in page
