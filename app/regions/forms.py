"""Forms for region texts and the catalogue of fields of action."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, SelectMultipleField, widgets
from wtforms.validators import NumberRange

from app.core.forms import add_translated_fields
from app.core.i18n import _l


class RegionTextsForm(FlaskForm):
    pass


add_translated_fields(RegionTextsForm, "name", _l("Name"), max_length=120)
add_translated_fields(
    RegionTextsForm,
    "description",
    _l("Description"),
    textarea=True,
    max_length=5000,
    german_required=False,
)


class NewRegionForm(RegionTextsForm):
    pass


class MultiCheckboxField(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class RegionFieldsForm(FlaskForm):
    fields_of_action = MultiCheckboxField(_l("Fields of action this region works on"), coerce=int)


class FieldOfActionForm(FlaskForm):
    position = IntegerField(
        _l("Position in lists"),
        default=0,
        validators=[
            NumberRange(min=0, max=999, message=_l("Please enter a number from 0 to 999."))
        ],
    )
    is_active = BooleanField(_l("Active (offered to regions)"), default=True)


add_translated_fields(FieldOfActionForm, "name", _l("Name"), max_length=120)
add_translated_fields(
    FieldOfActionForm,
    "description",
    _l("Description"),
    textarea=True,
    max_length=2000,
    german_required=False,
)
