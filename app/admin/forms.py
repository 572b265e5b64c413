"""Administration forms: finding users and assigning roles."""

from flask_wtf import FlaskForm
from wtforms import SelectField
from wtforms.fields.choices import SelectChoice

from app.core.i18n import _l


class AssignRoleForm(FlaskForm):
    role = SelectField(
        _l("Role"),
        choices=[
            SelectChoice("coordinator", _l("Coordinator")),
            SelectChoice("moderator", _l("Moderator")),
        ],
    )
    region = SelectField(_l("Region"), coerce=int)
