"""Full-text search over proposals: title and body, any case, several scripts, no syntax
injection, prefix matching only for the similar-title suggestions, edits re-indexed."""

import re

import pytest
from sqlalchemy import select

from app.extensions import db
from app.proposals import search, services
from app.proposals.models import Proposal
from app.proposals.queries import similar_proposals
from tests import participation_builders as build
from tests.conftest import post_form
from tests.factories import make_user


def found(client, c, query: str) -> set[str]:
    """Titles the consultation page lists for the search `query`."""
    response = client.get(build.consultation_url(c), query_string={"q": query})
    assert response.status_code == 200, query
    page = response.get_data(as_text=True)
    return set(
        re.findall(r'<h3 class="proposal-card__title"[^>]*>\s*<a href="[^"]+">([^<]*)</a>', page)
    )


def matching_ids(query: str, prefix: bool = False) -> set[int]:
    condition = search.matching_condition(query, prefix=prefix)
    if condition is None:
        return set()
    return set(db.session.scalars(select(Proposal.id).where(condition)))


@pytest.fixture
def library():
    c = build.consultation(phase="proposals")
    author = make_user()
    texts = {
        "Mehr Sprachkurse am Abend": "Berufstätige können tagsüber nicht teilnehmen.",
        "Ein neues Bürgerhaus": "Mit Räumen für Vereine und einer Küche für Feste.",
        "Gençlik merkezi için öneri": "Şehirde gençler için buluşma yeri açılmalı.",
        "مكتبة عامة في الحي": "نقترح فتح مكتبة للأطفال والكبار.",
        "Библиотека для детей": "Нужна детская библиотека рядом со школой.",
        "Fahrradwege ausbauen": 'Sichere "Protected Bike Lanes" an der Hauptstraße.',
    }
    for title, body in texts.items():
        build.proposal(c, author, title=title, body=body)
    build.proposal(
        build.consultation(c.region, phase="proposals"),
        author,
        title="Sprachkurse anderswo",
        body="In einer anderen Beteiligung, nie in dieser gefunden.",
    )
    db.session.commit()
    return c


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Sprachkurse", {"Mehr Sprachkurse am Abend"}),
        ("sprachkurse", {"Mehr Sprachkurse am Abend"}),
        ("SPRACHKURSE", {"Mehr Sprachkurse am Abend"}),
        ("berufstätige", {"Mehr Sprachkurse am Abend"}),  # a word of the body
        ("BERUFSTÄTIGE", {"Mehr Sprachkurse am Abend"}),
        ("Sprachkurse tagsüber", {"Mehr Sprachkurse am Abend"}),  # title and body together
        ("Bürgerhaus", {"Ein neues Bürgerhaus"}),
        ("BÜRGERHAUS", {"Ein neues Bürgerhaus"}),
        ("küche", {"Ein neues Bürgerhaus"}),
        ("Hauptstraße", {"Fahrradwege ausbauen"}),
        ("gençlik", {"Gençlik merkezi için öneri"}),
        ("GENÇLIK", {"Gençlik merkezi için öneri"}),
        ("şehirde", {"Gençlik merkezi için öneri"}),
        ("ŞEHIRDE", {"Gençlik merkezi için öneri"}),
        ("için", {"Gençlik merkezi için öneri"}),
        ("مكتبة", {"مكتبة عامة في الحي"}),
        ("للأطفال", {"مكتبة عامة في الحي"}),
        ("библиотека", {"Библиотека для детей"}),
        ("БИБЛИОТЕКА", {"Библиотека для детей"}),
        ("школой", {"Библиотека для детей"}),
        ("Sprachkurse Fahrradwege", set()),  # every word must match
        ("Schwimmbad", set()),
    ],
)
def test_words_are_found_in_title_and_body_in_any_case_and_script(client, library, query, expected):
    assert found(client, library, query) == expected


def test_a_dotted_capital_i_finds_the_turkish_word_it_was_written_with(client):
    c = build.consultation(phase="proposals")
    build.proposal(c, make_user(), title="İstanbul caddesinde bisiklet yolu")
    db.session.commit()
    assert found(client, c, "İstanbul") == {"İstanbul caddesinde bisiklet yolu"}
    assert found(client, c, "caddesinde") == {"İstanbul caddesinde bisiklet yolu"}


