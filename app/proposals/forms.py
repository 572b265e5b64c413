"""Proposal forms: submit or edit (with preview), and the region's official answer."""

from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice

from app.core.forms import LanguageField, length, no_control_characters, required, strip_filter
from app.core.i18n import _, _l
from app.proposals.models import STATUS_NAMES, ProposalStatus

MARKDOWN_HINT = _l(
    "You can use simple formatting: *italic*, **bold**, lists with “-”, quotes with “>” and links."
)


def speak_as_field() -> RadioField:
    """ "Publish as": 0 for oneself, else the id of a verified organisation the user belongs to.

    The service decides whether the user may speak for the organisation (a tampered value gets
    its message at this field), so the choices are not checked here.
    """
    return RadioField(
        _l("Publish as"),
        coerce=int,
        default=0,
        validate_choice=False,
        description=_l(
            "You are a member of a verified organisation. You can publish in its name; your own "
            "name is shown as well."
        ),
    )


def offer_speakers(field: RadioField, user, organisations) -> None:
    # The name isolated (FSI … PDI), so a Latin name keeps its brackets on an Arabic page.
    name = "\u2068" + getattr(user, "display_name", "") + "\u2069"
    field.choices = [SelectChoice(0, _("As myself (%(name)s)", name=name))] + [
        SelectChoice(organisation.id, organisation.name) for organisation in organisations
    ]


class ProposalForm(FlaskForm):
    title = StringField(
        _l("Title"),
        validators=[required(), length(min=5, max=160), no_control_characters],
        filters=[strip_filter],
        description=_l("One sentence that says what you propose."),
        render_kw={"autocomplete": "off", "dir": "auto", "data-similar-source": "true"},
    )
    body = TextAreaField(
        _l("Your proposal"),
        validators=[required(), length(min=20, max=10000), no_control_characters],
        filters=[strip_filter],
        description=MARKDOWN_HINT,
        render_kw={"rows": 10, "dir": "auto"},
    )
    field_of_action = SelectField(_l("Field of action"), coerce=int)
    language = LanguageField(
        _l("Language of your text"),
        description=_l("So that readers and translators know which language you wrote in."),
    )
    speak_as = speak_as_field()
    revision = HiddenField()
    preview = SubmitField(_l("Preview"))
    save = SubmitField(_l("Submit proposal"))

    def set_fields_of_action(self, fields) -> None:
        self.field_of_action.choices = [SelectChoice(0, _l("No particular field"))] + [
            SelectChoice(field.id, str(field.title())) for field in fields
        ]


class AnswerForm(FlaskForm):
    status = SelectField(
        _l("New status"),
        choices=[SelectChoice(code, STATUS_NAMES[code]) for code in ProposalStatus.ANSWERABLE],
    )
    body = TextAreaField(
        _l("Public answer with reasons"),
        validators=[required(), length(min=20, max=10000), no_control_characters],
        filters=[strip_filter],
        description=MARKDOWN_HINT,
        render_kw={"rows": 8},
    )
