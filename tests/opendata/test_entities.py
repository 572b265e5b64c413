"""Open-data files of the public entities: regions, fields of action, consultations with their
phases, proposals, official answers, comments, statements and verified organisations.

Only what anyone may read on the pages (never hidden, pending or rejected contributions, never
drafts, never unverified organisations), never an e-mail address; CSV and JSON say the same;
the files are streamed in keyset batches; the licence is named in a Link header; ETag and
rate limit as for the read API.
"""

import csv
import io
import json
import re
import types
from datetime import UTC, datetime

import pytest

from app.comments.models import Comment
from app.core.models import ModerationState
from app.extensions import db
from app.opendata import datasets, formats
from app.opendata.datasets import base
from app.organisations.models import OrganisationStatus
from app.proposals.models import Proposal
from tests.factories import make_field_of_action, make_region, make_user
from tests.opendata.columns import PUBLIC_COLUMNS, per_language
from tests.organisation_builders import on_site_event, organisation, statement, translation
from tests.participation_builders import comment, consultation, official_answer, proposal

NOW = datetime(2025, 2, 1, 12, 0, tzinfo=UTC)
STAMP = "2025-02-01T12:00:00Z"
LICENCE_LINK = '<https://www.govdata.de/dl-de/by-2-0>; rel="license"'
EMAILS = ("amira@example.org", "bodo@example.org", "kora@example.org", "kontakt@brücke.example")
SECRET = "ZQXGEHEIM"  # in every text that must not be published


@pytest.fixture
def world(time_machine):
    time_machine.move_to(NOW, tick=False)
    field = make_field_of_action("arbeit", de="Arbeit und Ausbildung", en="Work and training")
    retired = make_field_of_action("alt", de=f"Altes Feld {SECRET}")
    retired.is_active = False
    region = make_region("werra-meissner", de="Werra-Meißner-Kreis", ar="منطقة فيرا")
    region.fields_of_action = [field, retired]
    amira = make_user(display_name="Amira A.", email="amira@example.org")
    bodo = make_user(display_name="Bodo B.", email="bodo@example.org")
    kora = make_user(display_name="Kora Koordination", email="kora@example.org")

    verein = organisation(
        region,
        name="Kulturverein Brücke e. V.",
        admins=[bodo],
        members=[make_user(display_name=f"Mitglied {SECRET}")],
        fields=[field],
        description={"de": "Ein Verein.", "tr": "Bir dernek."},
    )
    verein.contact_email = "kontakt@brücke.example"
    vhs = organisation(region, name="Volkshochschule Eschwege", kind="association")
    waiting = organisation(region, name=f"Wartend {SECRET}", status=OrganisationStatus.REQUESTED)
    declined = organisation(region, name=f"Abgelehnt {SECRET}", status=OrganisationStatus.DECLINED)
    suspended = organisation(region, name=f"Entzogen {SECRET}", status=OrganisationStatus.SUSPENDED)

    running = consultation(
        region=region,
        phase="discussion",
        title={"de": "Zusammenleben", "en": "Living together", "ar": "العيش معًا", "fa": " "},
        summary={"de": "Worum es geht."},
        fields_of_action=[field],
    )
    archived = consultation(region=region, phase="results", state="archived")
    draft = consultation(region=region, state="draft", title={"de": f"Entwurf {SECRET}"})

    cafe = proposal(running, amira, title="Sprachcafé im Dorf", field_of_action=field)
    formula = proposal(archived, amira, title='=HYPERLINK("http://example.com","klick")')
    on_behalf = proposal(running, bodo, title="Beratung im Verein", organisation_id=verein.id)
    event = on_site_event(running, kora, name="Bürgerforum", place="Rathaus")
    on_site = proposal(running, kora, title="Mehr Busse", on_site_event_id=event.id)
    hidden = proposal(running, amira, f"Verborgen {SECRET}", moderation_state="hidden")
    pending = proposal(running, amira, f"Wartet {SECRET}", moderation_state="pending")
    rejected = proposal(running, amira, f"Abgelehnt {SECRET}", moderation_state="rejected")
    in_draft = proposal(draft, amira, f"Im Entwurf {SECRET}")
    translation(cafe, bodo, language="tr", title="Köyde dil kafesi", body=f"Çeviri {SECRET}")

    answer = official_answer(cafe, kora, "accepted", "Wir setzen das um.")
    official_answer(hidden, kora, "rejected", f"Antwort {SECRET}")

    first = comment(cafe, bodo, "Gute Idee!", stance="in_favour")
    reply = comment(cafe, amira, "Danke.", parent=first)
    removed = comment(cafe, amira, f"Entfernt {SECRET}", stance="against")
    removed.deleted_at = datetime(2025, 1, 20, 9, 0)
    removed.edited_at = datetime(2025, 1, 19, 9, 0)
    comment(cafe, amira, f"Versteckt {SECRET}", moderation_state="hidden")
    comment(cafe, amira, f"Wartend {SECRET}", moderation_state="pending")
    comment(hidden, bodo, f"Unter Verborgenem {SECRET}")
    comment(in_draft, bodo, f"Unter Entwurf {SECRET}")

    position = statement(running, verein, bodo, title="Stellungnahme des Vereins")
    statement(running, vhs, bodo, title=f"Verborgen {SECRET}", state="hidden")
    statement(archived, vhs, bodo, title=f"Wartet {SECRET}", state="pending")
    statement(draft, verein, bodo, title=f"Im Entwurf {SECRET}")
    db.session.commit()
    return types.SimpleNamespace(
        field=field,
        region=region,
        verein=verein,
        vhs=vhs,
        running=running,
        archived=archived,
        public=[cafe, formula, on_behalf, on_site],
        not_public=[hidden, pending, rejected, in_draft],
        hidden_organisations=[waiting, declined, suspended],
        cafe=cafe,
        formula=formula,
        on_behalf=on_behalf,
        on_site=on_site,
        event=event,
        answer=answer,
        comments=[first, reply, removed],
        removed=removed,
        statement=position,
        users={"amira": amira, "bodo": bodo, "kora": kora},
    )


