"""The delivery settings form: how to be mailed about each kind of notification."""

from flask_wtf import FlaskForm
from wtforms import RadioField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, InputRequired

from app.core.i18n import _l
from app.notifications.kinds import DELIVERIES, DELIVERY_NAMES, KINDS

CHOOSE_DELIVERY = _l("Please choose how to be told from the list.")


class DeliverySettingsForm(FlaskForm):
    """One radio group per kind, named by the kind's code (built per user: see `settings_form`)."""

    kind_codes: tuple[str, ...] = ()

    def kind_fields(self):
        return [(KINDS[code], self[code]) for code in self.kind_codes]


def settings_form(kind_codes, **kwargs) -> DeliverySettingsForm:
    """The form for the kinds offered to this user; staff kinds only to staff."""

    class Form(DeliverySettingsForm):
        pass

    Form.kind_codes = tuple(kind_codes)
    for code in Form.kind_codes:
        kind = KINDS[code]
        setattr(
            Form,
            code,
            RadioField(
                kind.label,
                choices=[SelectChoice(value, DELIVERY_NAMES[value]) for value in DELIVERIES],
                # Checked below with a message of our own, the same the service gives.
                validate_choice=False,
                validators=[
                    InputRequired(message=CHOOSE_DELIVERY),
                    AnyOf(DELIVERIES, message=CHOOSE_DELIVERY),
                ],
                description=kind.explanation,
            ),
        )
    return Form(**kwargs)
