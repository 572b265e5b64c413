"""Organisation pages: the directory, the profile, and asking to register an organisation."""

import re

import pytest

from app.extensions import db
from app.organisations.models import (
    MemberRole,
    Membership,
    Organisation,
    OrganisationKind,
    OrganisationStatus,
    VerificationDecision,
)
from tests import organisation_builders as org_build
from tests import participation_builders as build
from tests.conftest import log_in, post_form
from tests.factories import make_field_of_action, make_region, make_user

EN = {"Accept-Language": "en"}


@pytest.fixture
def kassel(app):
    region = make_region("kassel", de="Kassel", en="Kassel")
    db.session.commit()
    return region


def names_listed(page: str) -> list[str]:
    return re.findall(r'class="organisation-card__title"><a [^>]*>([^<]+)</a>', page)


# --- Directory ----------------------------------------------------------------------------------


def test_directory_lists_only_verified_organisations(client, kassel):
    org_build.organisation(kassel, name="Verein Sonne")
    for status in ("requested", "declined", "suspended"):
        org_build.organisation(kassel, name=f"Verein {status}", status=status)
    db.session.commit()
    page = client.get("/organisations/", headers=EN).get_data(as_text=True)
    assert names_listed(page) == ["Verein Sonne"]
    assert "1 organisation found" in page
    assert "Verified organisation" in page


def test_directory_shows_kind_regions_and_summary_with_its_language(client, kassel):
    other = make_region("giessen", de="Gießen", en="Giessen")
    org_build.organisation(
        kassel,
        other,
        name="Elternverein Köprü",
        kind=OrganisationKind.ASSOCIATION,
        description={"tr": "Veliler için danışmanlık."},
    )
    db.session.commit()
    page = client.get("/organisations/", headers=EN).get_data(as_text=True)
    assert "Association" in page
    assert "Kassel" in page and "Giessen" in page
    assert 'lang="tr" dir="ltr">Veliler için danışmanlık.</p>' in page


def test_directory_filters_by_region_kind_field_and_name(client, kassel):
    giessen = make_region("giessen")
    health = make_field_of_action("health")
    org_build.organisation(kassel, name="Arabischer Kulturverein", fields=[health])
    org_build.organisation(giessen, name="Moscheegemeinde Gießen", kind="religious_community")
    org_build.organisation(kassel, name="Caritas Kassel", kind="welfare")
    db.session.commit()

    def listed(query: str) -> list[str]:
        return names_listed(client.get(f"/organisations/?{query}").get_data(as_text=True))

    assert listed("region=giessen") == ["Moscheegemeinde Gießen"]
    assert listed("kind=welfare") == ["Caritas Kassel"]
    assert listed("field=health") == ["Arabischer Kulturverein"]
    assert listed("q=KULTUR") == ["Arabischer Kulturverein"]
    # Case folding beyond ASCII: "GIESSEN" finds "Gießen".
    assert listed("q=GIESSEN") == ["Moscheegemeinde Gießen"]
    assert listed("region=kassel&kind=welfare") == ["Caritas Kassel"]


def test_search_wildcards_are_characters(client, kassel):
    org_build.organisation(kassel, name="Verein 100% Vielfalt")
    org_build.organisation(kassel, name="Verein Hundert")
    db.session.commit()
    page = client.get("/organisations/?q=%25").get_data(as_text=True)
    assert names_listed(page) == ["Verein 100% Vielfalt"]
    page = client.get("/organisations/?q=_").get_data(as_text=True)
    assert names_listed(page) == []


