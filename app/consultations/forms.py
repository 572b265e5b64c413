"""Forms for consultations: texts, fields of action, phases, settings; the list filters.

Forms validate and never save. Phase times are typed as German wall-clock time (the
`datetime-local` inputs carry no time zone); the service converts them to UTC.
"""

from flask_babel import LazyString
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    HiddenField,
    IntegerField,
    SelectField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, NumberRange, Optional

from app.consultations.models import Eligibility, ModerationMode, VotingMode
from app.consultations.services import MAX_ANSWER_THRESHOLD, MAX_VOTE_BUDGET, schedule_problems
from app.core.forms import add_translated_fields, length, no_control_characters, strip_filter
from app.core.i18n import _, _l
from app.core.phases import INFORMATION, OPTIONAL_PHASES, PHASE_NAMES, PHASE_ORDER
from app.regions.forms import MultiCheckboxField

# The first format is what a `datetime-local` input sends and shows; the others are accepted
# from browsers that fall back to a text input.
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M"]

ENTER_DATETIME = _l("Please enter a date and time.")
INVALID_DATETIME = _l("Please enter a valid date and time.")
WHOLE_NUMBER = _l("Please enter a whole number, for example 0 or 5.")
NUMBER_RANGE = _l("Please enter a whole number from %(min)s to %(max)s.")
CHOOSE_OPTION = _l("Please choose one of the options.")

# What each phase is for, shown in its group of the form.
PHASE_HINTS = {
    "information": _l("Residents learn about the topic and the plan. Nobody can post yet."),
    "proposals": _l("Participants submit proposals and comment on them."),
    "discussion": _l("Participants comment on the proposals; no new proposals."),
    "voting": _l("Participants vote on the proposals."),
    "results": _l("The region reports results and answers the proposals."),
}


def _start_label(kind: str) -> LazyString:
    return LazyString(lambda: _("Start of the phase “%(phase)s”", phase=PHASE_NAMES[kind]))


def _end_label(kind: str) -> LazyString:
    return LazyString(lambda: _("End of the phase “%(phase)s”", phase=PHASE_NAMES[kind]))


def _number(label, highest: int, description) -> IntegerField:
    return IntegerField(
        label,
        default=0,
        description=description,
        invalid_value_message=WHOLE_NUMBER,
        validators=[
            InputRequired(message=WHOLE_NUMBER),
            NumberRange(min=0, max=highest, message=NUMBER_RANGE),
        ],
        render_kw={"min": 0, "max": highest, "inputmode": "numeric"},
    )


