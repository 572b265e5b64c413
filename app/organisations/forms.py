"""Organisation forms: request and edit, invitations, join requests, roles, verification."""

from urllib.parse import urlsplit

from flask_wtf import FlaskForm
from wtforms import (
    HiddenField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    widgets,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError

from app.core.forms import (
    add_translated_fields,
    email_address,
    length,
    no_control_characters,
    optional,
    required,
    strip_filter,
    translated_data,
)
from app.core.i18n import _l
from app.organisations.models import KIND_NAMES, ROLE_NAMES, MemberRole, OrganisationKind


class MultiCheckboxField(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


def web_address(form, field):
    """An http or https address with a host; other schemes (javascript:, data:) are refused."""
    value = field.data or ""
    if not value:
        return
    parts = urlsplit(value)
    if (
        parts.scheme.lower() not in ("http", "https")
        or not parts.hostname
        or "." not in parts.hostname
        or any(ch.isspace() for ch in value)
    ):
        raise ValidationError(
            _l("Please enter a web address starting with https://, for example https://verein.de.")
        )


def kind_choices() -> list[SelectChoice]:
    return [SelectChoice(code, KIND_NAMES[code]) for code in OrganisationKind.ALL]


def role_choices() -> list[SelectChoice]:
    return [SelectChoice(code, ROLE_NAMES[code]) for code in MemberRole.ALL]


class OrganisationForm(FlaskForm):
    """Asking to register an organisation, and editing its details later."""

    name = StringField(
        _l("Name of the organisation"),
        validators=[required(), length(min=2, max=160), no_control_characters],
        filters=[strip_filter],
        description=_l("The full name, as on the statutes or the letterhead."),
        render_kw={"autocomplete": "organization", "dir": "auto"},
    )
    kind = SelectField(_l("Kind of organisation"), choices=kind_choices())
    regions = MultiCheckboxField(
        _l("Regions where the organisation is active"),
        coerce=int,
        validators=[required(_l("Please choose at least one region."))],
        description=_l("The coordination of these regions checks and verifies the organisation."),
    )
    fields = MultiCheckboxField(
        _l("Fields of action (optional)"),
        coerce=int,
        description=_l("The topics the organisation works on."),
    )
    website = StringField(
        _l("Website (optional)"),
        validators=[optional(), length(max=300), web_address],
        filters=[strip_filter],
        render_kw={"type": "url", "autocomplete": "url", "dir": "ltr", "inputmode": "url"},
    )
    contact_email = StringField(
        _l("Contact e-mail address"),
        validators=[required(), length(max=254), email_address()],
        filters=[strip_filter],
        description=_l("Shown on the organisation's public page once it is verified."),
        render_kw={"type": "email", "autocomplete": "email", "dir": "ltr"},
    )

    def set_choices(self, regions, fields) -> None:
        self.regions.choices = [SelectChoice(region.id, str(region.title())) for region in regions]
        self.fields.choices = [SelectChoice(field.id, str(field.title())) for field in fields]

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if not any(text.strip() for text in translated_data(self, "description").values()):
            self.description_de.errors = [
                *self.description_de.errors,
                _l("Please describe the organisation in at least one language."),
            ]
            valid = False
        return valid


add_translated_fields(
    OrganisationForm,
    "description",
    _l("Short description"),
    textarea=True,
    max_length=2000,
    german_required=False,
)


class InviteForm(FlaskForm):
    email = StringField(
        _l("E-mail address"),
        validators=[required(), length(max=254), email_address()],
        filters=[strip_filter],
        description=_l("We send an invitation link to this address. It is valid for 14 days."),
        render_kw={"type": "email", "autocomplete": "off", "dir": "ltr"},
    )
    role = SelectField(_l("Role"), choices=role_choices(), default=MemberRole.MEMBER)


class JoinForm(FlaskForm):
    message = TextAreaField(
        _l("Message to the admins (optional)"),
        validators=[optional(), length(max=500), no_control_characters],
        filters=[strip_filter],
        description=_l("For example, how you are involved in the organisation."),
        render_kw={"rows": 3, "dir": "auto"},
    )


class RoleForm(FlaskForm):
    role = SelectField(_l("Role"), choices=role_choices())


class AnswerForm(FlaskForm):
    """Accept or decline (an invitation, a join request): the pressed button's value."""

    answer = HiddenField()

    def accepted(self) -> bool | None:
        return {"accept": True, "decline": False}.get(self.answer.data)


DECISION_LABELS = {
    "verify": _l("Verify: the organisation may speak on the platform"),
    "decline": _l("Decline: the organisation can correct its details and ask again"),
    "suspend": _l("Withdraw verification: earlier contributions stay, without the badge"),
}


class DecisionForm(FlaskForm):
    action = RadioField(_l("Decision"), validate_choice=False)
    reason = TextAreaField(
        _l("Reason"),
        validators=[optional(), length(max=2000), no_control_characters],
        filters=[strip_filter],
        description=_l(
            "Required for declining and withdrawing. The organisation's admins read it."
        ),
        render_kw={"rows": 4, "dir": "auto"},
    )
    seen_status = HiddenField()

    def offer(self, actions) -> None:
        self.action.choices = [SelectChoice(code, DECISION_LABELS[code]) for code in actions]
