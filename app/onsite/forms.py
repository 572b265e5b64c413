"""Forms for on-site events and for entering what was collected there. Validate only; the
services decide (for example that an event lies in the past)."""

from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, NumberRange, Optional

from app.comments.models import STANCE_NAMES, Stance
from app.core.forms import LanguageField, length, no_control_characters, required, strip_filter
from app.core.i18n import _l
from app.onsite.models import FORMAT_NAMES, EventFormat

PARTICIPANTS = _l("Please enter a whole number of 0 or more, or leave the field empty.")


def _choice_id(value):
    """A chosen id; anything else becomes 0 (nothing chosen)."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


class EventForm(FlaskForm):
    name = StringField(
        _l("Name of the event"),
        validators=[required(), length(max=160), no_control_characters],
        filters=[strip_filter],
        description=_l("For example: Citizens' forum Nordstadt, or Paper forms at the library."),
        render_kw={"autocomplete": "off"},
    )
    place = StringField(
        _l("Place"),
        validators=[required(), length(max=160), no_control_characters],
        filters=[strip_filter],
        render_kw={"autocomplete": "off"},
    )
    held_on = DateField(
        _l("Date"),
        validators=[InputRequired(message=_l("Please enter the date of the event."))],
        description=_l("The day it took place. Events are entered afterwards."),
    )
    format = SelectField(
        _l("Format"),
        choices=[SelectChoice(code, FORMAT_NAMES[code]) for code in EventFormat.ALL],
        default=EventFormat.MEETING,
        invalid_choice_message=_l("Please choose a format from the list."),
    )
    participant_count = IntegerField(
        _l("Number of participants (optional)"),
        validators=[Optional(), NumberRange(min=0, max=1_000_000, message=PARTICIPANTS)],
        invalid_value_message=PARTICIPANTS,
        description=_l("As counted by the organisers."),
        render_kw={"min": 0, "inputmode": "numeric"},
    )


class RecordProposalForm(FlaskForm):
    """A proposal from a paper form or a pin board, typed in by the coordination."""

    title = StringField(
        _l("Title"),
        validators=[required(), length(min=5, max=160), no_control_characters],
        filters=[strip_filter],
        description=_l("One sentence that says what is proposed."),
        render_kw={"autocomplete": "off", "dir": "auto"},
    )
    body = TextAreaField(
        _l("Text of the proposal"),
        validators=[required(), length(min=20, max=10000), no_control_characters],
        filters=[strip_filter],
        description=_l("As the participant wrote or said it. Correct only obvious typing errors."),
        render_kw={"rows": 8, "dir": "auto"},
    )
    field_of_action = SelectField(_l("Field of action"), coerce=int)
    language = LanguageField(_l("Language of the text"))

    def set_fields_of_action(self, fields) -> None:
        self.field_of_action.choices = [SelectChoice(0, _l("No particular field"))] + [
            SelectChoice(field.id, str(field.title())) for field in fields
        ]


class RecordCommentForm(FlaskForm):
    """A comment on a published proposal, collected on site."""

    proposal = SelectField(
        _l("Proposal the comment is about"),
        coerce=_choice_id,
        # The service checks that the proposal is a published one of this consultation.
        validate_choice=False,
    )
    body = TextAreaField(
        _l("Text of the comment"),
        validators=[required(), length(min=2, max=5000), no_control_characters],
        filters=[strip_filter],
        description=_l("As the participant wrote or said it. Correct only obvious typing errors."),
        render_kw={"rows": 5, "dir": "auto"},
    )
    stance = SelectField(
        _l("Stance on the proposal"),
        choices=[SelectChoice("", _l("No stance"))]
        + [SelectChoice(code, STANCE_NAMES[code]) for code in Stance.ALL],
        invalid_choice_message=_l("Please choose a stance from the list."),
    )
    language = LanguageField(_l("Language of the text"))

    def set_proposals(self, proposals) -> None:
        self.proposal.choices = [SelectChoice(0, _l("Please choose a proposal"))] + [
            SelectChoice(
                proposal.id,
                proposal.title,
                render_kw={"lang": proposal.language, "dir": "auto"},
            )
            for proposal in proposals
        ]