class ConsultationForm(FlaskForm):
    """Everything a coordinator sets on a consultation (the region is chosen before)."""

    # `updated_at` of the consultation when the form was opened, to notice edits in between.
    version = HiddenField()

    fields_of_action = MultiCheckboxField(
        _l("Fields of action this consultation is about"),
        coerce=int,
        invalid_value_message=_l("Please choose only fields of action from the list."),
        invalid_choice_message=_l("Please choose only fields of action from the list."),
    )

    moderation_mode = SelectField(
        _l("Moderation"),
        choices=[
            SelectChoice(ModerationMode.PRE, _l("Check before publishing (pre-moderation)")),
            SelectChoice(ModerationMode.POST, _l("Check after publishing (post-moderation)")),
        ],
        default=ModerationMode.POST,
        description=_l(
            "Pre-moderation: a moderator checks every new proposal and comment before others "
            "can see it. Post-moderation: contributions appear at once; moderators review them "
            "afterwards and hide what breaks the rules. A change applies to new contributions "
            "only."
        ),
        invalid_choice_message=CHOOSE_OPTION,
    )
    voting_mode = SelectField(
        _l("Type of voting"),
        choices=[
            SelectChoice(VotingMode.SUPPORT, _l("Support only")),
            SelectChoice(VotingMode.FOR_AGAINST, _l("For and against")),
        ],
        default=VotingMode.SUPPORT,
        description=_l(
            "Support only: participants can support a proposal. For and against: participants "
            "vote for or against a proposal."
        ),
        invalid_choice_message=CHOOSE_OPTION,
    )
    vote_budget = _number(
        _l("Votes per participant"),
        MAX_VOTE_BUDGET,
        _l("How many proposals each participant may vote on. 0 means unlimited."),
    )
    answer_threshold = _number(
        _l("Supports needed for an official answer"),
        MAX_ANSWER_THRESHOLD,
        _l(
            "A proposal reaching this number of supports must receive an official answer from "
            "the region. 0 means no threshold."
        ),
    )
    eligibility = SelectField(
        _l("Who may take part"),
        choices=[
            SelectChoice(Eligibility.REGISTERED, _l("Every registered user")),
            SelectChoice(
                Eligibility.RESIDENTS, _l("Residents who declare this region as their home region")
            ),
        ],
        default=Eligibility.REGISTERED,
        description=_l(
            "Everybody can read a published consultation. This decides who may submit "
            "proposals, comment and vote."
        ),
        invalid_choice_message=CHOOSE_OPTION,
    )
    # 0: none; else the id of the region's draft (choices come from the route).
    concept_version = SelectField(
        _l("Draft of the action concept put up for comment"),
        coerce=int,
        default=0,
        description=_l(
            "Participants can then comment on each goal and measure of the draft during the "
            "phases that allow comments."
        ),
        invalid_choice_message=CHOOSE_OPTION,
    )

    def phase_fields(self, kind: str) -> dict:
        """The inputs of one phase: `included` (optional phases only), `starts_at`, `ends_at`."""
        return {
            "included": getattr(self, f"{kind}_included", None),
            "starts_at": getattr(self, f"{kind}_starts_at"),
            "ends_at": getattr(self, f"{kind}_ends_at"),
        }

    def is_included(self, kind: str) -> bool:
        included = self.phase_fields(kind)["included"]
        return included is None or bool(included.data)

    def schedule(self) -> dict:
        """The included phases as {kind: (start, end)}, German wall-clock time as typed."""
        schedule = {}
        for kind in PHASE_ORDER:
            fields = self.phase_fields(kind)
            start, end = fields["starts_at"].data, fields["ends_at"].data
            if self.is_included(kind) and start is not None and end is not None:
                schedule[kind] = (start, end)
        return schedule

    def fill_schedule(self, schedule: dict) -> None:
        """Show stored phases (given in German wall-clock time)."""
        for kind in PHASE_ORDER:
            fields = self.phase_fields(kind)
            start, end = schedule.get(kind, (None, None))
            if fields["included"] is not None:
                fields["included"].data = kind in schedule
            fields["starts_at"].data, fields["ends_at"].data = start, end

    def validate(self, extra_validators=None) -> bool:
        super().validate(extra_validators)
        for kind in OPTIONAL_PHASES:
            fields = self.phase_fields(kind)
            dates = (fields["starts_at"], fields["ends_at"])
            if not fields["included"].data:
                for item in dates:  # left out: what is typed there does not count
                    item.errors = []
                continue
            for item in dates:
                if item.data is None and not item.errors:
                    item.errors = [ENTER_DATETIME]
        phase_inputs = [
            item
            for kind in PHASE_ORDER
            if self.is_included(kind)
            for item in (self.phase_fields(kind)["starts_at"], self.phase_fields(kind)["ends_at"])
        ]
        if not any(item.errors for item in phase_inputs):
            for name, message in schedule_problems(self.schedule()):
                getattr(self, name).errors.append(message)
        return not self.form_errors and not any(item.errors for item in self)


for _kind in PHASE_ORDER:
    _mandatory = _kind == INFORMATION
    if not _mandatory:
        setattr(ConsultationForm, f"{_kind}_included", BooleanField(_l("Include this phase")))
    for _part, _label in (("starts_at", _start_label(_kind)), ("ends_at", _end_label(_kind))):
        setattr(
            ConsultationForm,
            f"{_kind}_{_part}",
            DateTimeLocalField(
                _label,
                validators=[InputRequired(message=ENTER_DATETIME)] if _mandatory else [Optional()],
                format=DATETIME_FORMATS,
                invalid_value_message=INVALID_DATETIME,
            ),
        )

add_translated_fields(ConsultationForm, "title", _l("Title"), max_length=160)
add_translated_fields(
    ConsultationForm, "summary", _l("Short summary"), textarea=True, max_length=400
)
add_translated_fields(
    ConsultationForm, "description", _l("Description"), textarea=True, max_length=20000
)
# A summary in Leichte Sprache: German by nature, so one field, marked as German.
ConsultationForm.easy_language_summary = TextAreaField(
    _l("Summary in Leichte Sprache (optional)"),
    validators=[Optional(), length(max=5000), no_control_characters],
    filters=[strip_filter],
    description=_l(
        "Short sentences, one thought per line. Line breaks are kept; simple formatting works "
        "as in the description. Shown on the consultation page under “In easy language”."
    ),
    render_kw={"rows": 8, "lang": "de", "dir": "ltr"},
)


class RegionChoiceForm(FlaskForm):
    """Which region a new consultation belongs to (a GET form: it only changes the page)."""

    class Meta:
        csrf = False

    region = SelectField(_l("Region"), validate_choice=False)


class ConsultationFilterForm(FlaskForm):
    """The filters of the consultation list (GET). The route decides what is applied."""

    class Meta:
        csrf = False

    region = SelectField(_l("Region"), validate_choice=False)
    field = SelectField(_l("Field of action"), validate_choice=False)
    phase = SelectField(_l("Phase"), validate_choice=False)
