"""Official texts (regions, fields of action) say in which languages they exist."""

import re

from app.extensions import db
from tests.factories import make_field_of_action, make_region

ENGLISH = {"Accept-Language": "en"}


def languages_note(page: str) -> str:
    match = re.search(r'<p class="text-languages">(.*?)</p>', page, re.S)
    assert match, "no note on the languages of the text"
    return match.group(1)


def test_the_region_page_names_the_languages_of_its_description(client):
    region = make_region(slug="kassel")
    region.description = {
        "de": "Kassel arbeitet mit Vereinen.",
        "tr": "Kassel derneklerle çalışıyor.",
    }
    db.session.commit()

    note = languages_note(client.get("/regions/kassel", headers=ENGLISH).get_data(as_text=True))

    assert "This text is not available in English. It is shown in Deutsch." in note
    assert '<span lang="de" dir="ltr">Deutsch</span>' in note
    assert '<span lang="tr" dir="ltr">Türkçe</span>' in note


def test_a_text_in_every_language_needs_no_note(client):
    region = make_region(slug="wiesbaden")
    region.description = {
        code: f"Text {code}" for code in ("de", "en", "tr", "ar", "fa", "pl", "ru", "uk")
    }
    db.session.commit()
    page = client.get("/regions/wiesbaden", headers=ENGLISH).get_data(as_text=True)
    assert "Text en" in page
    assert 'class="text-languages"' not in page


def test_fields_of_action_name_the_languages_of_their_descriptions(client):
    field = make_field_of_action("housing", de="Wohnen", en="Housing")
    field.description = {"de": "Bezahlbarer Wohnraum.", "ar": "سكن ميسور التكلفة."}
    region = make_region()
    region.fields_of_action = [field]
    db.session.commit()

    page = client.get("/regions/fields-of-action/", headers=ENGLISH).get_data(as_text=True)

    note = languages_note(page)
    assert '<span lang="ar" dir="rtl">العربية</span>' in note
    assert "not available in English" in note
