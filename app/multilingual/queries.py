"""Reading translations: which ones a viewer sees, the reader's preference, and the
contributions a viewer may open to translate.

Pages with many contributions load the translations of all of them in one query
(`translations_for`); a single contribution may use the template global `translations_of`.
"""

from dataclasses import dataclass

from flask import abort, session
from sqlalchemy import and_, exists, or_, select
from sqlalchemy.orm import aliased

from app.core.i18n import current_language
from app.core.models import Contribution, ModerationState
from app.core.permissions import can
from app.extensions import db
from app.multilingual.models import ContributionTranslation

# Session key of the reader's choice "show contributions in my language first".
PREFERENCE_KEY = "translated_first"


class TranslatorRole:
    """How the translator relates to the original (shown next to the translator's name)."""

    AUTHOR = "author"
    MEMBER = "member"  # a member of the organisation the original speaks for
    COORDINATION = "coordination"


@dataclass
class ShownTranslation:
    """A translation as a page shows it, with the translator's relation to the original."""

    translation: ContributionTranslation
    role: str

    @property
    def is_pending(self) -> bool:
        return self.translation.moderation_state == ModerationState.PENDING


def _visible(user):
    """Published translations, plus the viewer's own that wait for review."""
    condition = ContributionTranslation.moderation_state.in_(ModerationState.VISIBLE)
    if getattr(user, "is_authenticated", False):
        condition = or_(
            condition,
            and_(
                ContributionTranslation.author_id == user.id,
                ContributionTranslation.moderation_state == ModerationState.PENDING,
            ),
        )
    return condition


def translations_for(contribution_ids, viewer) -> dict[int, list[ShownTranslation]]:
    """The translations each contribution shows to `viewer`, by language (one query)."""
    from app.organisations.models import Membership

    ids = sorted({i for i in contribution_ids if i})
    if not ids:
        return {}
    original = aliased(Contribution)
    is_member = (
        exists()
        .where(
            Membership.user_id == ContributionTranslation.author_id,
            Membership.organisation_id == original.organisation_id,
        )
        .correlate_except(Membership)
    )
    rows = db.session.execute(
        select(ContributionTranslation, original.author_id, is_member)
        .join(original, original.id == ContributionTranslation.translation_of_id)
        .where(ContributionTranslation.translation_of_id.in_(ids), _visible(viewer))
        .order_by(ContributionTranslation.language, ContributionTranslation.id)
    )
    found: dict[int, list[ShownTranslation]] = {}
    for translation, original_author_id, member in rows:
        if translation.author_id is not None and translation.author_id == original_author_id:
            role = TranslatorRole.AUTHOR
        elif member:
            role = TranslatorRole.MEMBER
        else:
            role = TranslatorRole.COORDINATION
        found.setdefault(translation.translation_of_id, []).append(
            ShownTranslation(translation, role)
        )
    return found


def translations_of(contribution, viewer) -> list[ShownTranslation]:
    return translations_for([contribution.id], viewer).get(contribution.id, [])


# --- The reader's preference ----------------------------------------------------------------


def prefers_translations() -> bool:
    """Has the reader asked to see contributions in their UI language first?"""
    return bool(session.get(PREFERENCE_KEY))


def set_preference(on: bool) -> None:
    if on:
        session[PREFERENCE_KEY] = True
    else:
        session.pop(PREFERENCE_KEY, None)


def main_translations(
    translations: dict[int, list[ShownTranslation]], language: str | None = None
) -> dict[int, ContributionTranslation]:
    """Per contribution, the published translation into the UI language that is shown as its
    main text, when the reader prefers that (no query: picks from loaded translations)."""
    if not prefers_translations():
        return {}
    language = language or current_language()
    return {
        contribution_id: shown.translation
        for contribution_id, items in translations.items()
        for shown in items
        if shown.translation.language == language
        and shown.translation.moderation_state == ModerationState.PUBLISHED
    }


def main_translations_for(contributions, language: str | None = None):
    """Like `main_translations` for a list page: one query, and only when the reader prefers
    translations. {contribution id: translation}."""
    if not prefers_translations():
        return {}
    language = language or current_language()
    ids = [c.id for c in contributions if c.language != language]
    if not ids:
        return {}
    query = select(ContributionTranslation).where(
        ContributionTranslation.translation_of_id.in_(ids),
        ContributionTranslation.language == language,
        ContributionTranslation.moderation_state == ModerationState.PUBLISHED,
    )
    return {t.translation_of_id: t for t in db.session.scalars(query)}


# --- Availability in a language -------------------------------------------------------------


def available_in(entity, language: str):
    """SQL condition: `entity` (Proposal, Comment ...) is written in `language` or has a
    published translation into it."""
    translation = aliased(Contribution)
    translated = exists().where(
        # Said outright (the correlation implies it), so a planner that reads all translations
        # at once uses the index on translations instead of reading every contribution.
        translation.translation_of_id.is_not(None),
        translation.translation_of_id == entity.id,
        translation.language == language,
        translation.moderation_state == ModerationState.PUBLISHED,
    )
    return or_(entity.language == language, translated)


# --- Loading ----------------------------------------------------------------------------------


def is_visible_to(contribution: Contribution, viewer) -> bool:
    """May `viewer` read the contribution: published or their own waiting one, in a
    consultation they may see."""
    if not can(viewer, "consultation.view", contribution.consultation):
        return False
    if contribution.moderation_state == ModerationState.PUBLISHED:
        return True
    return (
        contribution.moderation_state == ModerationState.PENDING
        and getattr(viewer, "is_authenticated", False)
        and contribution.author_id == viewer.id
    )


def visible_contribution_or_404(contribution_id: int, viewer) -> Contribution:
    contribution = db.session.get(Contribution, contribution_id)
    if contribution is None or not is_visible_to(contribution, viewer):
        abort(404)
    return contribution


def translation_or_404(translation_id: int, viewer) -> ContributionTranslation:
    translation = db.session.get(ContributionTranslation, translation_id)
    if translation is None or not is_visible_to(translation, viewer):
        abort(404)
    return translation


def taken_languages(contribution: Contribution) -> set[str]:
    """The original's language and those it already has a translation into (any state)."""
    rows = db.session.scalars(
        select(ContributionTranslation.language).where(
            ContributionTranslation.translation_of_id == contribution.id
        )
    )
    return {contribution.language, *rows}
