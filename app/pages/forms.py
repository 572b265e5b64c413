"""Forms of the public pages: language switch and accessibility feedback."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import EmailField, HiddenField, IntegerField, StringField, TextAreaField
from wtforms.validators import NumberRange

from app.core.forms import (
    LanguageField,
    add_translated_fields,
    email_address,
    length,
    no_control_characters,
    optional,
    required,
    strip_filter,
)
from app.core.i18n import _l


class LanguageSwitchForm(FlaskForm):
    language = LanguageField(_l("Language"))
    next = HiddenField()


class AccessibilityFeedbackForm(FlaskForm):
    message = TextAreaField(
        _l("Your message"),
        validators=[required(), length(min=10, max=5000), no_control_characters],
        filters=[strip_filter],
        description=_l(
            "Describe the barrier: which page, what you wanted to do, what did not work."
        ),
        render_kw={"rows": 8},
    )
    page_url = StringField(
        _l("Address of the page (optional)"),
        validators=[optional(), length(max=500)],
        filters=[strip_filter],
    )
    name = StringField(
        _l("Your name (optional)"),
        validators=[optional(), length(max=120), no_control_characters],
        filters=[strip_filter],
        render_kw={"autocomplete": "name"},
    )
    email = EmailField(
        _l("Your e-mail address (optional, if you want an answer)"),
        validators=[optional(), email_address(), length(max=254)],
        filters=[strip_filter],
        render_kw={"autocomplete": "email"},
    )


class ImprintForm(FlaskForm):
    pass


add_translated_fields(ImprintForm, "body", _l("Imprint"), textarea=True, max_length=20000)


class VideoUploadForm(FlaskForm):
    file = FileField(
        _l("Video file (MP4)"),
        validators=[
            FileRequired(message=_l("Please choose a video file.")),
            FileAllowed(["mp4"], message=_l("Please upload an MP4 video file.")),
        ],
    )
    position = IntegerField(
        _l("Position on the start page"),
        default=0,
        validators=[NumberRange(min=0, max=99, message=_l("Please enter a number from 0 to 99."))],
    )


add_translated_fields(VideoUploadForm, "title", _l("Title"), max_length=200)
