"""Delete my account: the confirmation form (validates only; deletion.py does the work)."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, RadioField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, ValidationError

from app.accounts import passwords
from app.core.forms import length, required, strip_filter
from app.core.i18n import _l

KEEP = "keep"
REMOVE = "remove"


def _known_choice(form, field):
    if field.data not in (KEEP, REMOVE):
        raise ValidationError(_l("Please choose what happens to your contributions."))


class DeleteAccountForm(FlaskForm):
    contributions = RadioField(
        _l("What should happen to your contributions?"),
        choices=[
            SelectChoice(
                KEEP,
                _l("Keep them, shown as written by “Deleted participant”"),
            ),
            SelectChoice(
                REMOVE,
                _l("Remove their text too (replies of others stay, marked as removed)"),
            ),
        ],
        default=KEEP,
        validate_choice=False,
        validators=[_known_choice],
    )
    password = PasswordField(
        _l("Current password"),
        validators=[required(), length(max=passwords.MAX_LENGTH)],
        render_kw={"autocomplete": "current-password"},
    )
    # Removed by the route for accounts without a second factor.
    code = StringField(
        _l("Code from your authenticator app or a recovery code"),
        validators=[required(), length(max=20)],
        filters=[strip_filter],
        render_kw={"autocomplete": "one-time-code", "inputmode": "text", "spellcheck": "false"},
    )
    confirm = BooleanField(
        _l("I understand that my account is deleted for good and cannot be restored."),
        validators=[DataRequired(message=_l("Please tick the box to confirm the deletion."))],
    )

    @property
    def remove_contributions(self) -> bool:
        return self.contributions.data == REMOVE
