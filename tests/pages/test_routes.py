"""Public pages: start, footer, language switch, accessibility feedback, imprint, videos."""

import io
import re
import struct

import pytest

from app.accounts.models import User
from app.extensions import db
from app.pages.models import AccessibilityFeedback, EditablePage, SignLanguageVideo
from app.pages.video_files import NotAnMp4, mp4_duration_seconds
from app.seed import MODEL_REGIONS, load_base_data
from tests.conftest import csrf_token, post_form
from tests.factories import make_user

LOCALE_COOKIE = "mitreden_locale"


def html_tag(page: str) -> str:
    return re.search(r"<html[^>]*>", page).group(0)


def field_error(page: str, field_id: str) -> str:
    match = re.search(rf'<p class="field-error" id="{field_id}-error">(.*?)</p>', page, re.S)
    assert match, f"no error shown next to {field_id}"
    return match.group(1)


# --- MP4 files built byte by byte -------------------------------------------------------------


def box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I4s", 8 + len(payload), kind) + payload


def mvhd(timescale: int, duration: int, version: int = 0) -> bytes:
    if version == 1:
        times = struct.pack(">QQIQ", 0, 0, timescale, duration)
    else:
        times = struct.pack(">IIII", 0, 0, timescale, duration)
    return box(b"mvhd", bytes([version, 0, 0, 0]) + times + bytes(80))


FTYP = box(b"ftyp", b"isom" + struct.pack(">I", 512) + b"isomiso2avc1mp41")


def mp4(timescale: int = 1000, duration: int = 95000, version: int = 0, size: int = 0) -> bytes:
    """A minimal MP4: ftyp, moov with mvhd, and an mdat that pads the file to `size` bytes."""
    head = FTYP + box(b"moov", mvhd(timescale, duration, version))
    padding = max(0, size - len(head) - 8)
    return head + box(b"mdat", bytes(padding))


# --- start page and footer --------------------------------------------------------------------


def test_start_page_shows_the_six_model_regions(client):
    load_base_data()
    response = client.get("/")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    for region in MODEL_REGIONS:
        assert region["name"]["de"] in page
        assert f'href="/regions/{region["slug"]}"' in page
    assert len(MODEL_REGIONS) == 6


def test_start_page_has_the_sign_language_section(client):
    page = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert re.search(r'<section [^>]*id="sign-language"', page)
    assert "German Sign Language" in page


FOOTER_LINKS = ["/imprint", "/privacy", "/accessibility", "/leichte-sprache", "/#sign-language"]


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/regions/",
        "/regions/fields-of-action/",
        "/imprint",
        "/privacy",
        "/accessibility",
        "/leichte-sprache",
        "/account/login",
        "/account/register",
        "/no-such-page",
    ],
)
def test_footer_links_to_the_legal_and_help_pages_on_every_page(client, path):
    page = client.get(path).get_data(as_text=True)
    footer = page[page.index("<footer") :]
    for link in FOOTER_LINKS:
        assert f'href="{link}"' in footer, link
    assert '<a href="/leichte-sprache" lang="de">Leichte Sprache</a>' in footer


@pytest.mark.parametrize("path", ["/imprint", "/privacy", "/accessibility", "/leichte-sprache"])
def test_legal_and_help_pages_are_public(client, path):
    assert client.get(path).status_code == 200


# --- language -------------------------------------------------------------------------------


def switch_language(client, language: str, next_url: str = "/regions/"):
    return post_form(client, "/language", {"ui-language": language, "ui-next": next_url})


def test_language_switch_sets_the_cookie_and_redirects_to_next(client):
    response = switch_language(client, "en", "/regions/")
    assert response.status_code == 302
    assert response.location == "/regions/"
    cookie = client.get_cookie(LOCALE_COOKIE)
    assert cookie.value == "en"
    assert cookie.http_only
    assert 'lang="en"' in html_tag(client.get("/regions/").get_data(as_text=True))


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example", "/\\evil.example", "javascript:x", ""]
)
def test_language_switch_never_redirects_off_site(client, next_url):
    response = switch_language(client, "tr", next_url)
    assert response.status_code == 302
    assert response.location == "/"
    assert client.get_cookie(LOCALE_COOKIE).value == "tr"


