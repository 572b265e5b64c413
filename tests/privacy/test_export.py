"""Download my data: every section filled, nobody else's data, no secrets, the response itself."""

import io
import json
import logging
import re
import zipfile
from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from app.accounts.models import RecoveryCode, RoleAssignment
from app.core.clock import utcnow_naive
from app.extensions import db
from app.moderation.models import Appeal, ModerationDecision, Report, UserBlock
from app.monitoring.models import CONSENT_VERSION, ParticipationProfile, ProfileLanguage
from app.notifications.models import Follow, Notification, NotificationSetting, OutboxMessage
from app.organisations.models import Invitation, JoinRequest, StatementRevision
from app.pages.models import AccessibilityFeedback
from app.privacy.export import SECTION_KEYS, SECTIONS, collect
from app.proposals.models import ProposalRevision
from tests import organisation_builders as orgs
from tests import participation_builders as build
from tests.conftest import csrf_token, log_in, post_form
from tests.factories import make_region, make_user
from tests.monitoring.builders import concept_comment

TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
RECOVERY_HASH = "$argon2id$v=19$recovery-code-hash-marker"
MAIL_TOKEN = "reset-token-marker-9f8e7d"


def fill_every_section(user, region, consultation, others_proposal, others_comment, n=1):
    """`n` rows (at least) in every table that refers to `user`."""
    org = orgs.organisation(region, name=f"Verein {user.id}-{n}", admins=[user])
    org.requested_by_id = user.id
    other_org = orgs.organisation(region, name=f"Anderer Verein {user.id}-{n}")
    db.session.add(Invitation(organisation=other_org, email=user.email, role="member"))
    db.session.add(
        JoinRequest(organisation=other_org, user_id=user.id, message="Ich möchte mitmachen.")
    )
    for number in range(n):
        proposal = build.proposal(
            consultation,
            user,
            title=f"Mein Vorschlag {number}",
            body=f"<script>alert('x')</script> Text meines Vorschlags {number}",
        )
        db.session.add(
            ProposalRevision(proposal=proposal, title="Alter Titel", body="Alter Text davor")
        )
        comment = build.comment(others_proposal, user, body=f"Mein Kommentar {number}")
        concept_comment(consultation, user, body=f"Mein Konzeptkommentar {number}")
        orgs.translation(proposal, user, body=f"Benim çevirim {number}", title="Başlık")
        db.session.add(
            Notification(user_id=user.id, kind="comment_reply", contribution_id=comment.id)
        )
        db.session.add(Follow(user_id=user.id, proposal_id=proposal.id))
        decision = ModerationDecision(
            contribution_id=comment.id,
            action="hide",
            reason="spam",
            note_to_author="Bitte ohne Werbung.",
            state_before="published",
            state_after="hidden",
        )
        db.session.add(decision)
        db.session.flush()
        db.session.add(Appeal(decision_id=decision.id, author_id=user.id, note="Keine Werbung."))
        db.session.add(
            AccessibilityFeedback(user_id=user.id, message=f"Kontrast zu schwach {number}")
        )
        orgs.on_site_event(consultation, user, name=f"Bürgerforum {number}")
        db.session.add(
            OutboxMessage(
                to_address=user.email,
                user_id=user.id,
                subject=f"Passwort zurücksetzen {number}",
                text_body=f"https://example.org/account/reset/{MAIL_TOKEN}",
                message_id=f"<{user.id}-{n}-{number}@mitreden.example>",
            )
        )
        db.session.add(
            UserBlock(user_id=user.id, reason="Wiederholte Werbung", until=utcnow_naive())
        )
    db.session.add(
        Report(
            reporter_id=user.id,
            contribution_id=others_comment.id,
            reason="insult",
            note="Beleidigend",
        )
    )
    build.vote(others_proposal, user)
    statement = orgs.statement(consultation, org, user, title="Unsere Stellungnahme")
    db.session.add(
        StatementRevision(
            statement=statement,
            title="Erste Fassung",
            body="Erster Text",
            language="de",
            written_by_id=user.id,
        )
    )
    # One row per kind and per followed consultation: a second filling adds another kind.
    kind = "comment_reply" if n == 1 else "new_proposal"
    db.session.add(NotificationSetting(user_id=user.id, kind=kind, delivery="off"))
    if n == 1:
        db.session.add(Follow(user_id=user.id, consultation_id=consultation.id))
    db.session.flush()


