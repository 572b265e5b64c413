"""Account forms: they validate input and never save."""

from flask_babel import ngettext
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField
from wtforms.validators import EqualTo, ValidationError

from app.accounts import passwords
from app.core.forms import (
    LanguageField,
    email_address,
    length,
    no_control_characters,
    required,
    strip_filter,
)
from app.core.i18n import _l


def strong_password(form, field):
    value = field.data or ""
    if len(value) < passwords.MIN_LENGTH:
        raise ValidationError(
            ngettext(
                "Your password needs at least %(num)d character.",
                "Your password needs at least %(num)d characters.",
                passwords.MIN_LENGTH,
            )
        )
    if len(value) > passwords.MAX_LENGTH:
        raise ValidationError(
            ngettext(
                "Your password can have at most %(num)d character.",
                "Your password can have at most %(num)d characters.",
                passwords.MAX_LENGTH,
            )
        )
    if passwords.is_common(value):
        raise ValidationError(
            _l("This password is too common and easy to guess. Please choose another one.")
        )


def email_field(label=None):
    return EmailField(
        label or _l("E-mail address"),
        validators=[required(), email_address(), length(max=254)],
        filters=[strip_filter],
        render_kw={"autocomplete": "email", "spellcheck": "false"},
    )


def display_name_field():
    return StringField(
        _l("Display name"),
        validators=[required(), length(min=2, max=60), no_control_characters],
        filters=[strip_filter],
        description=_l("Shown with your contributions. You may use a pseudonym."),
        render_kw={"autocomplete": "nickname"},
    )


def new_password_field(label=None):
    return PasswordField(
        label or _l("Password"),
        validators=[required(), strong_password],
        description=_l("At least 8 characters. A phrase of several words is easy to remember."),
        render_kw={"autocomplete": "new-password"},
    )


class RegistrationForm(FlaskForm):
    email = email_field()
    display_name = display_name_field()
    password = new_password_field()
    locale = LanguageField(_l("Preferred language"))
    accept_privacy = BooleanField(
        _l(
            "I have read the privacy notice and agree that my data is processed as described there."
        ),
        validators=[required(_l("Please agree to the processing of your data to register."))],
    )


class LoginForm(FlaskForm):
    email = EmailField(
        _l("E-mail address"),
        validators=[required(), length(max=254)],
        filters=[strip_filter],
        render_kw={"autocomplete": "username", "spellcheck": "false"},
    )
    password = PasswordField(
        _l("Password"),
        validators=[required(), length(max=passwords.MAX_LENGTH)],
        render_kw={"autocomplete": "current-password"},
    )
    remember = BooleanField(_l("Stay logged in on this device for 30 days"))


class ResetRequestForm(FlaskForm):
    email = email_field()


class ResetPasswordForm(FlaskForm):
    password = new_password_field(_l("New password"))
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[required(), EqualTo("password", message=_l("The two passwords do not match."))],
        render_kw={"autocomplete": "new-password"},
    )


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(
        _l("Current password"),
        validators=[required(), length(max=passwords.MAX_LENGTH)],
        render_kw={"autocomplete": "current-password"},
    )
    password = new_password_field(_l("New password"))
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[required(), EqualTo("password", message=_l("The two passwords do not match."))],
        render_kw={"autocomplete": "new-password"},
    )


class ChangeEmailForm(FlaskForm):
    email = email_field(_l("New e-mail address"))
    current_password = PasswordField(
        _l("Current password"),
        validators=[required(), length(max=passwords.MAX_LENGTH)],
        render_kw={"autocomplete": "current-password"},
    )


class ProfileForm(FlaskForm):
    display_name = display_name_field()
    locale = LanguageField(_l("Preferred language"))
    home_region = SelectField(
        _l("Region where you live"),
        coerce=int,
        description=_l("Optional. Some consultations are open only to residents of their region."),
    )
