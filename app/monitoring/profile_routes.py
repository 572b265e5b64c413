"""The participant's own participation profile: answer, change, withdraw consent.

Only ever the signed-in user's own profile: the addresses carry no id, so nobody can open or
change anyone else's answers, and no other page shows them.
"""

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from markupsafe import Markup

from app.core.forms import EmptyForm, apply_change
from app.core.i18n import _
from app.core.permissions import can
from app.extensions import db
from app.monitoring import profile_bp
from app.monitoring.models import CONSENT_VERSION
from app.monitoring.profile_forms import (
    HOME_LANGUAGE_ENDONYMS,
    RTL_HOME_LANGUAGES,
    ParticipationProfileForm,
)
from app.monitoring.profile_services import ProfileAnswers, save_profile, withdraw_consent
from app.monitoring.profiles import own_profile
from app.regions.queries import regions_in_order


def _answers(form: ParticipationProfileForm) -> ProfileAnswers:
    return ProfileAnswers(
        age_band=form.age_band.data or None,
        migration_experience=form.migration_experience.data or None,
        home_region_id=form.home_region.data or None,
        languages=list(form.home_languages.data or []),
    )


def _page(form, profile, status: int = 200):
    return render_template(
        "monitoring/profile.html",
        form=form,
        profile=profile,
        consent_outdated=profile is not None and profile.consent_version != CONSENT_VERSION,
        endonyms=HOME_LANGUAGE_ENDONYMS,
        rtl_home_languages=RTL_HOME_LANGUAGES,
    ), status


@profile_bp.route("", methods=["GET", "POST"])
@login_required
def edit():
    profile = own_profile(current_user)
    if not can(current_user, "profile.answer"):
        # Unconfirmed accounts: the page explains what to do first (and still offers the
        # withdrawal if there is anything to withdraw).
        return _page(None, profile, 403)
    form = ParticipationProfileForm()
    form.offer_regions(regions_in_order())
    if request.method == "GET":
        if profile is not None:
            form.fill(profile)
        else:
            form.home_region.data = 0
    if form.validate_on_submit() and apply_change(
        form,
        lambda: save_profile(current_user, _answers(form), consent=form.consent.data),
        _("Thank you. Your answers have been saved."),
    ):
        return redirect(url_for("profile.edit"))
    return _page(form, profile, getattr(form, "refusal_status", 200))


@profile_bp.route("/withdraw", methods=["POST"])
@login_required
def withdraw():
    form = EmptyForm()
    if form.validate_on_submit():
        if withdraw_consent(current_user):
            db.session.commit()
            flash(_("Your consent is withdrawn. Your answers have been deleted."), "success")
        else:
            db.session.rollback()
            flash(_("There were no answers to delete."), "info")
    return redirect(url_for("profile.edit"))


def profile_invitation() -> Markup:
    """The invitation shown once an account is confirmed (never during registration)."""
    return Markup('{} <a href="{}">{}</a>').format(
        _("Optional: tell us a little about yourself so the regions can see whom they reach."),
        url_for("profile.edit"),
        _("To the voluntary participation profile"),
    )
