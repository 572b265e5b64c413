"""Form helpers shared by every area: validators with translated messages, language choices.

Forms validate and never save; services do the writing.
"""

from flask_babel import LazyString, ngettext
from flask_wtf import FlaskForm
from wtforms import SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError

from app.core.i18n import LANGUAGE_NAMES, _l


def required(message=None):
    return DataRequired(message=message or _l("Please fill in this field."))


def counted(singular: str, plural: str, number: int, **variables) -> LazyString:
    """A lazily translated message whose grammar follows `number` (Polish, Russian, Arabic ...)."""
    return LazyString(lambda: ngettext(singular, plural, number, **variables))


def length(min: int = -1, max: int = -1):
    if min > 0 and max > 0:
        message = counted(
            "Please enter between %(min)d and %(num)d character.",
            "Please enter between %(min)d and %(num)d characters.",
            max,
            min=min,
        )
    elif max > 0:
        message = counted(
            "Please enter at most %(num)d character.",
            "Please enter at most %(num)d characters.",
            max,
        )
    else:
        message = counted(
            "Please enter at least %(num)d character.",
            "Please enter at least %(num)d characters.",
            min,
        )
    return Length(min=min, max=max, message=message)


def email_address():
    return Email(
        message=_l("Please enter a valid e-mail address, for example name@example.de."),
        check_deliverability=False,
    )


def optional():
    return Optional()


def language_choices(languages) -> list[SelectChoice]:
    # Each option names its language in itself and says so with `lang`, for screen readers.
    return [
        SelectChoice(code, LANGUAGE_NAMES[code], render_kw={"lang": code}) for code in languages
    ]


class LanguageField(SelectField):
    """One of the UI languages, each named in itself."""

    def __init__(self, label=None, validators=None, **kwargs):
        from config import LANGUAGES

        super().__init__(label, validators, choices=language_choices(LANGUAGES), **kwargs)


def strip_filter(value):
    return value.strip() if isinstance(value, str) else value


def no_control_characters(form, field):
    if isinstance(field.data, str) and any(
        ord(ch) < 32 and ch not in "\r\n\t" for ch in field.data
    ):
        raise ValidationError(_l("Please remove the invisible control characters."))


class EmptyForm(FlaskForm):
    """Only a CSRF token: for buttons that change something (log out, confirm, delete)."""


def add_translated_fields(
    form_class,
    name: str,
    label,
    *,
    textarea: bool = False,
    max_length: int,
    german_required: bool = True,
):
    """Add one field per UI language (`name_de`, `name_en`, ...) to `form_class`.

    German is required (unless `german_required` is False), the other languages are optional;
    readers see the German text where a translation is missing. Each input carries `lang` and
    `dir`, so Arabic and Farsi are typed right-to-left.
    """
    from wtforms import StringField, TextAreaField

    from app.core.i18n import RTL_LANGUAGES
    from config import LANGUAGES

    field_type = TextAreaField if textarea else StringField
    for code in LANGUAGES:
        mandatory = code == "de" and german_required
        validators = [required() if mandatory else Optional(), length(max=max_length)]
        field_label = LazyString(lambda label=label, code=code: f"{label} ({LANGUAGE_NAMES[code]})")
        render_kw = {"lang": code, "dir": "rtl" if code in RTL_LANGUAGES else "ltr"}
        if textarea:
            render_kw["rows"] = 6
        setattr(
            form_class,
            f"{name}_{code}",
            field_type(
                field_label, validators=validators, filters=[strip_filter], render_kw=render_kw
            ),
        )
    return form_class


def translated_data(form, name: str) -> dict[str, str]:
    from config import LANGUAGES

    return {code: getattr(form, f"{name}_{code}").data or "" for code in LANGUAGES}


def fill_translated(form, name: str, texts: dict | None) -> None:
    from config import LANGUAGES

    for code in LANGUAGES:
        getattr(form, f"{name}_{code}").data = (texts or {}).get(code, "")


def attach_error(form, error) -> None:
    """Show a service's refusal (a DomainError) next to its field, or at the top of the form."""
    form.refusal_status = error.status_code  # e.g. 409 for a stale edit form
    field = getattr(form, error.field, None) if error.field else None
    if field is not None:
        field.errors = [*field.errors, error.message]
    else:
        form.form_errors.append(error.message)


class Outcome:
    """What `apply_change` reports: truthy when the change was stored, with the service's result."""

    def __init__(self, stored: bool, value=None):
        self.stored = stored
        self.value = value

    def __bool__(self) -> bool:
        return self.stored


def apply_change(form, change, success_message) -> Outcome:
    """Run a service for a validated form in the request's one transaction.

    On success: commit and flash `success_message`. When the service refuses with a
    DomainError: roll back (nothing half-written) and show the message at its field, so the
    page renders again with everything the user typed.
    """
    from flask import flash

    from app.core.errors import DomainError
    from app.extensions import db

    try:
        value = change()
    except DomainError as error:
        db.session.rollback()
        attach_error(form, error)
        return Outcome(False)
    db.session.commit()
    flash(success_message, "success")
    return Outcome(True, value)
