"""Statement forms: publish in an organisation's name (with preview), and edit."""

from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice

from app.core.forms import LanguageField, length, no_control_characters, required, strip_filter
from app.core.i18n import _l
from app.proposals.forms import MARKDOWN_HINT


def _organisation_id(value):
    """The chosen organisation's id; anything else becomes 0 (the service refuses it)."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


# Created before the other fields, so that it comes first in the form's field order (and in
# the error summary): the form shows at once in whose name the statement is published.
_organisation_field = SelectField(
    _l("Published in the name of"),
    coerce=_organisation_id,
    # The service decides (admin of a verified organisation, no statement yet), so a second
    # attempt gets its explanation rather than a bare "not a valid choice".
    validate_choice=False,
    description=_l("Organisations you administer that have no statement here yet."),
)


class StatementForm(FlaskForm):
    title = StringField(
        _l("Title"),
        validators=[required(), length(min=5, max=160), no_control_characters],
        filters=[strip_filter],
        description=_l("A short heading for the position of your organisation."),
        render_kw={"autocomplete": "off", "dir": "auto"},
    )
    body = TextAreaField(
        _l("Statement"),
        validators=[required(), length(min=50, max=20000), no_control_characters],
        filters=[strip_filter],
        description=MARKDOWN_HINT,
        render_kw={"rows": 14, "dir": "auto"},
    )
    language = LanguageField(
        _l("Language of your text"),
        description=_l("So that readers and translators know which language you wrote in."),
    )
    revision = HiddenField()
    preview = SubmitField(_l("Preview"))
    save = SubmitField(_l("Save changes"))


class NewStatementForm(StatementForm):
    organisation = _organisation_field
    save = SubmitField(_l("Publish statement"))

    def set_organisations(self, organisations) -> None:
        self.organisation.choices = [SelectChoice(org.id, org.name) for org in organisations]