def download(client, name: str, fmt: str):
    response = client.get(f"/open-data/{name}.{fmt}", buffered=False)
    assert response.status_code == 200, name
    assert response.is_streamed, name
    return response


def json_rows(client, name: str) -> list[dict]:
    return json.loads(download(client, name, "json").get_data(as_text=True))["rows"]


def csv_rows(client, name: str) -> list[dict]:
    text = download(client, name, "csv").get_data(as_text=True)
    return list(csv.DictReader(io.StringIO(text)))


def by_id(rows: list[dict]) -> dict:
    return {row["id"]: row for row in rows}


# --- Shape ------------------------------------------------------------------------------------


def test_every_row_has_exactly_the_documented_columns(world):
    for name, expected in PUBLIC_COLUMNS.items():
        dataset = datasets.get(name)
        assert dataset.column_names == expected
        rows = list(dataset.rows())
        assert rows, name
        for row in rows:
            assert list(row) == expected, name


def test_csv_and_json_say_the_same(client, world):
    for name in PUBLIC_COLUMNS:
        dataset = datasets.get(name)
        from_json = json_rows(client, name)
        from_csv = csv_rows(client, name)
        assert len(from_json) == len(from_csv) > 0, name
        for json_row, csv_row in zip(from_json, from_csv, strict=True):
            assert list(csv_row) == dataset.column_names
            expected = {
                column.name: formats.csv_cell(column, json_row[column.name])
                for column in dataset.columns
            }
            assert csv_row == expected, name


# --- Visibility -------------------------------------------------------------------------------


def test_nothing_that_is_not_public_is_in_any_file(client, world):
    for name in PUBLIC_COLUMNS:
        for fmt in ("csv", "json"):
            text = download(client, name, fmt).get_data(as_text=True)
            assert SECRET not in text, (name, fmt)


