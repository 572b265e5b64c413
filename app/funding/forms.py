"""The form for a funding programme, with its application deadlines as rows.

Validate only; the services decide (amount range, regions against "all regions").
"""

from functools import lru_cache

from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, IntegerField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import NumberRange, Optional

from app.core.forms import (
    add_translated_fields,
    length,
    no_control_characters,
    required,
    strip_filter,
)
from app.core.i18n import _l
from app.funding.models import (
    FUNDER_LEVEL_NAMES,
    PROGRAMME_STATUS_NAMES,
    RECURRENCE_NAMES,
    FunderLevel,
    ProgrammeStatus,
    Recurrence,
)
from app.funding.services import DeadlineDetails
from app.organisations.forms import web_address
from app.regions.forms import MultiCheckboxField

# Empty deadline rows offered below the existing ones; a form never has more than MAX rows
# (a crafted request with thousands of rows gets MAX).
BLANK_DEADLINE_ROWS = 2
MIN_DEADLINE_ROWS = 4
MAX_DEADLINE_ROWS = 30
# Whole euros, within what every database stores as an integer.
HIGHEST_AMOUNT = 2_000_000_000

CHOOSE_OPTION = _l("Please choose an option from the list.")
EUROS = _l("Please enter a whole number of euros (0 or more), or leave the field empty.")
PERCENT = _l("Please enter a whole number from 0 to 100, or leave the field empty.")
WHOLE_EUROS_HINT = _l("Whole euros without points or spaces, for example 50000.")
AMOUNTS_ORDERED = _l("The smallest amount must not be larger than the largest.")
REGIONS_NEEDED = _l("Please choose the eligible regions, or mark the programme as open to all.")
DEADLINE_DATE = _l("Please enter a valid date, for example 31.03.2027.")
DEADLINE_MISSING_DATE = _l("Please enter the date of this deadline, or empty the row.")


def _amount(label, description=None) -> IntegerField:
    return IntegerField(
        label,
        validators=[Optional(), NumberRange(min=0, max=HIGHEST_AMOUNT, message=EUROS)],
        invalid_value_message=EUROS,
        description=description,
        render_kw={"min": 0, "inputmode": "numeric"},
    )


class ProgrammeForm(FlaskForm):
    # Set by programme_form(), together with the fields deadline_<n>_due_on|recurrence|label.
    deadline_row_count = 0

    name = StringField(
        _l("Name of the programme"),
        validators=[required(), length(max=200), no_control_characters],
        filters=[strip_filter],
        render_kw={"autocomplete": "off", "dir": "auto"},
    )
    funder_level = SelectField(
        _l("Funder level"),
        choices=[SelectChoice(code, FUNDER_LEVEL_NAMES[code]) for code in FunderLevel.ALL],
        default=FunderLevel.STATE,
        invalid_choice_message=CHOOSE_OPTION,
    )
    funder = StringField(
        _l("Funder"),
        validators=[required(), length(max=200), no_control_characters],
        filters=[strip_filter],
        description=_l("The ministry, authority or foundation that grants the money."),
        render_kw={"autocomplete": "off", "dir": "auto"},
    )
    status = SelectField(
        _l("Status"),
        choices=[SelectChoice(code, PROGRAMME_STATUS_NAMES[code]) for code in ProgrammeStatus.ALL],
        default=ProgrammeStatus.OPEN,
        invalid_choice_message=CHOOSE_OPTION,
    )
    all_regions = BooleanField(
        _l("Open to all regions"),
        default=True,
        description=_l("Untick this and choose the regions below when only some may apply."),
    )
    regions = MultiCheckboxField(
        _l("Eligible regions"),
        coerce=int,
        invalid_value_message=_l("Please choose only regions from the list."),
        invalid_choice_message=_l("Please choose only regions from the list."),
    )
    fields = MultiCheckboxField(
        _l("Fields of action"),
        coerce=int,
        invalid_value_message=_l("Please choose only fields of action from the list."),
        invalid_choice_message=_l("Please choose only fields of action from the list."),
    )
    target_groups = StringField(
        _l("Target groups (optional)"),
        validators=[Optional(), length(max=300), no_control_characters],
        filters=[strip_filter],
        description=_l("Who may apply or who benefits, for example: associations, municipalities."),
        render_kw={"autocomplete": "off", "dir": "auto"},
    )
    amount_min = _amount(_l("Smallest amount in euros (optional)"), WHOLE_EUROS_HINT)
    amount_max = _amount(_l("Largest amount in euros (optional)"), WHOLE_EUROS_HINT)
    co_funding_percent = IntegerField(
        _l("Co-funding share in per cent (optional)"),
        validators=[Optional(), NumberRange(min=0, max=100, message=PERCENT)],
        invalid_value_message=PERCENT,
        description=_l("The share applicants pay themselves."),
        render_kw={"min": 0, "max": 100, "inputmode": "numeric"},
    )
    url = StringField(
        _l("Web address (optional)"),
        validators=[Optional(), length(max=300), web_address],
        filters=[strip_filter],
        render_kw={"type": "url", "autocomplete": "url", "dir": "ltr", "inputmode": "url"},
    )
    contact = StringField(
        _l("Contact (optional)"),
        validators=[Optional(), length(max=300), no_control_characters],
        filters=[strip_filter],
        description=_l("A person, an office, an e-mail address or a telephone number."),
        render_kw={"autocomplete": "off", "dir": "auto"},
    )

    def set_choices(self, regions, fields) -> None:
        self.regions.choices = [SelectChoice(region.id, str(region.title())) for region in regions]
        self.fields.choices = [SelectChoice(field.id, str(field.title())) for field in fields]

    # --- Deadline rows ------------------------------------------------------------------------

    @property
    def deadline_rows(self) -> list[dict]:
        """[{"number", "due_on", "recurrence", "label"}] for the template, in order."""
        return [
            {
                "number": index + 1,
                "due_on": self[f"deadline_{index}_due_on"],
                "recurrence": self[f"deadline_{index}_recurrence"],
                "label": self[f"deadline_{index}_label"],
            }
            for index in range(self.deadline_row_count)
        ]

    def fill_deadlines(self, deadlines) -> None:
        for row, deadline in zip(self.deadline_rows, deadlines, strict=False):
            row["due_on"].data = deadline.due_on
            row["recurrence"].data = deadline.recurrence
            row["label"].data = deadline.label

    def deadlines(self) -> list[DeadlineDetails]:
        """The filled rows; empty rows are left out."""
        return [
            DeadlineDetails(
                due_on=row["due_on"].data,
                recurrence=row["recurrence"].data,
                label=row["label"].data or "",
            )
            for row in self.deadline_rows
            if row["due_on"].data is not None
        ]

    def validate(self, extra_validators=None) -> bool:
        """Field checks, plus the service's own rules on amounts and regions, so that every
        message shows at once (the service checks them again)."""
        valid = super().validate(extra_validators)
        low, high = self.amount_min.data, self.amount_max.data
        if low is not None and high is not None and low > high and not self.amount_max.errors:
            self.amount_max.errors = [*self.amount_max.errors, AMOUNTS_ORDERED]
            valid = False
        if not self.all_regions.data and not self.regions.data and not self.regions.errors:
            self.regions.errors = [*self.regions.errors, REGIONS_NEEDED]
            valid = False
        for row in self.deadline_rows:
            started = bool(row["label"].data) or row["recurrence"].data != Recurrence.NONE
            if row["due_on"].data is None and started and not row["due_on"].errors:
                row["due_on"].errors = [*row["due_on"].errors, DEADLINE_MISSING_DATE]
                valid = False
        return valid