def test_language_switch_stores_the_language_in_the_profile(client, login_as):
    user = login_as("participant", locale="de")
    assert switch_language(client, "uk").status_code == 302
    db.session.refresh(user)
    assert user.locale == "uk"
    assert client.get_cookie(LOCALE_COOKIE).value == "uk"


@pytest.mark.parametrize("language", ["xx", "", "de-DE", "../de"])
def test_unknown_language_is_refused(client, login_as, language):
    user = login_as("participant", locale="en")
    response = switch_language(client, language)
    assert response.status_code == 302
    assert response.location == "/regions/"
    assert client.get_cookie(LOCALE_COOKIE) is None
    db.session.refresh(user)
    assert user.locale == "en"
    page = client.get("/regions/").get_data(as_text=True)
    assert "The language could not be changed. Please try again." in page


def test_language_switch_without_csrf_token_changes_nothing(client):
    csrf_token(client)
    response = client.post("/language", data={"ui-language": "ar", "ui-next": "/"})
    assert response.status_code == 400
    assert client.get_cookie(LOCALE_COOKIE) is None


@pytest.mark.parametrize(
    ("language", "direction"), [("ar", "rtl"), ("fa", "rtl"), ("tr", "ltr"), ("de", "ltr")]
)
def test_page_language_and_direction_after_switching(client, language, direction):
    switch_language(client, language, "/")
    page = client.get("/").get_data(as_text=True)
    assert html_tag(page) == f'<html lang="{language}" dir="{direction}">'


def test_accept_language_chooses_the_language_without_cookie(client):
    page = client.get("/", headers={"Accept-Language": "tr-TR,tr;q=0.9,en;q=0.5"})
    assert html_tag(page.get_data(as_text=True)) == '<html lang="tr" dir="ltr">'


def test_unsupported_accept_language_falls_back_to_german(client):
    page = client.get("/", headers={"Accept-Language": "ja"}).get_data(as_text=True)
    assert html_tag(page) == '<html lang="de" dir="ltr">'


def test_cookie_beats_accept_language(client):
    client.set_cookie(LOCALE_COOKIE, "fa")
    page = client.get("/", headers={"Accept-Language": "tr"}).get_data(as_text=True)
    assert html_tag(page) == '<html lang="fa" dir="rtl">'


def test_unsupported_cookie_is_ignored(client):
    client.set_cookie(LOCALE_COOKIE, "xx")
    page = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert html_tag(page) == '<html lang="en" dir="ltr">'


def test_profile_language_beats_cookie(client, login_as):
    login_as("participant", locale="ar")
    client.set_cookie(LOCALE_COOKIE, "tr")
    page = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert html_tag(page) == '<html lang="ar" dir="rtl">'


# --- accessibility feedback -------------------------------------------------------------------

FEEDBACK = {
    "message": "Die Schaltfläche zum Abstimmen ist mit der Tastatur nicht erreichbar.",
    "page_url": "/regions/kassel",
    "name": "Ayşe K.",
    "email": "ayse@example.org",
}


def test_empty_feedback_shows_an_error_and_keeps_the_input(client):
    data = {**FEEDBACK, "message": "   "}
    response = post_form(client, "/accessibility", data, headers={"Accept-Language": "en"})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Please fill in this field." in field_error(page, "message")
    assert 'value="Ayşe K."' in page
    assert 'value="ayse@example.org"' in page
    assert db.session.scalar(db.select(db.func.count(AccessibilityFeedback.id))) == 0