def test_no_email_address_in_any_file(client, world):
    address = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
    for dataset in datasets.all_datasets():
        for fmt in ("csv", "json"):
            text = download(client, dataset.name, fmt).get_data(as_text=True)
            for email in EMAILS:
                assert email not in text, (dataset.name, fmt)
            assert not address.findall(text), (dataset.name, fmt)


def test_proposals_are_the_published_ones_of_public_consultations(client, world):
    rows = by_id(json_rows(client, "proposals"))
    assert set(rows) == {item.id for item in world.public}
    assert not set(rows) & {item.id for item in world.not_public}
    cafe = rows[world.cafe.id]
    assert cafe == {
        "id": world.cafe.id,
        "consultation_id": world.running.id,
        "region_slug": "werra-meissner",
        "title": "Sprachcafé im Dorf",
        "text": world.cafe.body,
        "language": "de",
        "field_of_action_slug": "arbeit",
        "status": "accepted",
        "author_display_name": "Amira A.",
        "organisation_id": None,
        "organisation_name": None,
        "on_site_event_name": None,
        "on_site_event_place": None,
        "on_site_event_held_on": None,
        "created_at": STAMP,
        "edited_at": None,
        "votes_for": 0,
        "votes_against": 0,
        "comment_count": world.cafe.comment_count,
    }
    behalf = rows[world.on_behalf.id]
    assert (behalf["organisation_id"], behalf["organisation_name"]) == (
        world.verein.id,
        "Kulturverein Brücke e. V.",
    )
    assert behalf["author_display_name"] == "Bodo B."
    on_site = rows[world.on_site.id]
    assert (on_site["on_site_event_name"], on_site["on_site_event_place"]) == (
        "Bürgerforum",
        "Rathaus",
    )
    assert on_site["on_site_event_held_on"] == "2025-02-01"
    assert rows[world.formula.id]["consultation_id"] == world.archived.id
    # The translation is a contribution of its own, not a proposal.
    assert "Köyde dil kafesi" not in download(client, "proposals", "json").get_data(as_text=True)


def test_a_proposal_hidden_later_leaves_the_files_with_its_answers_and_comments(client, world):
    cafe = db.session.get(Proposal, world.cafe.id)
    cafe.moderation_state = ModerationState.HIDDEN
    db.session.commit()
    assert world.cafe.id not in by_id(json_rows(client, "proposals"))
    assert json_rows(client, "official_responses") == []
    assert json_rows(client, "comments") == []


def test_official_answers_only_to_public_proposals(client, world):
    assert json_rows(client, "official_responses") == [
        {
            "id": world.answer.id,
            "proposal_id": world.cafe.id,
            "status": "accepted",
            "text": "Wir setzen das um.",
            "answered_at": STAMP,
        }
    ]


def test_comments_published_on_public_proposals_removed_text_empty(client, world):
    first, reply, removed = world.comments
    rows = json_rows(client, "comments")
    assert [row["id"] for row in rows] == [first.id, reply.id, removed.id]  # oldest first
    assert rows[0]["stance"] == "in_favour"
    assert rows[0]["author_display_name"] == "Bodo B."
    assert rows[1]["parent_id"] == first.id
    assert rows[2] == {
        "id": removed.id,
        "proposal_id": world.cafe.id,
        "consultation_id": world.running.id,
        "parent_id": None,
        "text": "",
        "removed": True,
        "language": "de",
        "stance": None,
        "author_display_name": "Amira A.",
        "organisation_id": None,
        "organisation_name": None,
        "on_site_event_name": None,
        "on_site_event_place": None,
        "on_site_event_held_on": None,
        "created_at": STAMP,
        "edited_at": None,
    }
    cells = csv_rows(client, "comments")
    assert (cells[2]["text"], cells[2]["removed"]) == ("", "true")
    assert cells[0]["removed"] == "false"


def test_statements_published_in_public_consultations(client, world):
    rows = json_rows(client, "statements")
    assert rows == [
        {
            "id": world.statement.id,
            "consultation_id": world.running.id,
            "region_slug": "werra-meissner",
            "organisation_id": world.verein.id,
            "organisation_name": "Kulturverein Brücke e. V.",
            "title": "Stellungnahme des Vereins",
            "text": world.statement.body,
            "language": "de",
            "author_display_name": "Bodo B.",
            "created_at": STAMP,
            "edited_at": None,
        }
    ]


