"""Moderation forms: report a contribution, decide on one, approve several."""

from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, SelectField, TextAreaField
from wtforms.fields.choices import SelectChoice

from app.core.forms import length, no_control_characters, optional, strip_filter
from app.core.i18n import _l
from app.moderation.models import REASON_NAMES, DecisionAction, ReportReason


def _reasons():
    return [SelectChoice(code, REASON_NAMES[code]) for code in ReportReason.ALL]


class ReportForm(FlaskForm):
    reason = RadioField(
        _l("Why are you reporting this?"),
        choices=_reasons(),
        validators=[],
    )
    note = TextAreaField(
        _l("Note for the moderators (optional)"),
        validators=[optional(), length(max=1000), no_control_characters],
        filters=[strip_filter],
        render_kw={"rows": 4},
    )


DECISION_LABELS = {
    DecisionAction.APPROVE: _l("Approve (publish, or keep published)"),
    DecisionAction.HIDE: _l("Hide (a placeholder with the reason stays)"),
    DecisionAction.REJECT: _l("Reject (not published)"),
    DecisionAction.RESTORE: _l("Restore (publish again)"),
}


class DecisionForm(FlaskForm):
    action = SelectField(_l("Decision"))
    reason = SelectField(
        _l("Reason"),
        choices=[SelectChoice("", _l("No reason needed")), *_reasons()],
        description=_l(
            "Required for hiding and rejecting. The author sees it; for a hidden contribution "
            "the public sees it too."
        ),
    )
    note = TextAreaField(
        _l("Note to the author (optional)"),
        validators=[optional(), length(max=2000), no_control_characters],
        filters=[strip_filter],
        render_kw={"rows": 4},
    )
    seen_state = HiddenField()

    def offer(self, actions) -> None:
        self.action.choices = [SelectChoice(code, DECISION_LABELS[code]) for code in actions]


class BlockForm(FlaskForm):
    duration = SelectField(
        _l("Duration of the block"),
        choices=[
            SelectChoice("7", _l("7 days")),
            SelectChoice("30", _l("30 days")),
            SelectChoice("90", _l("90 days")),
            SelectChoice("permanent", _l("Permanently")),
        ],
    )
    block_reason = TextAreaField(
        _l("Reason for the block"),
        validators=[length(max=2000), no_control_characters],
        filters=[strip_filter],
        description=_l(
            "The person sees this reason on their page “Moderation decisions and my reports”."
        ),
        render_kw={"rows": 3},
    )


class AppealForm(FlaskForm):
    note = TextAreaField(
        _l("Why should the decision be changed?"),
        validators=[length(max=2000), no_control_characters],
        filters=[strip_filter],
        render_kw={"rows": 4},
    )


class ResolveAppealForm(FlaskForm):
    outcome = RadioField(
        _l("Decision on the appeal"),
        choices=[
            SelectChoice("confirmed", _l("Confirm the moderation decision")),
            SelectChoice("reversed", _l("Reverse it and publish the contribution again")),
        ],
        validators=[],
    )
    note = TextAreaField(
        _l("Reason (the author reads it)"),
        validators=[length(max=2000), no_control_characters],
        filters=[strip_filter],
        render_kw={"rows": 3},
    )
