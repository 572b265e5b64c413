"""The results page: ranking per field of action, share, and the answer-threshold mark."""

from app.extensions import db
from tests import participation_builders as build
from tests.factories import make_user

ENGLISH = {"Accept-Language": "en"}


def test_results_rank_by_votes_and_mark_the_answer_threshold(client):
    consultation = build.consultation(phase="results", answer_threshold=3)
    author = make_user()
    build.proposal(consultation, author, title="Weniger beliebt", votes_for=1)
    build.proposal(consultation, author, title="Genau an der Schwelle", votes_for=3)
    db.session.commit()
    page = client.get(f"/consultations/{consultation.id}/results", headers=ENGLISH)
    text = page.get_data(as_text=True)
    assert text.index("Genau an der Schwelle") < text.index("Weniger beliebt")
    assert text.count("Answer threshold reached") == 1
    assert "75" in text and "25" in text  # shares of the field's 4 supports


def test_without_a_threshold_nothing_is_marked(client):
    consultation = build.consultation(phase="results", answer_threshold=0)
    build.proposal(consultation, make_user(), votes_for=50)
    db.session.commit()
    text = client.get(f"/consultations/{consultation.id}/results", headers=ENGLISH).get_data(
        as_text=True
    )
    assert "Answer threshold reached" not in text


def test_the_consultation_page_links_the_results_only_after_voting(client):
    during = build.consultation(phase="voting")
    after = build.consultation(phase="results")
    db.session.commit()
    link = "See the results"
    assert link not in client.get(f"/consultations/{during.id}", headers=ENGLISH).get_data(
        as_text=True
    )
    assert link in client.get(f"/consultations/{after.id}", headers=ENGLISH).get_data(as_text=True)
    assert "has not ended yet" in client.get(
        f"/consultations/{during.id}/results", headers=ENGLISH
    ).get_data(as_text=True)
