"""Shared set-up for the translation page tests: a region with a discussion, its people, and
small helpers to read pages."""

import html
import re
from dataclasses import dataclass

from sqlalchemy import func, select

from app.core.models import Contribution
from app.extensions import db
from app.multilingual.models import ContributionTranslation
from tests import participation_builders as build
from tests.factories import make_region, make_user, make_user_with_role


@dataclass
class Scene:
    region: object
    consultation: object
    author: object
    proposal: object


def scene(moderation_mode: str = "post", proposal_language: str = "de", **proposal_columns):
    """A consultation in its discussion phase with one published German proposal; every person
    sees the site in English, so the tests read English messages."""
    region = make_region()
    consultation = build.consultation(
        region=region, phase="discussion", moderation_mode=moderation_mode
    )
    author = make_user(locale="en", display_name="Amira Autorin")
    proposal = build.proposal(
        consultation,
        author,
        title="Mehr Sprachkurse am Abend",
        body="Viele arbeiten tagsüber. Kurse am Abend würden helfen.",
        language=proposal_language,
        **proposal_columns,
    )
    db.session.commit()
    return Scene(region, consultation, author, proposal)


def person(role: str = "participant", region=None, **fields):
    fields.setdefault("locale", "en")
    user = make_user_with_role(role, region=region, **fields)
    db.session.commit()
    return user


def new_url(contribution, language: str | None = None) -> str:
    url = f"/contributions/{contribution.id}/translations/new"
    return f"{url}?language={language}" if language else url


def edit_url(translation) -> str:
    return f"/contributions/{translation.id}/translation/edit"


def translation_count() -> int:
    return db.session.scalar(
        select(func.count(Contribution.id)).where(Contribution.translation_of_id.is_not(None))
    )


def translations_of(original) -> list[ContributionTranslation]:
    db.session.expire_all()
    return list(
        db.session.scalars(
            select(ContributionTranslation).where(
                ContributionTranslation.translation_of_id == original.id
            )
        )
    )


def page_of(response) -> str:
    return response.get_data(as_text=True)


def field_error(page: str, field_id: str) -> str:
    """The error shown next to a field, without the hidden "Error:" prefix for screen readers."""
    match = re.search(rf'<p class="field-error" id="{field_id}-error">(.*?)</p>', page, re.S)
    assert match, f"no error shown next to {field_id}"
    shown = re.sub(r'<span class="visually-hidden">.*?</span>', "", match.group(1))
    return html.unescape(re.sub(r"<[^>]+>", "", shown)).strip()


def text_of(page: str) -> str:
    """The page as text: tags removed, white space collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def textarea_text(page: str, field_id: str) -> str:
    match = re.search(rf'<textarea[^>]*id="{field_id}"[^>]*>(.*?)</textarea>', page, re.S)
    assert match, f"no textarea {field_id}"
    return html.unescape(match.group(1)).strip()


def element_attrs(page: str, text: str) -> str:
    """The attributes of the first element in the page body whose content starts with `text`
    (a paragraph inside it counts: Markdown wraps texts in <p>)."""
    escaped = re.escape(html.escape(text, quote=False))
    body = page[page.index("<main") :]
    match = re.search(rf"<(\w+)([^>]*)>\s*(?:<p>)?(?:<strong>)?\s*{escaped}", body)
    assert match, f"{text!r} not found in the page"
    return match.group(2)