@pytest.fixture
def world():
    region = make_region()
    consultation = build.consultation(region, phase="discussion")
    other = make_user(email="fremd@example.org", display_name="Fremde Person")
    others_proposal = build.proposal(
        consultation, other, title="Fremder Vorschlag", body="Fremder Text other-marker-1"
    )
    others_comment = build.comment(others_proposal, other, body="Fremder Kommentar other-marker-2")
    user = make_user(
        email="leyla@example.org", display_name="Leyla", home_region_id=region.id, locale="de"
    )
    user.totp_secret = TOTP_SECRET
    user.mfa_enabled_at = utcnow_naive()
    user.last_login_at = utcnow_naive()
    db.session.add(RecoveryCode(user_id=user.id, code_hash=RECOVERY_HASH))
    db.session.add(RoleAssignment(user_id=user.id, region_id=region.id, role="moderator"))
    profile = ParticipationProfile(
        user_id=user.id,
        age_band="30_44",
        migration_experience="yes",
        home_region_id=region.id,
        consent_version=CONSENT_VERSION,
    )
    db.session.add(profile)
    db.session.flush()
    db.session.add_all(
        [ProfileLanguage(profile_id=profile.id, language=code) for code in ("tr", "de")]
    )
    fill_every_section(user, region, consultation, others_proposal, others_comment)
    # The other person has data of the same kinds, none of which may leak into the download.
    fill_every_section(other, region, consultation, others_proposal, others_comment)
    db.session.add(ParticipationProfile(user_id=other.id, age_band="65_plus", consent_version="x"))
    db.session.commit()
    return {
        "user": user,
        "other": other,
        "region": region,
        "consultation": consultation,
        "others_proposal": others_proposal,
    }


def download(client, user):
    log_in(client, user)
    return post_form(client, "/account/data")


def unpack(response) -> tuple[dict, str, set[str]]:
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    names = set(archive.namelist())
    data = json.loads(archive.read("data.json").decode("utf-8"))
    page = archive.read("index.html").decode("utf-8")
    return data, page, names


# --- contents ------------------------------------------------------------------------------


