"""Comment forms: write or answer, and edit."""

from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, TextAreaField
from wtforms.fields.choices import SelectChoice

from app.comments.models import STANCE_NAMES, Stance
from app.core.forms import LanguageField, length, no_control_characters, required, strip_filter
from app.core.i18n import _l
from app.proposals.forms import speak_as_field


def _stance_choices():
    return [SelectChoice("", _l("No stance"))] + [
        SelectChoice(code, STANCE_NAMES[code]) for code in Stance.ALL
    ]


class CommentForm(FlaskForm):
    body = TextAreaField(
        _l("Your comment"),
        validators=[required(), length(min=2, max=5000), no_control_characters],
        filters=[strip_filter],
        render_kw={"rows": 5, "dir": "auto"},
    )
    stance = SelectField(
        _l("Your stance on the proposal"),
        choices=_stance_choices(),
        description=_l("Optional. Shown as a badge next to your comment."),
    )
    language = LanguageField(_l("Language of your text"))
    speak_as = speak_as_field()
    parent_id = HiddenField()


class EditCommentForm(FlaskForm):
    body = CommentForm.body
    stance = CommentForm.stance
