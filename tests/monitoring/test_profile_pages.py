"""The participation profile page: who may open it, saving with and without consent, changing
answers, withdrawing consent, CSRF, nobody else's answers, and the invitation after the
confirmation of a new account."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import delete, func, select

from app.accounts.models import User
from app.core.clock import utcnow_naive
from app.core.errors import DomainError, PermissionDenied
from app.extensions import db
from app.monitoring import profile_services
from app.monitoring.models import CONSENT_VERSION, ParticipationProfile, ProfileLanguage
from app.monitoring.profile_services import ProfileAnswers
from tests.conftest import log_in, post_form
from tests.factories import make_region, make_user
from tests.monitoring.builders import participation_profile

PAGE = "/account/participation-profile"
WITHDRAW = PAGE + "/withdraw"


@pytest.fixture
def region():
    obj = make_region("marburg", de="Marburg-Biedenkopf", en="Marburg-Biedenkopf")
    db.session.commit()
    return obj


@pytest.fixture
def amira(client):
    user = make_user(email="amira@example.org", display_name="Amira", locale="en")
    db.session.commit()
    log_in(client, user)
    return user


def answers(region, **changes):
    data = {
        "age_band": "30_44",
        "home_languages": ["ar", "de"],
        "migration_experience": "yes",
        "home_region": str(region.id),
        "consent": "y",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def profile_of(user) -> ParticipationProfile | None:
    db.session.expire_all()
    return db.session.scalar(
        select(ParticipationProfile).where(ParticipationProfile.user_id == user.id)
    )


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def checked(page: str, name: str) -> list[str]:
    """Values of the checked radio buttons or checkboxes named `name`."""
    values = []
    for tag in re.findall(r"<input[^>]*>", page):
        if f'name="{name}"' in tag and re.search(r"\bchecked\b", tag):
            values.append(re.search(r'value="([^"]*)"', tag).group(1))
    return values


def selected_region(page: str) -> str | None:
    select_tag = re.search(r'<select[^>]*name="home_region".*?</select>', page, re.S).group(0)
    match = re.search(r'<option[^>]*selected[^>]*value="([^"]*)"', select_tag) or re.search(
        r'<option[^>]*value="([^"]*)"[^>]*selected', select_tag
    )
    return match.group(1) if match else None


# --- who may open the page -----------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.get(PAGE)
    assert response.status_code == 302
    assert "/account/login" in response.headers["Location"]
    assert post_form(client, WITHDRAW).status_code == 302
    assert count(ParticipationProfile) == 0


def test_unconfirmed_accounts_are_told_to_confirm_first(client, region):
    user = make_user(confirmed=False, locale="en")
    db.session.commit()
    log_in(client, user)
    response = client.get(PAGE)
    assert response.status_code == 403
    page = response.get_data(as_text=True)
    assert "Please confirm your e-mail address first" in page
    assert 'name="age_band"' not in page
    assert post_form(client, PAGE, answers(region)).status_code == 403
    assert count(ParticipationProfile) == 0


# --- the page and saving -------------------------------------------------------------------------


def test_page_explains_purpose_legal_basis_and_withdrawal(client, amira):
    response = client.get(PAGE)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert page.count("<h1") == 1
    assert "reach the people integration policy is about" in page
    assert "Art. 9(2)(a) GDPR" in page
    assert "totals of at least 5 people" in page
    assert "not the coordinators, not the moderators, not the administrators" in page
    assert "Your answers are then deleted at once" in page
    assert "Nothing changes for you" in page
    assert 'href="/privacy"' in page
    # Radio and checkbox groups are fieldsets with the question as legend.
    for legend in ("Age", "Languages spoken at home", "Experience of migration"):
        assert f'<legend class="fieldset__legend">{legend}</legend>' in page
    # Nothing is ticked in advance, the consent least of all.
    assert checked(page, "age_band") == [] and checked(page, "consent") == []
    assert "Withdraw consent and delete my answers" not in page  # nothing to withdraw yet


def test_languages_are_named_in_the_page_language_and_in_themselves(client, amira):
    page = client.get(PAGE).get_data(as_text=True)
    assert 'value="ti"' in page and 'value="prs"' in page and 'value="other"' in page
    assert '<span class="profile-languages__endonym" lang="ti" dir="ltr">ትግርኛ</span>' in page
    assert '<span class="profile-languages__endonym" lang="prs" dir="rtl">دری</span>' in page
    assert '<span class="profile-languages__endonym" lang="ar" dir="rtl">العربية</span>' in page
    # English is named once on an English page.
    assert 'lang="en" dir="ltr">English' not in page


def test_page_in_arabic_is_right_to_left(client, region):
    user = make_user(locale="ar")
    db.session.commit()
    log_in(client, user)
    page = client.get(PAGE).get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in page
    assert 'lang="de" dir="ltr">Deutsch</span>' in page


def test_saving_with_consent_stores_the_answers_and_the_consent(client, amira, region):
    before = utcnow_naive()
    response = post_form(client, PAGE, answers(region))
    assert response.status_code == 302
    assert response.headers["Location"].endswith(PAGE)

    profile = profile_of(amira)
    assert profile.age_band == "30_44"
    assert profile.migration_experience == "yes"
    assert profile.home_region_id == region.id
    assert profile.language_codes == ["ar", "de"]
    assert profile.consent_version == CONSENT_VERSION
    assert before - timedelta(seconds=1) <= profile.consent_given_at <= utcnow_naive()

    page = client.get(PAGE).get_data(as_text=True)
    assert "Thank you. Your answers have been saved." in page
    assert "You gave your consent on" in page
    assert checked(page, "age_band") == ["30_44"]
    assert checked(page, "home_languages") == ["de", "ar"]  # in the order of the form
    assert checked(page, "migration_experience") == ["yes"]
    assert selected_region(page) == str(region.id)
    assert checked(page, "consent") == []  # consent is given anew with every save
    assert "Withdraw consent and delete my answers" in page


def test_every_question_may_stay_unanswered(client, amira, region):
    data = answers(
        region, age_band=None, home_languages=None, migration_experience=None, home_region="0"
    )
    assert post_form(client, PAGE, data).status_code == 302
    profile = profile_of(amira)
    assert profile.age_band is None
    assert profile.migration_experience is None
    assert profile.home_region_id is None
    assert profile.language_codes == []
    assert count(ProfileLanguage) == 0


def test_saving_without_consent_stores_nothing_and_keeps_the_answers(client, amira, region):
    response = post_form(client, PAGE, answers(region, consent=None))
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Please tick the box to give your consent" in page
    assert 'id="consent-error"' in page
    assert 'aria-invalid="true"' in page
    assert checked(page, "age_band") == ["30_44"]
    assert checked(page, "home_languages") == ["de", "ar"]
    assert checked(page, "migration_experience") == ["yes"]
    assert selected_region(page) == str(region.id)
    assert count(ParticipationProfile) == 0
    assert count(ProfileLanguage) == 0


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("age_band", "12_17"),
        ("migration_experience", "maybe"),
        ("home_languages", ["de", "klingon"]),
        ("home_region", "999999"),
    ],
)
def test_values_not_offered_are_refused(client, amira, region, field, value):
    response = post_form(client, PAGE, answers(region, **{field: value}))
    assert response.status_code == 200
    assert f'id="{field}-error"' in response.get_data(as_text=True)
    assert count(ParticipationProfile) == 0


def test_saving_again_replaces_the_answers_and_the_languages(client, amira, region):
    earlier = utcnow_naive() - timedelta(days=30)
    participation_profile(
        amira, region=region, age_band="18_29", migration="no", languages=["de", "tr"]
    ).consent_given_at = earlier
    db.session.commit()

    data = answers(
        region, age_band="30_44", home_languages=["tr", "uk"], migration_experience="prefer_not"
    )
    assert post_form(client, PAGE, {**data, "home_region": "0"}).status_code == 302

    profile = profile_of(amira)
    assert profile.age_band == "30_44"
    assert profile.migration_experience == "prefer_not"
    assert profile.home_region_id is None
    assert profile.language_codes == ["tr", "uk"]
    assert profile.consent_given_at > earlier
    assert count(ParticipationProfile) == 1
    assert count(ProfileLanguage) == 2


def test_an_outdated_consent_is_pointed_out(client, amira, region):
    participation_profile(amira, age_band="18_29").consent_version = "2020-01"
    db.session.commit()
    page = client.get(PAGE).get_data(as_text=True)
    assert "The text about the purpose has changed since then" in page


# --- withdrawal ----------------------------------------------------------------------------------


def test_withdrawal_deletes_the_answers_at_once_and_again_is_harmless(client, amira, region):
    participation_profile(amira, region=region, age_band="45_64", languages=["ru", "uk", "de"])
    db.session.commit()
    assert count(ProfileLanguage) == 3

    response = post_form(client, WITHDRAW)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(PAGE)
    assert profile_of(amira) is None
    assert count(ParticipationProfile) == 0
    assert count(ProfileLanguage) == 0

    page = client.get(PAGE).get_data(as_text=True)
    assert "Your consent is withdrawn. Your answers have been deleted." in page
    assert checked(page, "age_band") == [] and checked(page, "home_languages") == []
    assert "You gave your consent on" not in page
    assert "Withdraw consent and delete my answers" not in page

    again = post_form(client, WITHDRAW)
    assert again.status_code == 302
    assert "There were no answers to delete." in client.get(PAGE).get_data(as_text=True)


def test_withdrawal_is_a_post_only(client, amira):
    participation_profile(amira, age_band="45_64")
    db.session.commit()
    assert client.get(WITHDRAW).status_code == 405
    assert profile_of(amira) is not None


# --- CSRF and other people's answers -------------------------------------------------------------


def test_forms_without_csrf_token_are_refused(client, amira, region):
    assert client.post(PAGE, data=answers(region)).status_code == 400
    assert count(ParticipationProfile) == 0
    participation_profile(amira, age_band="45_64")
    db.session.commit()
    assert client.post(WITHDRAW).status_code == 400
    assert profile_of(amira) is not None


def test_nobody_sees_or_changes_anyone_elses_answers(client, amira, region):
    participation_profile(amira, region=region, age_band="65_plus", languages=["ti"])
    db.session.commit()
    # An administrator opens the page: it is his own (empty) form, never Amira's.
    admin = make_user(is_administrator=True, locale="en")
    db.session.commit()
    log_in(client, admin)
    page = client.get(PAGE).get_data(as_text=True)
    assert checked(page, "age_band") == [] and checked(page, "home_languages") == []
    assert selected_region(page) in (None, "0")
    assert "You gave your consent on" not in page

    # His withdrawal deletes nothing of hers; his answers are his own row.
    post_form(client, WITHDRAW)
    assert profile_of(amira).language_codes == ["ti"]
    post_form(client, PAGE, answers(region, age_band="18_29", home_languages=["de"]))
    assert profile_of(admin).age_band == "18_29"
    assert profile_of(amira).age_band == "65_plus"
    assert profile_of(amira).language_codes == ["ti"]


def test_deleting_an_account_deletes_its_profile(amira, region):
    participation_profile(amira, region=region, age_band="30_44", languages=["de", "ar"])
    other = participation_profile(age_band="18_29", languages=["tr"])
    db.session.commit()
    db.session.execute(delete(User).where(User.id == amira.id))
    db.session.commit()
    assert db.session.scalars(select(ParticipationProfile.id)).all() == [other.id]
    assert db.session.scalars(select(ProfileLanguage.language)).all() == ["tr"]


def test_deleting_a_region_keeps_the_profile_without_a_home_region(amira, region):
    participation_profile(amira, region=region, age_band="30_44")
    db.session.commit()
    db.session.execute(delete(type(region)).where(type(region).id == region.id))
    db.session.commit()
    profile = profile_of(amira)
    assert profile.home_region_id is None and profile.age_band == "30_44"


# --- where the page is offered -------------------------------------------------------------------


def test_account_page_links_the_profile(client, amira):
    page = client.get("/account/").get_data(as_text=True)
    assert f'href="{PAGE}"' in page


def test_new_accounts_are_invited_after_confirmation_never_during_registration(client, mailbox):
    form = client.get("/account/register").get_data(as_text=True)
    assert PAGE not in form and "age_band" not in form
    post_form(
        client,
        "/account/register",
        {
            "email": "neu@example.org",
            "display_name": "Neu",
            "password": "sonnenblume am main 2026",
            "locale": "en",
            "accept_privacy": "y",
        },
    )
    link = mailbox.last_link("neu@example.org", "/account/confirm/")
    response = post_form(client, link, follow_redirects=True, headers={"Accept-Language": "en"})
    page = response.get_data(as_text=True)
    assert "Optional: tell us a little about yourself so the regions can see whom they reach." in (
        page
    )
    assert f'<a href="{PAGE}">' in page
    assert count(ParticipationProfile) == 0  # nothing is stored by the invitation

    # A link used again confirms nothing new, and invites nobody.
    again = post_form(client, link, follow_redirects=True).get_data(as_text=True)
    assert "Optional: tell us a little about yourself" not in again


def test_two_first_saves_at_once_end_in_a_conflict_not_an_error(amira, region, monkeypatch):
    participation_profile(amira, age_band="18_29")
    db.session.commit()
    # The other request had not saved yet when this one looked for a profile.
    monkeypatch.setattr(profile_services, "own_profile", lambda user: None)
    with pytest.raises(DomainError) as refusal:
        profile_services.save_profile(amira, ProfileAnswers(age_band="30_44"), consent=True)
    assert refusal.value.status_code == 409
    db.session.rollback()
    assert profile_of(amira).age_band == "18_29"
    assert count(ParticipationProfile) == 1


def test_the_service_refuses_without_consent_and_for_unconfirmed_accounts(region):
    confirmed, unconfirmed = make_user(), make_user(confirmed=False)
    with pytest.raises(DomainError) as refusal:
        profile_services.save_profile(confirmed, ProfileAnswers(age_band="30_44"), consent=False)
    assert refusal.value.field == "consent"
    with pytest.raises(PermissionDenied):
        profile_services.save_profile(unconfirmed, ProfileAnswers(), consent=True)
    assert count(ParticipationProfile) == 0
