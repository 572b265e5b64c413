"""Translations of contributions: added by the author, a member of the organisation the
contribution speaks for, or the region's coordination; moderated like the original."""

from app.core.clock import utcnow_naive
from app.core.errors import DomainError
from app.core.i18n import _, is_supported
from app.core.locking import insert_unique
from app.core.models import Contribution, ModerationState
from app.core.permissions import can, require
from app.extensions import db
from app.multilingual.models import ContributionTranslation
from app.notifications import events


def has_title(contribution: Contribution) -> bool:
    return contribution.kind in ("proposal", "statement")


def translation_into(contribution: Contribution, language: str) -> ContributionTranslation | None:
    return db.session.scalar(
        db.select(ContributionTranslation).where(
            ContributionTranslation.translation_of_id == contribution.id,
            ContributionTranslation.language == language,
        )
    )


def _check_texts(contribution: Contribution, language: str, title: str | None) -> None:
    if not is_supported(language):
        raise DomainError(_("Please choose a language from the list."), field="language")
    if language == contribution.language:
        raise DomainError(
            _("The contribution is already written in this language."), field="language"
        )
    if has_title(contribution) and not (title or "").strip():
        raise DomainError(_("Please translate the title too."), field="title")


def _initial_state(user, contribution: Contribution) -> str:
    # The region's moderators and coordination vouch for their own translations.
    if can(user, "contribution.moderate", contribution):
        return ModerationState.PUBLISHED
    return contribution.consultation.initial_moderation_state()


def add_translation(
    user, contribution: Contribution, language: str, title: str | None, body: str
) -> ContributionTranslation:
    require(user, "contribution.translate", contribution)
    _check_texts(contribution, language, title)
    if translation_into(contribution, language) is not None:
        raise DomainError(_("There is already a translation into this language."), field="language")
    translation = ContributionTranslation(
        translation_of_id=contribution.id,
        consultation_id=contribution.consultation_id,
        author_id=user.id,
        language=language,
        title=title.strip() if has_title(contribution) and title else None,
        body=body.strip(),
        moderation_state=_initial_state(user, contribution),
    )
    # The unique index decides between two translators.
    insert_unique(
        translation,
        DomainError(
            _("Someone has just added a translation into this language. Please reload."),
            status_code=409,
        ),
    )
    # A translation waiting for review tells the region's moderators; a published one tells
    # nobody (its original was announced already).
    events.contribution_written(translation, user.id)
    return translation


def edit_translation(
    user, translation: ContributionTranslation, title: str | None, body: str
) -> None:
    require(user, "translation.edit", translation)
    original = translation.original
    _check_texts(original, translation.language, title)
    translation.title = title.strip() if has_title(original) and title else None
    translation.body = body.strip()
    translation.edited_at = utcnow_naive()
    db.session.flush()
