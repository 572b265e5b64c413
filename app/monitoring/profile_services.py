"""Writing the participation profile: save with consent, withdraw consent.

Each function checks the permission, writes and flushes; the route commits. A profile is only
ever the signed-in user's own: no function takes the id of a profile or of another account.
"""

from dataclasses import dataclass, field

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from app.core.clock import utcnow_naive
from app.core.errors import DomainError
from app.core.i18n import _
from app.core.permissions import require
from app.extensions import db
from app.monitoring.models import (
    CONSENT_VERSION,
    AgeBand,
    MigrationExperience,
    ParticipationProfile,
    ProfileLanguage,
)
from app.monitoring.profile_forms import HOME_LANGUAGES
from app.monitoring.profiles import own_profile
from app.regions.models import Region


@dataclass
class ProfileAnswers:
    """What the form collects; None means "not answered"."""

    age_band: str | None = None
    migration_experience: str | None = None
    home_region_id: int | None = None
    languages: list[str] = field(default_factory=list)


def _conflict() -> DomainError:
    return DomainError(
        _(
            "Your answers were saved from another window at the same moment. Please check them "
            "and save again."
        ),
        status_code=409,
    )


def _check(answers: ProfileAnswers) -> None:
    """The form offers only known values; a tampered request gets a message, not a 500."""
    if answers.age_band is not None and answers.age_band not in AgeBand.ALL:
        raise DomainError(_("Please choose an answer from the list."), field="age_band")
    if (
        answers.migration_experience is not None
        and answers.migration_experience not in MigrationExperience.ALL
    ):
        raise DomainError(_("Please choose an answer from the list."), field="migration_experience")
    if any(code not in HOME_LANGUAGES for code in answers.languages):
        raise DomainError(_("Please choose languages from the list."), field="home_languages")
    if (
        answers.home_region_id is not None
        and db.session.get(Region, answers.home_region_id) is None
    ):
        raise DomainError(_("Please choose a region from the list."), field="home_region")


def save_profile(user, answers: ProfileAnswers, consent: bool) -> ParticipationProfile:
    """Create or replace the user's profile and its languages, recording the consent given now
    (its time and the version of the purpose text agreed to)."""
    require(user, "profile.answer")
    if not consent:
        raise DomainError(
            _("Please tick the box to give your consent. Without it we cannot store your answers."),
            field="consent",
        )
    _check(answers)
    profile = own_profile(user)
    created = profile is None
    if created:
        profile = ParticipationProfile(user_id=user.id)
    profile.age_band = answers.age_band
    profile.migration_experience = answers.migration_experience
    profile.home_region_id = answers.home_region_id
    profile.consent_given_at = utcnow_naive()
    profile.consent_version = CONSENT_VERSION
    profile.updated_at = utcnow_naive()

    # Keep the rows of languages still chosen, drop the others, add the new ones: rewriting
    # every row would insert a language again before its old row is gone.
    chosen = list(dict.fromkeys(answers.languages))
    for row in list(profile.languages):
        if row.language not in chosen:
            profile.languages.remove(row)
    kept = set(profile.language_codes)
    for code in chosen:
        if code not in kept:
            profile.languages.append(ProfileLanguage(language=code))

    if created:
        db.session.add(profile)
    try:
        db.session.flush()
    except IntegrityError:
        # Two first saves at once (one profile per account) or the same language added twice.
        raise _conflict() from None
    return profile


def withdraw_consent(user) -> bool:
    """Delete the user's profile and its languages at once. True if there was one to delete;
    withdrawing again is harmless.

    No rule is asked: withdrawing consent is a right of everyone who gave it, and this only
    ever deletes the signed-in user's own rows.
    """
    profile_ids = select(ParticipationProfile.id).where(ParticipationProfile.user_id == user.id)
    # The languages explicitly, so nothing depends on the database's cascade being switched on.
    db.session.execute(
        delete(ProfileLanguage).where(ProfileLanguage.profile_id.in_(profile_ids)),
        execution_options={"synchronize_session": "fetch"},
    )
    result = db.session.execute(
        delete(ParticipationProfile).where(ParticipationProfile.user_id == user.id),
        execution_options={"synchronize_session": "fetch"},
    )
    return bool(result.rowcount)