add_translated_fields(
    ProgrammeForm,
    "description",
    _l("Description"),
    textarea=True,
    max_length=5000,
    german_required=False,
)


def _deadline_fields(index: int) -> dict:
    number = index + 1
    return {
        f"deadline_{index}_due_on": DateField(
            _l("Deadline %(number)d: date", number=number),
            validators=[Optional()],
            invalid_value_message=DEADLINE_DATE,
        ),
        f"deadline_{index}_recurrence": SelectField(
            _l("Deadline %(number)d: repeats", number=number),
            choices=[SelectChoice(code, RECURRENCE_NAMES[code]) for code in Recurrence.ALL],
            default=Recurrence.NONE,
            invalid_choice_message=CHOOSE_OPTION,
        ),
        f"deadline_{index}_label": StringField(
            _l("Deadline %(number)d: label (optional)", number=number),
            validators=[Optional(), length(max=160), no_control_characters],
            filters=[strip_filter],
            render_kw={"autocomplete": "off", "dir": "auto"},
        ),
    }


def deadline_rows_sent(formdata) -> int:
    """How many deadline rows a sent form had (the highest row number in it)."""
    highest = -1
    for key in formdata:
        parts = key.split("_")
        if len(parts) >= 3 and parts[0] == "deadline" and parts[1].isdigit():
            highest = max(highest, int(parts[1]))
    return highest + 1


def programme_form(existing_deadlines: int = 0, formdata=None, **kwargs) -> ProgrammeForm:
    """A ProgrammeForm with rows for the existing deadlines plus a few empty ones (at least
    MIN_DEADLINE_ROWS); a sent form keeps the rows it was sent with."""
    rows = max(MIN_DEADLINE_ROWS, existing_deadlines + BLANK_DEADLINE_ROWS)
    if formdata:
        rows = max(rows, deadline_rows_sent(formdata))
    rows = min(rows, max(MAX_DEADLINE_ROWS, existing_deadlines))
    return _form_class(rows)(**kwargs)


@lru_cache(maxsize=64)
def _form_class(rows: int) -> type:
    fields = {"deadline_row_count": rows}
    for index in range(rows):
        fields.update(_deadline_fields(index))
    return type("ProgrammeFormWithDeadlines", (ProgrammeForm,), fields)
