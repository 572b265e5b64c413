"""Translation forms: add a translation (language, title, text) or edit one (title, text)."""

from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.fields.choices import SelectChoice

from app.core.forms import (
    LanguageField,
    length,
    no_control_characters,
    optional,
    required,
    strip_filter,
)
from app.core.i18n import LANGUAGE_NAMES, _l

MARKDOWN_HINT = _l(
    "You can use simple formatting: *italic*, **bold**, lists with “-”, quotes with “>” and links."
)


class EditTranslationForm(FlaskForm):
    # Required for proposals and statements only; the service says so at this field.
    title = StringField(
        _l("Translated title"),
        validators=[optional(), length(max=160), no_control_characters],
        filters=[strip_filter],
        render_kw={"autocomplete": "off", "dir": "auto"},
    )
    body = TextAreaField(
        _l("Translated text"),
        validators=[required(), length(min=2, max=10000), no_control_characters],
        filters=[strip_filter],
        description=MARKDOWN_HINT,
        render_kw={"rows": 10, "dir": "auto"},
    )

    def mark_language(self, language: str | None) -> None:
        """Inputs carry the language being typed, so spell checkers and screen readers follow."""
        if language:
            for field in (self.title, self.body):
                field.render_kw = {**(field.render_kw or {}), "lang": language}


class TranslationForm(EditTranslationForm):
    # The service decides which languages are possible (a taken language gets its message
    # here, next to the field, with the typed text kept).
    language = LanguageField(
        _l("Translate into"),
        validate_choice=False,
        description=_l("The languages this contribution is not yet available in."),
    )

    def offer_languages(self, languages) -> None:
        self.language.choices = [
            SelectChoice(code, LANGUAGE_NAMES[code], render_kw={"lang": code}) for code in languages
        ]