def test_feedback_is_stored_and_mailed_to_every_confirmed_administrator(client, mailbox):
    make_user(email="admin1@ministerium.example", is_administrator=True, locale="en")
    make_user(email="admin2@ministerium.example", is_administrator=True, locale="en")
    make_user(email="neu@ministerium.example", is_administrator=True, confirmed=False)
    make_user(email="teilnehmer@example.org")
    db.session.commit()

    response = post_form(client, "/accessibility", FEEDBACK)
    assert response.status_code == 302
    assert response.location == "/accessibility#feedback"

    feedback = db.session.scalar(db.select(AccessibilityFeedback))
    assert (feedback.message, feedback.page_url, feedback.name, feedback.email) == (
        FEEDBACK["message"],
        "/regions/kassel",
        "Ayşe K.",
        "ayse@example.org",
    )
    assert feedback.user_id is None
    assert feedback.handled_at is None

    recipients = sorted(message["To"] for message in mailbox.messages())
    assert recipients == ["admin1@ministerium.example", "admin2@ministerium.example"]
    mail = mailbox.to("admin1@ministerium.example")[0]
    assert mail["Subject"] == f"Accessibility feedback no. {feedback.id}"
    assert FEEDBACK["message"] in mailbox.text(mail)
    assert "/admin/feedback" in mailbox.text(mail)


def test_feedback_of_a_logged_in_user_is_linked_to_them(client, login_as):
    user = login_as("participant")
    assert post_form(client, "/accessibility", {"message": FEEDBACK["message"]}).status_code == 302
    assert db.session.scalar(db.select(AccessibilityFeedback)).user_id == user.id


def test_feedback_is_rate_limited(client, app):
    assert app.config["RATELIMIT_FEEDBACK"] == "5 per minute;30 per hour"
    for _ in range(5):
        assert post_form(client, "/accessibility", FEEDBACK).status_code == 302
    response = post_form(client, "/accessibility", FEEDBACK, headers={"Accept-Language": "en"})
    assert response.status_code == 429
    assert "Too many attempts" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(AccessibilityFeedback.id))) == 5
    assert client.get("/accessibility").status_code == 200  # reading stays possible


# --- imprint ----------------------------------------------------------------------------------


def test_imprint_shows_the_stored_text(client):
    db.session.add(
        EditablePage(
            slug="imprint",
            body={"de": "**Hessisches Ministerium**\n\nMusterstraße 1", "en": "**Ministry**"},
        )
    )
    db.session.commit()
    page = client.get("/imprint").get_data(as_text=True)
    assert "<strong>Hessisches Ministerium</strong>" in page
    assert "Musterstraße 1" in page
    english = client.get("/imprint", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "<strong>Ministry</strong>" in english


def test_imprint_without_text_says_so(client):
    page = client.get("/imprint", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "The operator has not yet entered an imprint." in page


def test_imprint_text_is_sanitised(client):
    db.session.add(EditablePage(slug="imprint", body={"de": "<script>alert(1)</script>"}))
    db.session.commit()
    page = client.get("/imprint").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


def test_administrator_edits_the_imprint(client, login_as):
    admin = login_as("administrator")
    assert client.get("/admin/imprint").status_code == 200
    data = {"body_de": "Betreiberin: Land Hessen", "body_en": "Operator: State of Hesse"}
    response = post_form(client, "/admin/imprint", data)
    assert response.status_code == 302
    assert response.location == "/imprint"
    page = db.session.scalar(db.select(EditablePage).where(EditablePage.slug == "imprint"))
    assert page.body == {"de": "Betreiberin: Land Hessen", "en": "Operator: State of Hesse"}
    assert page.updated_by_id == admin.id
    assert "Betreiberin: Land Hessen" in client.get("/imprint").get_data(as_text=True)


def test_imprint_edit_page_is_filled_with_the_stored_text(client, login_as):
    db.session.add(EditablePage(slug="imprint", body={"de": "Alter Text"}))
    db.session.commit()
    login_as("administrator")
    assert "Alter Text</textarea>" in client.get("/admin/imprint").get_data(as_text=True)


def test_imprint_needs_a_german_text(client, login_as):
    login_as("administrator", locale="en")
    response = post_form(client, "/admin/imprint", {"body_de": " ", "body_en": "Only English"})
    assert response.status_code == 200
    assert "Please fill in this field." in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(EditablePage.id))) == 0