def test_organisations_verified_only_without_contact_or_members(client, world):
    rows = json_rows(client, "organisations")
    assert {row["id"] for row in rows} == {world.verein.id, world.vhs.id}
    verein = by_id(rows)[world.verein.id]
    assert verein["kind"] == "migrant_organisation"
    assert verein["region_slugs"] == ["werra-meissner"]
    assert verein["field_of_action_slugs"] == ["arbeit"]
    assert (verein["description_de"], verein["description_tr"], verein["description_en"]) == (
        "Ein Verein.",
        "Bir dernek.",
        "",
    )
    assert verein["verified_at"] == STAMP
    text = download(client, "organisations", "csv").get_data(as_text=True)
    assert "Bodo B." not in text and "Mitglied" not in text
    assert "kontakt" not in text


def test_consultations_public_ones_with_phases_and_languages(client, world):
    rows = by_id(json_rows(client, "consultations"))
    assert set(rows) == {world.running.id, world.archived.id}
    running = rows[world.running.id]
    assert running["state"] == "published"
    assert running["title_de"] == "Zusammenleben"
    assert running["title_en"] == "Living together"
    assert running["title_ar"] == "العيش معًا"
    assert running["title_fa"] == ""  # only blanks: not a text
    assert running["title_tr"] == ""
    assert running["summary_de"] == "Worum es geht."
    assert running["field_of_action_slugs"] == ["arbeit"]
    assert (running["moderation"], running["voting"]) == ("post", "support")
    phases = {phase.kind: phase for phase in world.running.phases}
    assert running["discussion_starts_at"] == phases["discussion"].starts_at.isoformat() + "Z"
    assert running["results_ends_at"] == phases["results"].ends_at.isoformat() + "Z"
    # Published proposals only: not the hidden, pending or rejected ones.
    assert running["proposal_count"] == 3
    assert rows[world.archived.id]["state"] == "archived"
    assert rows[world.archived.id]["archived_at"] == STAMP


def test_consultation_without_a_phase_leaves_its_columns_empty(client, world):
    lean = consultation(region=world.region, phases=["information"])
    db.session.commit()
    row = by_id(json_rows(client, "consultations"))[lean.id]
    assert row["information_starts_at"] is not None
    assert row["voting_starts_at"] is None and row["voting_ends_at"] is None
    cells = {row["id"]: row for row in csv_rows(client, "consultations")}[str(lean.id)]
    assert cells["voting_starts_at"] == ""


def test_regions_and_active_fields_of_action_with_one_column_per_language(client, world):
    (region,) = json_rows(client, "regions")
    assert region["slug"] == "werra-meissner"
    assert region["kind"] == "model_region"
    assert [region[column] for column in per_language("name")] == [
        "Werra-Meißner-Kreis",
        "",
        "",
        "منطقة فيرا",
        "",
        "",
        "",
        "",
    ]
    assert region["field_of_action_slugs"] == ["arbeit"]  # the retired field is left out
    fields = json_rows(client, "fields_of_action")
    assert [field["slug"] for field in fields] == ["arbeit"]
    assert (fields[0]["name_de"], fields[0]["name_en"]) == (
        "Arbeit und Ausbildung",
        "Work and training",
    )


def test_formula_cells_are_neutralised_in_csv_only(client, world):
    cells = {row["id"]: row for row in csv_rows(client, "proposals")}
    assert cells[str(world.formula.id)]["title"] == "'" + world.formula.title
    raw = download(client, "proposals", "csv").get_data(as_text=True)
    assert "\n=HYPERLINK" not in raw and ",=HYPERLINK" not in raw
    assert by_id(json_rows(client, "proposals"))[world.formula.id]["title"].startswith("=")


# --- Streaming ----------------------------------------------------------------------------------