@pytest.mark.parametrize("query", ["Straße", "straße", "Große", "große"])
def test_words_with_sharp_s_are_found(client, query):
    c = build.consultation(phase="proposals")
    build.proposal(c, make_user(), title="Große Straße sicherer machen")
    db.session.commit()
    assert found(client, c, query) == {"Große Straße sicherer machen"}


def test_the_search_stays_in_its_consultation(client, library):
    assert "Sprachkurse anderswo" not in found(client, library, "Sprachkurse")


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "'",
        '""',
        "*",
        "Sprach*",
        '"Sprachkurse"',
        '"Sprachkurse',
        "OR",
        "Sprachkurse OR Bürgerhaus",
        "AND",
        "NOT Sprachkurse",
        "NEAR(",
        "NEAR(Sprachkurse Abend, 2)",
        "title:Sprachkurse",
        "-Sprachkurse",
        "^Sprachkurse",
        "Sprachkurse)",
        "((((",
        "{title body}: x",
        "a'b\"c",
        "100%",
        "_",
        "\\",
        "'; DROP TABLE proposals; --",
        "😀 Sprachkurse",
        "x" * 400,
        " ".join(["wort"] * 50),
    ],
)
def test_special_characters_never_cause_an_error(client, library, query):
    found(client, library, query)  # asserts 200
    response = client.get(
        f"/consultations/{library.id}/proposals/similar", query_string={"title": query}
    )
    assert response.status_code == 200
    matching_ids(query)
    matching_ids(query, prefix=True)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('"Sprachkurse"', {"Mehr Sprachkurse am Abend"}),
        ("Sprachkurse OR Bürgerhaus", set()),  # OR is a word here, not an operator
        ("NEAR(Sprachkurse Abend, 2)", set()),
        ("Sprach*", set()),  # no wildcard in the list search
        ("(Sprachkurse)", {"Mehr Sprachkurse am Abend"}),
        ('"Protected Bike Lanes"', {"Fahrradwege ausbauen"}),
    ],
)
def test_operators_are_read_as_words(client, library, query, expected):
    assert found(client, library, query) == expected


def test_the_list_search_matches_whole_words_only(client, library):
    assert found(client, library, "Sprachkur") == set()
    assert found(client, library, "Bürger") == set()


def test_similar_titles_match_word_beginnings(library):
    titles = {p.title for p in similar_proposals(library, "Sprachkur")}
    assert titles == {"Mehr Sprachkurse am Abend"}
    assert {p.title for p in similar_proposals(library, "neues Bürger")} == {"Ein neues Bürgerhaus"}
    assert {p.title for p in similar_proposals(library, "БИБЛИО")} == {"Библиотека для детей"}


def test_a_query_without_words_searches_nothing(client, library):
    assert search.matching_condition('  *** "" ()  ') is None
    # ... and lists everything, as with no query at all
    assert len(found(client, library, "***")) == 6


def test_an_edited_proposal_is_found_by_its_new_words_only(app, client, login_as):
    c = build.consultation(phase="proposals")
    author = login_as("participant", locale="en")
    proposal = build.proposal(
        c, author, title="Parkplätze am Bahnhof", body="Mehr Parkplätze für Pendler am Bahnhof."
    )
    db.session.commit()
    response = post_form(
        client,
        build.proposal_url(proposal, "/edit"),
        {
            "title": "Fahrradständer am Bahnhof",
            "body": "Überdachte Fahrradständer für Pendlerinnen und Pendler.",
            "field_of_action": "0",
            "language": "de",
            "revision": "0",
        },
    )
    assert response.status_code == 302
    assert found(client, c, "Fahrradständer") == {"Fahrradständer am Bahnhof"}
    assert found(client, c, "überdachte") == {"Fahrradständer am Bahnhof"}
    assert found(client, c, "Parkplätze") == set()
    assert found(client, c, "Bahnhof") == {"Fahrradständer am Bahnhof"}
    assert {p.title for p in similar_proposals(c, "Parkpl")} == set()
    assert {p.title for p in similar_proposals(c, "Fahrradst")} == {"Fahrradständer am Bahnhof"}


def test_a_proposal_submitted_through_the_service_is_found_at_once(app, client):
    c = build.consultation(phase="proposals")
    user = make_user()
    db.session.commit()
    with app.test_request_context("/"):
        services.submit_proposal(
            user, c, "Wasserspender in Schulen", "Kostenloses Trinkwasser für alle Kinder.", "de",
            None,
        )  # fmt: skip
        db.session.commit()
    assert found(client, c, "trinkwasser") == {"Wasserspender in Schulen"}