@pytest.mark.parametrize("role", ["participant", "moderator", "coordinator"])
def test_only_administrators_edit_the_imprint(client, login_as, role):
    login_as(role)
    assert client.get("/admin/imprint").status_code == 403
    assert post_form(client, "/admin/imprint", {"body_de": "Gekapert"}).status_code == 403
    assert db.session.scalar(db.select(db.func.count(EditablePage.id))) == 0


# --- sign-language videos ---------------------------------------------------------------------


@pytest.fixture
def admin(login_as):
    return login_as("administrator", locale="en")


def upload(client, data: bytes, filename: str = "gebaerden.mp4", **fields):
    form = {"title_de": "Was ist Mitreden?", "position": "1", **fields}
    form["file"] = (io.BytesIO(data), filename)
    return post_form(client, "/admin/videos", form, content_type="multipart/form-data")


def stored_files(app) -> list:
    from pathlib import Path

    directory = Path(app.config["UPLOAD_DIR"]) / "videos"
    return sorted(directory.iterdir()) if directory.exists() else []


def test_uploaded_video_appears_on_the_start_page_with_duration_and_size(client, admin, app):
    data = mp4(timescale=1000, duration=95000, size=3072)
    response = upload(client, data)
    assert response.status_code == 302
    assert response.location == "/admin/videos"

    video = db.session.scalar(db.select(SignLanguageVideo))
    assert (video.duration_seconds, video.size_bytes, video.title) == (
        95,
        3072,
        {"de": "Was ist Mitreden?"},
    )
    assert video.uploaded_by_id == admin.id
    assert video.filename.endswith(".mp4")
    assert video.filename != "gebaerden.mp4"  # stored under a name of its own

    page = client.get("/").get_data(as_text=True)
    assert "Duration: 1 min 35 s · File size: 3 KB" in page
    assert f'src="/videos/{video.filename}"' in page
    assert "Was ist Mitreden?" in page


def test_uploaded_video_is_served_at_its_address(client, admin):
    data = mp4(size=2048)
    upload(client, data)
    video = db.session.scalar(db.select(SignLanguageVideo))
    response = client.get(f"/videos/{video.filename}")
    assert response.status_code == 200
    assert response.mimetype == "video/mp4"
    assert response.data == data


@pytest.mark.parametrize("filename", ["0123456789abcdef01234567.mp4", "..%2Fsecret_key", "x"])
def test_unknown_video_file_is_404(client, filename):
    assert client.get(f"/videos/{filename}").status_code == 404


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"just some text, no video", "notes.mp4", "This file is not a playable MP4 video."),
        (mp4()[:40], "cut-off.mp4", "This file is not a playable MP4 video."),
        (mp4(), "video.mov", "Please upload an MP4 video file."),
    ],
    ids=["not-an-mp4", "truncated", "wrong-extension"],
)
def test_invalid_upload_is_refused_next_to_the_file_field(
    client, admin, app, data, filename, message
):
    response = upload(client, data, filename)
    assert response.status_code == 200
    assert message in field_error(response.get_data(as_text=True), "file")
    assert db.session.scalar(db.select(db.func.count(SignLanguageVideo.id))) == 0
    assert stored_files(app) == []


def test_upload_without_german_title_is_refused(client, admin, app):
    response = upload(client, mp4(), title_de="", title_en="What is Mitreden?")
    assert response.status_code == 200
    assert db.session.scalar(db.select(db.func.count(SignLanguageVideo.id))) == 0
    assert stored_files(app) == []


@pytest.mark.parametrize("role", ["participant", "coordinator"])
def test_only_administrators_upload_videos(client, login_as, app, role):
    login_as(role)
    assert upload(client, mp4()).status_code == 403
    assert db.session.scalar(db.select(db.func.count(SignLanguageVideo.id))) == 0
    assert stored_files(app) == []