@pytest.mark.parametrize(
    "query",
    [
        "region=nowhere",
        "kind=<script>",
        "field=%27%20OR%201=1",
        "page=-4",
        "page=abc",
        "page=99999999999",
        "q=" + "x" * 5000,
        "region[]=1&kind=1",
    ],
)
def test_hostile_filter_values_fall_back_to_defaults(client, kassel, query):
    org_build.organisation(kassel, name="Verein Sonne")
    db.session.commit()
    response = client.get(f"/organisations/?{query}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "<script>" not in page
    if not query.startswith(("q=", "page=9")):
        assert names_listed(page) == ["Verein Sonne"]


def test_directory_is_paginated(client, kassel):
    for number in range(25):
        org_build.organisation(kassel, name=f"Verein {number:02d}")
    db.session.commit()
    first = client.get("/organisations/", headers=EN).get_data(as_text=True)
    second = client.get("/organisations/?page=2", headers=EN).get_data(as_text=True)
    assert len(names_listed(first)) == 20
    assert names_listed(second) == [f"Verein {n}" for n in range(20, 25)]
    assert "Page 1 of 2" in first


def statements_for(client, count_queries, path: str) -> int:
    client.get(path)  # warm-up: caches, first-request work
    with count_queries() as counted:
        assert client.get(path).status_code == 200
    return len(counted)


def test_directory_runs_the_same_statements_for_3_and_30_organisations(
    client, kassel, count_queries
):
    field = make_field_of_action("education")
    other = make_region("fulda")
    for number in range(3):
        org_build.organisation(kassel, other, name=f"Verein {number}", fields=[field])
    db.session.commit()
    few = statements_for(client, count_queries, "/organisations/")
    for number in range(3, 30):
        org_build.organisation(kassel, other, name=f"Verein {number}", fields=[field])
    db.session.commit()
    many = statements_for(client, count_queries, "/organisations/")
    assert few == many
    filtered = statements_for(client, count_queries, "/organisations/?region=kassel&q=verein")
    assert filtered == many


# --- Profile ------------------------------------------------------------------------------------


def test_profile_shows_details_and_an_external_website_link(client, kassel):
    field = make_field_of_action("work", de="Arbeit", en="Work")
    org = org_build.organisation(kassel, name="Verein Sonne", fields=[field])
    org.website = "https://sonne.example.org"
    org.contact_email = "kontakt@sonne.example.org"
    org.description = {"de": "Wir beraten **Familien**.", "en": "We advise families."}
    db.session.commit()
    page = client.get(f"/organisations/{org.id}", headers=EN).get_data(as_text=True)
    assert "<h1><bdi>Verein Sonne</bdi></h1>" in page
    assert 'href="https://sonne.example.org" rel="nofollow noopener"' in page
    assert "mailto:kontakt@sonne.example.org" in page
    assert "We advise families." in page
    assert "Available in:" in page
    assert "Work" in page and 'href="/regions/kassel"' in page


def test_unverified_profile_is_404_for_strangers(client, kassel):
    org = org_build.organisation(kassel, status=OrganisationStatus.REQUESTED)
    db.session.commit()
    assert client.get(f"/organisations/{org.id}").status_code == 404
    log_in(client, make_user())
    assert client.get(f"/organisations/{org.id}").status_code == 404
    assert client.get("/organisations/999999").status_code == 404


def test_unverified_profile_shows_its_status_to_members_and_reviewers(client, kassel):
    member = make_user(locale="en")
    coordinator = make_user(locale="en")
    from app.accounts.models import RoleAssignment

    db.session.add(RoleAssignment(user=coordinator, role="coordinator", region=kassel))
    org = org_build.organisation(kassel, status=OrganisationStatus.REQUESTED, members=[member])
    db.session.commit()
    for person in (member, coordinator):
        log_in(client, person)
        response = client.get(f"/organisations/{org.id}")
        assert response.status_code == 200
        assert "Waiting for verification" in response.get_data(as_text=True)


def test_declined_profile_shows_the_reason_to_its_admin(client, kassel):
    admin = make_user(locale="en")
    reviewer = make_user()
    org = org_build.organisation(kassel, status=OrganisationStatus.DECLINED, admins=[admin])
    org.decisions.append(
        VerificationDecision(
            decided_by_id=reviewer.id, action="decline", reason="Bitte Satzung verlinken."
        )
    )
    db.session.commit()
    log_in(client, admin)
    page = client.get(f"/organisations/{org.id}").get_data(as_text=True)
    assert "The request was declined." in page
    assert "Bitte Satzung verlinken." in page


def test_said_on_behalf_lists_published_contributions_newest_first(client, kassel):
    from datetime import timedelta

    from app.core.clock import utcnow_naive

    member = make_user()
    org = org_build.organisation(kassel, name="Verein Sonne", members=[member])
    consultation = build.consultation(region=kassel, phase="discussion")
    now = utcnow_naive()
    older = build.proposal(
        consultation,
        member,
        title="Mehr Sprachkurse am Abend",
        organisation_id=org.id,
        created_at=now - timedelta(days=2),
    )
    comment = build.comment(
        older,
        member,
        body="Wir bieten Räume dafür an.",
        organisation_id=org.id,
        created_at=now - timedelta(days=1),
    )
    build.proposal(consultation, member, title="Privat geschrieben")
    build.proposal(
        consultation,
        member,
        title="Versteckter Vorschlag",
        organisation_id=org.id,
        moderation_state="hidden",
    )
    translated = org_build.translation(older, member, language="tr", title="Akşam dil kursları")
    translated.organisation_id = org.id
    db.session.commit()

    page = client.get(f"/organisations/{org.id}", headers=EN).get_data(as_text=True)
    section = page.split('id="contributions"', 1)[1]
    assert "Mehr Sprachkurse am Abend" in section
    assert f"{build.proposal_url(older)}#comment-{comment.id}" in section
    assert section.index("Wir bieten Räume") < section.index("Mehr Sprachkurse am Abend")
    assert "Privat geschrieben" not in section
    assert "Versteckter Vorschlag" not in section
    assert "Akşam dil kursları" not in section


def test_said_on_behalf_links_statements(client, kassel, app):
    if "statements.detail" not in app.view_functions:
        pytest.skip("statement pages are not there yet")
    admin = make_user()
    org = org_build.organisation(kassel, admins=[admin])
    consultation = build.consultation(region=kassel, phase="discussion")
    item = org_build.statement(consultation, org, admin, title="Unsere Stellungnahme")
    db.session.commit()
    page = client.get(f"/organisations/{org.id}").get_data(as_text=True)
    assert "Unsere Stellungnahme" in page
    assert f"/consultations/{consultation.id}/statements/{item.id}" in page


# --- Asking to register an organisation ---------------------------------------------------------


def request_data(region, **changes) -> dict:
    data = {
        "name": "Afrikanischer Frauenverein Kassel",
        "kind": OrganisationKind.MIGRANT_ORGANISATION,
        "regions": [str(region.id)],
        "description_tr": "Kasseldeki Afrikalı kadınlara destek oluyoruz.",
        "website": "https://frauenverein.example.org",
        "contact_email": "Info@Frauenverein.example.org",
    }
    data.update(changes)
    return data


def test_request_creates_an_organisation_waiting_for_verification(client, kassel):
    field = make_field_of_action("women")
    requester = make_user(locale="en")
    db.session.commit()
    log_in(client, requester)
    response = post_form(client, "/organisations/new", request_data(kassel, fields=[str(field.id)]))
    assert response.status_code == 302
    org = db.session.scalar(db.select(Organisation))
    assert response.headers["Location"].endswith(f"/organisations/{org.id}")
    assert org.status == OrganisationStatus.REQUESTED
    assert org.description == {"tr": "Kasseldeki Afrikalı kadınlara destek oluyoruz."}
    assert org.contact_email == "info@frauenverein.example.org"
    assert [r.id for r in org.regions] == [kassel.id]
    assert [f.id for f in org.fields_of_action] == [field.id]
    assert [(m.user_id, m.role) for m in org.memberships] == [(requester.id, MemberRole.ADMIN)]
    assert [d.action for d in org.decisions] == ["request"]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "coordination of the regions you chose will review" in page
    assert "Waiting for verification" in page


def test_request_needs_a_description_in_some_language_and_keeps_the_input(client, kassel):
    log_in(client, make_user(locale="en"))
    db.session.commit()
    response = post_form(client, "/organisations/new", request_data(kassel, description_tr=""))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Please describe the organisation in at least one language." in page
    assert 'value="Afrikanischer Frauenverein Kassel"' in page
    assert db.session.scalar(db.select(db.func.count(Organisation.id))) == 0


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"website": "javascript:alert(1)"}, "Please enter a web address starting with https://"),
        ({"website": "ftp://verein.example.org"}, "Please enter a web address starting with"),
        ({"contact_email": "kein-at-zeichen"}, "Please enter a valid e-mail address"),
        ({"regions": []}, "Please choose at least one region."),
        ({"regions": ["999999"]}, "not a valid choice"),
        ({"name": ""}, "Please fill in this field."),
        ({"kind": "secret_society"}, "Not a valid choice"),
    ],
)
def test_request_refuses_invalid_details(client, kassel, changes, message):
    log_in(client, make_user(locale="en"))
    db.session.commit()
    response = post_form(client, "/organisations/new", request_data(kassel, **changes))
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(Organisation.id))) == 0


