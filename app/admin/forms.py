"""Administration forms: finding users and assigning roles."""

from flask_wtf import FlaskForm
from wtforms import SelectField

from app.core.i18n import _l


class AssignRoleForm(FlaskForm):
    role = SelectField(
        _l("Role"),
        choices=[("coordinator", _l("Coordinator")), ("moderator", _l("Moderator"))],
    )
    region = SelectField(_l("Region"), coerce=int)