def test_every_section_holds_the_users_data(client, world):
    response = download(client, world["user"])
    assert response.status_code == 200
    data, page, names = unpack(response)
    assert names == {"index.html", "data.json"}
    assert set(SECTION_KEYS) <= set(data)
    for key in SECTION_KEYS:
        assert data[key], f"section {key} is empty"

    account = data["account"]
    assert account["email"] == "leyla@example.org"
    assert account["display_name"] == "Leyla"
    assert account["language"] == "de"
    assert account["home_region"] == world["region"].title("de").text
    assert account["second_factor_enabled"] is True
    assert account["unused_recovery_codes"] == 1
    assert account["roles"][0]["role"] == "moderator"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+00:00", account["created_at"])

    profile = data["participation_profile"]
    assert profile["age_band"] == "30_44"
    assert profile["languages_at_home"] == ["de", "tr"]
    assert profile["migration_experience"] == "yes"

    [proposal] = data["proposals"]
    assert proposal["title"] == "Mein Vorschlag 0"
    assert proposal["earlier_versions"][0]["body"] == "Alter Text davor"
    assert data["comments"][0]["body"] == "Mein Kommentar 0"
    assert data["comments"][0]["proposal"] == "Fremder Vorschlag"
    assert data["concept_comments"][0]["body"] == "Mein Konzeptkommentar 0"
    assert data["translations"][0]["body"] == "Benim çevirim 0"
    assert data["statements"][0]["title"] == "Unsere Stellungnahme"
    assert data["statements"][0]["versions_written_by_you"][0]["title"] == "Erste Fassung"
    assert data["votes"] == [
        {
            "consultation": world["consultation"].heading("de").text,
            "proposal_id": world["others_proposal"].id,
            "proposal": "Fremder Vorschlag",
            "vote": 1,
            "created_at": data["votes"][0]["created_at"],
            "updated_at": data["votes"][0]["updated_at"],
        }
    ]
    assert data["reports"][0]["reason"] == "insult"
    assert data["reports"][0]["note"] == "Beleidigend"
    assert data["moderation_decisions"][0]["note_to_author"] == "Bitte ohne Werbung."
    assert data["blocks"][0]["reason"] == "Wiederholte Werbung"
    assert data["appeals"][0]["note"] == "Keine Werbung."
    assert data["notifications"][0]["kind"] == "comment_reply"
    assert data["notification_settings"] == [{"kind": "comment_reply", "delivery": "off"}]
    assert {row["target"] for row in data["follows"]} == {"proposal", "consultation"}
    assert data["organisation_memberships"][0]["role"] == "admin"
    assert data["organisation_invitations"][0]["state"] == "open"
    assert data["organisation_join_requests"][0]["message"] == "Ich möchte mitmachen."
    assert data["organisations_requested"][0]["organisation"].startswith("Verein ")
    assert data["accessibility_feedback"][0]["message"] == "Kontrast zu schwach 0"
    assert data["on_site_events"][0]["name"] == "Bürgerforum 0"
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", data["on_site_events"][0]["held_on"])
    assert data["mails"][0]["subject"] == "Passwort zurücksetzen 0"

    # The readable page: one heading per section, the user's language, texts escaped.
    assert '<html lang="de" dir="ltr">' in page
    for section in SECTIONS:
        assert f'<h2 id="{section.key}-heading">' in page
    assert "Mein Vorschlag 0" in page
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page
    assert "<script" not in page
    assert 'lang="tr" dir="auto">Benim çevirim 0' in page
    assert "<link" not in page and "src=" not in page  # loads nothing from anywhere


def test_nothing_about_anyone_else(client, world):
    data, page, _names = unpack(download(client, world["user"]))
    text = json.dumps(data, ensure_ascii=False) + page
    for foreign in (
        "fremd@example.org",
        "Fremde Person",
        "other-marker-1",
        "other-marker-2",
        "65_plus",
        f"Verein {world['other'].id}-1",
    ):
        assert foreign not in text, foreign
    assert len(data["proposals"]) == 1
    assert len(data["comments"]) == 1
    assert len(data["mails"]) == 1
    assert data["user_id"] == world["user"].id


def test_no_secrets_in_the_zip(client, world):
    user = world["user"]
    response = download(client, user)
    db.session.refresh(user)
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    contents = "".join(archive.read(name).decode("utf-8") for name in archive.namelist())
    for secret in (
        user.password_hash,
        user.session_token,
        TOTP_SECRET,
        RECOVERY_HASH,
        MAIL_TOKEN,
        user.search_key,
    ):
        assert secret not in contents
    assert "password" not in json.loads(archive.read("data.json"))["account"]


def test_the_page_speaks_the_users_language_and_direction(client, world):
    user = world["user"]
    user.locale = "ar"
    db.session.commit()
    _data, page, _names = unpack(download(client, user))
    assert '<html lang="ar" dir="rtl">' in page


def test_an_account_with_nothing_stored_gets_empty_sections(client):
    user = make_user(locale="en")
    db.session.commit()
    data, page, _names = unpack(download(client, user))
    assert data["participation_profile"] is None
    assert all(
        data[key] == [] for key in SECTION_KEYS if key not in ("account", "participation_profile")
    )
    assert page.count("Nothing stored.") == len(SECTIONS) - 1


