"""The project approach form: what, who, how funded, when, and which proposals it came from.

The form only validates what a browser sends; which organisations, programmes and proposals may
be named is the service's decision (its refusal lands at the field it names).
"""

from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    FieldList,
    FormField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    widgets,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import NumberRange, ValidationError

from app.core.forms import (
    LanguageField,
    length,
    no_control_characters,
    optional,
    required,
    strip_filter,
)
from app.core.i18n import _, _l
from app.projects.models import (
    FUNDING_STATE_NAMES,
    PROJECT_STATUS_NAMES,
    FundingState,
    ProjectStatus,
)

PARTNER_ROWS = 4
FUNDING_ROWS = 3
MAX_ROWS = 30
MAX_EUROS = 2_000_000_000

MARKDOWN_HINT = _l(
    "You can use simple formatting: *italic*, **bold**, lists with “-”, quotes with “>” and links."
)


def chosen_id(value) -> int:
    """A select's value as an id; the empty option ("none") is 0."""
    if value in (None, ""):
        return 0
    return int(value)


def euros(label, description=None) -> IntegerField:
    return IntegerField(
        label,
        validators=[
            optional(),
            NumberRange(
                min=0,
                max=MAX_EUROS,
                message=_l("Please enter whole euros from 0 to 2,000,000,000."),
            ),
        ],
        description=description,
        render_kw={"min": 0, "inputmode": "numeric"},
    )


class MultiCheckboxField(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class RowForm(FlaskForm):
    """One row of a repeated group; the surrounding form carries the CSRF token."""

    class Meta:
        csrf = False


class PartnerRow(RowForm):
    organisation = SelectField(
        _l("Organisation from the directory"),
        coerce=chosen_id,
        validate_choice=False,
        default=0,
    )
    name = StringField(
        _l("Or another name"),
        validators=[optional(), length(max=200), no_control_characters],
        filters=[strip_filter],
        render_kw={"dir": "auto"},
    )


class FundingRow(RowForm):
    programme = SelectField(
        _l("Funding programme"), coerce=chosen_id, validate_choice=False, default=0
    )
    state = SelectField(
        _l("State of the application"),
        choices=[SelectChoice(code, FUNDING_STATE_NAMES[code]) for code in FundingState.ALL],
        default=FundingState.APPLIED,
    )
    amount = euros(_l("Amount in euros"))

    def validate_amount(self, field):
        if field.data is not None and not self.programme.data:
            raise ValidationError(_("Please choose the programme this amount comes from."))


class RowList(FieldList):
    """Repeated rows (partners, fundings). Each row's errors stay at its own inputs; the list
    carries one pointer to them for the error summary, and the service's refusals."""

    def validate(self, form, extra_validators=()):
        rows_valid = True
        for entry in self.entries:
            if not entry.validate(form):
                rows_valid = False
        self.errors = [] if rows_valid else [_("Please check the entries marked below.")]
        for validator in [*self.validators, *extra_validators]:
            try:
                validator(form, self)
            except ValidationError as error:
                self.errors.append(str(error))
        return not self.errors


class ProjectForm(FlaskForm):
    title = StringField(
        _l("Title"),
        validators=[required(), length(min=3, max=200), no_control_characters],
        filters=[strip_filter],
        render_kw={"dir": "auto"},
    )
    description = TextAreaField(
        _l("Description"),
        validators=[optional(), length(max=10000), no_control_characters],
        filters=[strip_filter],
        description=MARKDOWN_HINT,
        render_kw={"rows": 8, "dir": "auto"},
    )
    language = LanguageField(
        _l("Language of title and description"),
        description=_l("So that readers and translators know which language the text is in."),
    )
    field_of_action = SelectField(_l("Field of action"), coerce=chosen_id)
    status = SelectField(
        _l("Status"),
        choices=[SelectChoice(code, PROJECT_STATUS_NAMES[code]) for code in ProjectStatus.ALL],
        default=ProjectStatus.IDEA,
    )
    lead_organisation = SelectField(
        _l("Lead organisation"),
        coerce=chosen_id,
        validate_choice=False,
        default=0,
        description=_l("Verified organisations active in this region come first."),
    )
    lead_name = StringField(
        _l("Or name of the lead"),
        validators=[optional(), length(max=200), no_control_characters],
        filters=[strip_filter],
        description=_l("For a lead that is not in the directory, for example a municipal office."),
        render_kw={"dir": "auto"},
    )
    partners = RowList(
        FormField(PartnerRow),
        label=_l("Partners"),
        min_entries=PARTNER_ROWS,
        max_entries=MAX_ROWS,
    )
    fundings = RowList(
        FormField(FundingRow),
        label=_l("Funding"),
        min_entries=FUNDING_ROWS,
        max_entries=MAX_ROWS,
    )
    budget = euros(_l("Total budget in euros"))
    starts_on = DateField(_l("Start date"), validators=[optional()])
    ends_on = DateField(_l("End date"), validators=[optional()])
    results_summary = TextAreaField(
        _l("Results"),
        validators=[optional(), length(max=10000), no_control_characters],
        filters=[strip_filter],
        description=_l("When the project is completed: what came of it, what others can learn."),
        render_kw={"rows": 6, "dir": "auto"},
    )
    proposals = MultiCheckboxField(
        _l("Came from these proposals"), coerce=int, validate_choice=False
    )

    # Checked here too, so that every mistake shows at once; the service decides in the end.
    def validate_lead_organisation(self, field):
        if not field.data and not (self.lead_name.data or "").strip():
            raise ValidationError(
                _("Please name the lead: an organisation of the directory or another name.")
            )

    def validate_ends_on(self, field):
        if field.data and self.starts_on.data and field.data < self.starts_on.data:
            raise ValidationError(_("The project must end after it starts."))

    def set_choices(self, fields, organisations_here, organisations_elsewhere, programmes, region):
        """Options for the selects; organisations and programmes of the region first."""
        self.field_of_action.choices = [SelectChoice(0, _("No particular field"))] + [
            SelectChoice(field.id, str(field.title())) for field in fields
        ]
        none = _("None – name another lead below")
        self.lead_organisation.choices = _grouped(
            none,
            (_("Active in this region"), organisations_here),
            (_("Other verified organisations"), organisations_elsewhere),
        )
        partner_choices = _grouped(
            _("None – type another name"),
            (_("Active in this region"), organisations_here),
            (_("Other verified organisations"), organisations_elsewhere),
        )
        for row in self.partners:
            row.form.organisation.choices = partner_choices
        open_here = [programme for programme in programmes if programme.is_open_to(region)]
        others = [programme for programme in programmes if not programme.is_open_to(region)]
        programme_choices = _grouped(
            _("No programme"),
            (_("Open to this region"), open_here),
            (_("Other programmes"), others),
        )
        for row in self.fundings:
            row.form.programme.choices = programme_choices


def _grouped(empty_label: str, *groups) -> dict:
    """Choices for a select with an empty first option and named groups (optgroups)."""
    choices = {None: [SelectChoice(0, empty_label)]}
    for label, items in groups:
        if items:
            choices[label] = [SelectChoice(item.id, item.name) for item in items]
    return choices