def test_deleting_a_video_removes_row_and_file(client, admin, app):
    upload(client, mp4())
    video = db.session.scalar(db.select(SignLanguageVideo))
    filename = video.filename
    assert [path.name for path in stored_files(app)] == [filename]

    response = post_form(client, f"/admin/videos/{video.id}/delete")
    assert response.status_code == 302
    assert db.session.scalar(db.select(db.func.count(SignLanguageVideo.id))) == 0
    assert stored_files(app) == []
    assert client.get(f"/videos/{filename}").status_code == 404
    assert "Videos in German Sign Language" in client.get("/").get_data(as_text=True)


def test_video_upload_without_csrf_token_stores_nothing(client, admin, app):
    csrf_token(client)
    form = {"title_de": "Ohne Token", "position": "0", "file": (io.BytesIO(mp4()), "a.mp4")}
    response = client.post("/admin/videos", data=form, content_type="multipart/form-data")
    assert response.status_code == 400
    assert db.session.scalar(db.select(db.func.count(SignLanguageVideo.id))) == 0
    assert stored_files(app) == []


# --- reading the duration of an MP4 -----------------------------------------------------------


def test_duration_of_a_version_0_movie_header():
    assert mp4_duration_seconds(io.BytesIO(mp4(timescale=1000, duration=95000))) == 95


def test_duration_of_a_version_1_movie_header():
    data = mp4(timescale=90000, duration=90000 * 3600 * 2, version=1)  # two hours, 64-bit
    assert mp4_duration_seconds(io.BytesIO(data)) == 7200


def test_duration_is_rounded_up_to_whole_seconds():
    assert mp4_duration_seconds(io.BytesIO(mp4(timescale=1000, duration=95001))) == 96


def test_duration_is_found_after_other_boxes():
    data = FTYP + box(b"free", bytes(16)) + box(b"moov", box(b"udta", b"") + mvhd(600, 6000))
    assert mp4_duration_seconds(io.BytesIO(data)) == 10


def test_duration_with_a_64_bit_box_size():
    big_mdat = struct.pack(">I4sQ", 1, b"mdat", 16 + 32) + bytes(32)
    data = FTYP + big_mdat + box(b"moov", mvhd(1000, 2000))
    assert mp4_duration_seconds(io.BytesIO(data)) == 2


@pytest.mark.parametrize(
    "data",
    [
        mp4()[:60],  # cut off inside the movie header
        FTYP + box(b"moov", box(b"mvhd", bytes([0, 0, 0, 0]) + bytes(6))),  # header too short
        FTYP + struct.pack(">I4s", 4000, b"moov"),  # box larger than the file
        FTYP[:6],
    ],
    ids=["cut-in-mvhd", "short-mvhd", "box-beyond-end", "cut-in-ftyp"],
)
def test_truncated_file_is_not_an_mp4(data):
    with pytest.raises(NotAnMp4):
        mp4_duration_seconds(io.BytesIO(data))


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"GIF89a" + bytes(100),
        box(b"moov", mvhd(1000, 95000)),  # no ftyp first
        FTYP + box(b"mdat", bytes(64)),  # no moov
        FTYP + box(b"moov", box(b"trak", b"")),  # moov without mvhd
        FTYP + box(b"moov", mvhd(0, 95000)),  # no timescale
        FTYP + box(b"moov", mvhd(1000, 0)),  # no duration
    ],
    ids=["empty", "gif", "no-ftyp", "no-moov", "no-mvhd", "zero-timescale", "zero-duration"],
)
def test_other_files_are_not_mp4s(data):
    with pytest.raises(NotAnMp4):
        mp4_duration_seconds(io.BytesIO(data))


def test_user_accounts_are_not_touched_by_page_visits(client):
    """Sanity: the language switch of an anonymous visitor creates no account."""
    switch_language(client, "ar", "/")
    assert db.session.scalar(db.select(db.func.count(User.id))) == 0