def test_request_needs_login_and_a_confirmed_address(client, kassel):
    response = client.get("/organisations/new")
    assert response.status_code == 302
    assert "/account/login" in response.headers["Location"]
    log_in(client, make_user(confirmed=False, locale="en"))
    db.session.commit()
    response = client.get("/organisations/new")
    assert response.status_code == 403
    assert "Please confirm your e-mail address first" in response.get_data(as_text=True)
    assert post_form(client, "/organisations/new", request_data(kassel)).status_code == 403
    assert db.session.scalar(db.select(db.func.count(Organisation.id))) == 0


def test_request_without_csrf_token_is_refused(client, kassel):
    log_in(client, make_user())
    db.session.commit()
    response = client.post("/organisations/new", data=request_data(kassel))
    assert response.status_code == 400
    assert db.session.scalar(db.select(db.func.count(Organisation.id))) == 0


def test_requests_are_rate_limited_per_account(client, kassel, app):
    log_in(client, make_user())
    db.session.commit()
    statuses = [
        post_form(
            client, "/organisations/new", request_data(kassel, name=f"Verein {n}")
        ).status_code
        for n in range(11)
    ]
    assert statuses[:10] == [302] * 10
    assert statuses[10] == 429


def test_my_organisations_lists_memberships_and_requests(client, kassel):
    person = make_user(locale="en")
    org_build.organisation(kassel, name="Verein Sonne", admins=[person])
    other = org_build.organisation(kassel, name="Verein Mond")
    db.session.commit()
    log_in(client, person)
    assert (
        post_form(client, f"/organisations/{other.id}/join", {"message": "Hallo"}).status_code
        == 302
    )
    page = client.get("/organisations/mine").get_data(as_text=True)
    assert "Verein Sonne" in page and "Your role: Organisation admin" in page
    assert "Verein Mond" in page and "Withdraw request" in page
    assert db.session.scalar(db.select(db.func.count(Membership.id))) == 1
