"""Forms of the action concept: goals and measures of a draft, publishing a version, and
comments on a draft put up for comment. They validate; the services decide and save."""

from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, NumberRange, Optional

from app.comments.models import STANCE_NAMES, Stance
from app.concepts.models import MEASURE_STATUS_NAMES, MeasureStatus
from app.core.forms import LanguageField, length, no_control_characters, required, strip_filter
from app.core.i18n import _, _l
from app.proposals.forms import MARKDOWN_HINT, speak_as_field
from app.regions.forms import MultiCheckboxField

POSITION_MESSAGE = _l("Please enter a number from 0 to 999.")


def _position_field() -> IntegerField:
    return IntegerField(
        _l("Position"),
        default=0,
        description=_l("Items with a smaller number come first."),
        invalid_value_message=POSITION_MESSAGE,
        validators=[
            InputRequired(message=POSITION_MESSAGE),
            NumberRange(min=0, max=999, message=POSITION_MESSAGE),
        ],
        render_kw={"min": 0, "max": 999, "inputmode": "numeric"},
    )


def _title_field(label) -> StringField:
    return StringField(
        label,
        validators=[required(), length(min=3, max=200), no_control_characters],
        filters=[strip_filter],
        render_kw={"dir": "auto", "autocomplete": "off"},
    )


def _description_field() -> TextAreaField:
    return TextAreaField(
        _l("Description"),
        validators=[Optional(), length(max=10000), no_control_characters],
        filters=[strip_filter],
        description=MARKDOWN_HINT,
        render_kw={"rows": 5, "dir": "auto"},
    )


class GoalForm(FlaskForm):
    field_of_action = SelectField(
        _l("Field of action"),
        coerce=int,
        invalid_choice_message=_l("Please choose a field of action from the list."),
    )
    title = _title_field(_l("Goal"))
    description = _description_field()
    position = _position_field()

    def set_fields_of_action(self, fields) -> None:
        self.field_of_action.choices = [SelectChoice(item.id, str(item.title())) for item in fields]


class MeasureForm(FlaskForm):
    title = _title_field(_l("Measure"))
    description = _description_field()
    responsible = StringField(
        _l("Responsible"),
        validators=[Optional(), length(max=200), no_control_characters],
        filters=[strip_filter],
        description=_l("The body or office that carries out the measure."),
        render_kw={"dir": "auto"},
    )
    timeframe = StringField(
        _l("Timeframe"),
        validators=[Optional(), length(max=100), no_control_characters],
        filters=[strip_filter],
        description=_l("For example “2025 to 2026” or “from spring 2026”."),
        render_kw={"dir": "auto"},
    )
    status = SelectField(
        _l("Status"),
        choices=[SelectChoice(code, MEASURE_STATUS_NAMES[code]) for code in MeasureStatus.ALL],
        default=MeasureStatus.PLANNED,
        invalid_choice_message=_l("Please choose a status from the list."),
    )
    position = _position_field()
    proposals = MultiCheckboxField(
        _l("Proposals this measure takes up"),
        coerce=int,
        description=_l("Published proposals from this region's consultations."),
        invalid_choice_message=_l(
            "Please choose published proposals from this region's consultations."
        ),
    )
    projects = MultiCheckboxField(
        _l("Project approaches that carry out this measure"),
        coerce=int,
        invalid_choice_message=_l("Please choose project approaches of this region."),
    )

    def set_links(self, proposals, projects) -> None:
        self.proposals.choices = [
            SelectChoice(
                proposal.id,
                _(
                    "%(title)s (%(consultation)s)",
                    title=proposal.title,
                    consultation=str(proposal.consultation.heading()),
                ),
            )
            for proposal in proposals
        ]
        self.projects.choices = [SelectChoice(project.id, project.title) for project in projects]


class PublishForm(FlaskForm):
    valid_from = DateField(
        _l("Valid from"),
        validators=[InputRequired(message=_l("Please enter a date."))],
        invalid_value_message=_l("Please enter a valid date."),
        description=_l("The date from which this version applies."),
    )
    note = TextAreaField(
        _l("What changed in this version"),
        validators=[Optional(), length(max=2000), no_control_characters],
        filters=[strip_filter],
        description=_l("A sentence or two for readers, shown with the version."),
        render_kw={"rows": 3, "dir": "auto"},
    )


def _stance_choices():
    return [SelectChoice("", _l("No stance"))] + [
        SelectChoice(code, STANCE_NAMES[code]) for code in Stance.ALL
    ]


class ConceptCommentForm(FlaskForm):
    """A comment on one goal or measure; each item's form has its own prefix, so ids differ."""

    body = TextAreaField(
        _l("Your comment"),
        validators=[required(), length(min=2, max=5000), no_control_characters],
        filters=[strip_filter],
        render_kw={"rows": 4, "dir": "auto"},
    )
    stance = SelectField(
        _l("Your stance"),
        choices=_stance_choices(),
        description=_l("Optional. Shown as a badge next to your comment."),
    )
    language = LanguageField(_l("Language of your text"))
    speak_as = speak_as_field()


def comment_prefix(item_id: int) -> str:
    return f"item-{item_id}"