def test_downloads_are_streamed_with_the_licence_link(client, world):
    for name in PUBLIC_COLUMNS:
        for fmt in ("csv", "json"):
            response = download(client, name, fmt)
            assert response.headers["Link"].startswith(LICENCE_LINK)
            assert "Content-Length" not in response.headers
            assert response.get_data()


def test_large_tables_are_read_in_keyset_batches(client, world, monkeypatch, count_queries):
    """With two rows per batch, every proposal and comment comes once, in order, and each
    batch is a statement of its own (none reads the whole table)."""
    monkeypatch.setattr(base, "BATCH_SIZE", 2)
    more = [proposal(world.running, world.users["amira"], f"Vorschlag {n}") for n in range(5)]
    db.session.commit()
    expected = sorted([item.id for item in world.public] + [item.id for item in more])
    with count_queries() as counter:
        rows = json_rows(client, "proposals")
    assert [row["id"] for row in rows] == expected
    # The batches read the published proposals (those of draft consultations are left out
    # after each read); each batch is one statement with a LIMIT.
    published = db.session.scalar(
        db.select(db.func.count(Proposal.id)).where(
            Proposal.moderation_state == ModerationState.PUBLISHED
        )
    )
    batches = [sql for sql in counter.statements if "LIMIT" in sql]
    assert len(batches) == published // 2 + 1
    assert all("FROM contributions JOIN proposals" in sql for sql in batches)
    comments = [row["id"] for row in json_rows(client, "comments")]
    assert comments == sorted(item.id for item in world.comments)


def test_rows_and_writers_are_generators(app, world, monkeypatch):
    monkeypatch.setattr(formats, "ROWS_PER_CHUNK", 1)
    dataset = datasets.get("proposals")
    assert isinstance(dataset.rows(), types.GeneratorType)
    with app.test_request_context():
        pieces = list(formats.csv_chunks(dataset))
        # The header and one piece per row (and the rest): never one string built whole.
        assert len(pieces) == len(world.public) + 1
        json_pieces = list(formats.json_chunks(dataset))
        assert len(json_pieces) == len(world.public) + 2
        document = json.loads("".join(json_pieces))
        assert [row["id"] for row in document["rows"]] == sorted(p.id for p in world.public)


def test_statement_count_does_not_grow_with_the_rows(client, world, count_queries):
    def counts():
        numbers = {}
        for name in PUBLIC_COLUMNS:
            with count_queries() as counter:
                download(client, name, "json").get_data()
            numbers[name] = len(counter)
        return numbers

    before = counts()
    for number in range(4):
        item = proposal(world.running, world.users["bodo"], f"Noch einer {number}")
        comment(item, world.users["amira"], "Ja.")
        official_answer(item, world.users["kora"], "under_review")
        organisation(world.region, name=f"Verein {number}")
        consultation(region=world.region)
    db.session.commit()
    assert counts() == before


# --- ETag and rate limit ----------------------------------------------------------------------


def test_etag_answers_304_until_something_changes(client, world):
    first = download(client, "comments", "csv")
    first.get_data()
    etag = first.headers["ETag"]
    assert etag.startswith('W/"')
    again = client.get("/open-data/comments.csv", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.get_data() == b""
    assert again.headers["Link"].startswith(LICENCE_LINK)
    # Another format or dataset has a tag of its own.
    other = client.get("/open-data/comments.json", headers={"If-None-Match": etag})
    assert other.status_code == 200
    other.get_data()

    hidden = db.session.get(Comment, world.comments[0].id)
    hidden.moderation_state = ModerationState.HIDDEN
    db.session.commit()
    changed = client.get("/open-data/comments.csv", headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.headers["ETag"] != etag
    assert "Gute Idee!" not in changed.get_data(as_text=True)


def test_downloads_are_rate_limited_like_the_api(app, client, world, monkeypatch):
    monkeypatch.setitem(app.config, "RATELIMIT_API", "3 per minute")
    for name in ("regions", "proposals", "comments"):
        download(client, name, "csv").get_data()
    refused = client.get("/open-data/statements.json")
    assert refused.status_code == 429
