"""Every UI language has a complete catalog: no untranslated, no fuzzy entry, placeholders kept."""

import re
from functools import cache
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from config import LANGUAGES

TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


@cache
def catalog(language):
    """The parsed catalog, read once per run (the tests only read it)."""
    with open(TRANSLATIONS / language / "LC_MESSAGES" / "messages.po", "rb") as handle:
        return read_po(handle, locale=language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalog_is_complete(language):
    entries = [message for message in catalog(language) if message.id]
    assert entries, f"{language}: empty catalog"
    untranslated = [
        message.id
        for message in entries
        if not message.string or (isinstance(message.string, tuple) and not all(message.string))
    ]
    fuzzy = [message.id for message in entries if message.fuzzy]
    assert untranslated == [], f"{language}: untranslated entries"
    assert fuzzy == [], f"{language}: fuzzy entries"


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_their_placeholders(language):
    wrong = []
    for message in catalog(language):
        if not message.id:
            continue
        source = message.id if isinstance(message.id, tuple) else (message.id,)
        expected = set(PLACEHOLDER.findall(source[-1]))
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        for form in forms:
            # A singular form may drop the count ("one proposal"), never another placeholder.
            missing = expected - set(PLACEHOLDER.findall(form)) - {"num"}
            unknown = set(PLACEHOLDER.findall(form)) - expected
            if missing or unknown:
                wrong.append((message.id, form))
    assert wrong == []


@pytest.fixture(scope="module")
def extracted():
    """The messages of the source code, extracted once for all languages."""
    from app.cli import extracted_messages

    return extracted_messages()


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalog_knows_every_extracted_message(language, extracted):
    """The catalogs were updated after the last change to the UI texts."""
    known = {
        message.id if isinstance(message.id, str) else message.id[0]
        for message in catalog(language)
        if message.id
    }
    assert sorted(extracted - known) == []
