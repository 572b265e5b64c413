"""Forms of the second factor: they validate the shape of a code, the rules check its value."""

from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import ValidationError

from app.accounts import mfa
from app.core.forms import length, required
from app.core.i18n import _l


def six_digits(form, field):
    code = mfa.normalise_code(field.data)
    if len(code) != mfa.DIGITS or not code.isdigit():
        raise ValidationError(_l("Please enter the 6 digits your app shows."))


def recovery_code_shape(form, field):
    if len(mfa.normalise_recovery_code(field.data)) != mfa.RECOVERY_CODE_LENGTH:
        raise ValidationError(
            _l("Please enter one of your recovery codes, for example abcde-fgh23.")
        )


def code_field(label=None, description=None):
    return StringField(
        label or _l("Code from your app"),
        validators=[required(), length(max=20), six_digits],
        description=description or _l("The 6-digit code your authenticator app shows now."),
        render_kw={
            "autocomplete": "one-time-code",
            "inputmode": "numeric",
            "spellcheck": "false",
            "autocapitalize": "off",
        },
    )


class CodeForm(FlaskForm):
    code = code_field()


class CodeOrRecoveryForm(FlaskForm):
    """Turning the second factor off: a current code or, without the phone, a recovery code."""

    code = StringField(
        _l("Code from your app or a recovery code"),
        validators=[required(), length(max=20)],
        render_kw={"autocomplete": "one-time-code", "spellcheck": "false", "autocapitalize": "off"},
    )


class RecoveryCodeForm(FlaskForm):
    recovery_code = StringField(
        _l("Recovery code"),
        validators=[required(), length(max=30), recovery_code_shape],
        description=_l("One of the ten codes you saved when you set up two-step login."),
        render_kw={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "off"},
    )