# --- the response ----------------------------------------------------------------------------


def test_the_zip_is_an_attachment_that_is_not_stored(client, world):
    at = datetime(2026, 11, 26, 23, 30, tzinfo=UTC)  # already 27 November in Berlin
    with time_machine.travel(at, tick=False):
        response = download(client, world["user"])
    assert response.status_code == 200
    assert response.mimetype == "application/zip"
    assert response.headers["Cache-Control"] == "no-store"
    assert (
        response.headers["Content-Disposition"]
        == 'attachment; filename="mitreden-data-2026-11-27.zip"'
    )


def test_get_shows_the_page_and_does_not_download(client, world):
    log_in(client, world["user"])
    response = client.get("/account/data")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert "Content-Disposition" not in response.headers
    page = response.get_data(as_text=True)
    assert '<form method="post" action="/account/data">' in page
    assert 'name="csrf_token"' in page
    for section in SECTIONS:
        assert str(section.heading) in page


def test_post_without_csrf_token_is_refused(client, world):
    log_in(client, world["user"])
    client.get("/account/data")
    response = client.post("/account/data")
    assert response.status_code == 400
    assert response.mimetype == "text/html"
    assert "Content-Disposition" not in response.headers


@pytest.mark.parametrize("method", ["get", "post"])
def test_login_required(client, method):
    if method == "post":
        response = client.post("/account/data", data={"csrf_token": csrf_token(client)})
    else:
        response = client.get("/account/data")
    assert response.status_code == 302
    assert "/account/login" in response.headers["Location"]
    assert "Content-Disposition" not in response.headers


def test_downloads_are_rate_limited_per_account(app, client, world):
    app.config["RATELIMIT_EXPORT"] = "2 per hour"
    try:
        statuses = [download(client, world["user"]).status_code for _ in range(3)]
    finally:
        app.config["RATELIMIT_EXPORT"] = "5 per hour"
    assert statuses == [200, 200, 429]
    # Showing the page stays free.
    assert client.get("/account/data").status_code == 200


def test_the_download_is_a_security_event(client, world, caplog):
    with caplog.at_level(logging.INFO, logger="mitreden.security"):
        download(client, world["user"])
    assert f"privacy.export user={world['user'].id}" in caplog.text


def test_the_profile_page_links_to_download_and_deletion(client, world):
    log_in(client, world["user"])
    page = client.get("/account/").get_data(as_text=True)
    assert 'href="/account/data"' in page
    assert 'href="/account/delete"' in page


# --- queries -----------------------------------------------------------------------------------


def test_the_number_of_queries_does_not_grow_with_the_data(world, count_queries):
    user, region, consultation = world["user"], world["region"], world["consultation"]
    others_proposal = build.proposal(consultation, world["other"])
    others_comment = build.comment(others_proposal, world["other"])
    db.session.commit()
    db.session.expire_all()
    with count_queries() as few:
        small = collect(user)
    fill_every_section(user, region, consultation, others_proposal, others_comment, n=6)
    db.session.commit()
    db.session.expire_all()
    with count_queries() as many:
        large = collect(user)
    assert len(large["proposals"]) == len(small["proposals"]) + 6
    assert len(large["notifications"]) == len(small["notifications"]) + 6
    assert len(many) == len(few)
    # One per section, one each for roles and the two kinds of earlier versions, and the user
    # with its roles reloaded after expire_all().
    assert len(few) <= len(SECTIONS) + 5


def test_times_are_iso_8601_with_offset(world):
    user = world["user"]
    user.last_login_at = datetime(2026, 3, 1, 8, 15)
    db.session.commit()
    data = collect(user)
    assert data["account"]["last_login_at"] == "2026-03-01T08:15:00+00:00"
    assert datetime.fromisoformat(data["exported_at"]) - datetime.now(UTC) < timedelta(minutes=1)
