"""Public pages: start, language switch, legal pages, accessibility feedback, videos."""

from datetime import date

from flask import (
    abort,
    current_app,
    flash,
    has_request_context,
    make_response,
    redirect,
    render_template,
    request,
    send_from_directory,
    url_for,
)
from flask_login import current_user

from app.core.i18n import LOCALE_COOKIE_MAX_AGE, _, is_supported, remember_language
from app.core.page_cache import cached_for_anonymous
from app.core.security import safe_next_url
from app.extensions import db, limiter
from app.pages import bp, services
from app.pages.forms import AccessibilityFeedbackForm, LanguageSwitchForm
from app.privacy.notice import notice_facts
from app.regions.models import RegionKind
from app.regions.queries import fields_of_action, regions_in_order

# When the texts of the privacy notice and the accessibility statement were last revised.
PRIVACY_NOTICE_UPDATED = date(2026, 11, 26)
ACCESSIBILITY_STATEMENT_DATE = date(2026, 11, 26)


@bp.app_context_processor
def inject_language_form():
    """Every page carries the language switch in its header."""
    if not has_request_context():  # mails rendered by a command have no page header
        return {}
    form = LanguageSwitchForm(prefix="ui")
    form.next.data = request.full_path.rstrip("?")
    return {"language_form": form}


@bp.route("/")
@cached_for_anonymous
def start():
    return render_template(
        "pages/start.html",
        model_regions=regions_in_order(RegionKind.MODEL_REGION),
        fields=fields_of_action(),
        videos=services.sign_language_videos(),
    )


@bp.route("/language", methods=["POST"])
def set_language():
    form = LanguageSwitchForm(prefix="ui")
    target = safe_next_url(form.next.data) or url_for("pages.start")
    if not form.validate_on_submit() or not is_supported(form.language.data):
        flash(_("The language could not be changed. Please try again."), "error")
        return redirect(target)
    services.set_language(current_user, form.language.data)
    db.session.commit()
    return remember_language(make_response(redirect(target)), form.language.data)


@bp.route("/leichte-sprache")
@cached_for_anonymous
def easy_language():
    return render_template("pages/easy_language.html")


@bp.route("/privacy")
@cached_for_anonymous
def privacy():
    return render_template(
        "pages/privacy.html",
        privacy_updated=PRIVACY_NOTICE_UPDATED,
        facts=notice_facts(locale_cookie_max_age=LOCALE_COOKIE_MAX_AGE),
    )


@bp.route("/imprint")
@cached_for_anonymous
def imprint():
    return render_template("pages/imprint.html", page=services.imprint_page())


@bp.route("/accessibility", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["RATELIMIT_FEEDBACK"], methods=["POST"])
def accessibility():
    form = AccessibilityFeedbackForm()
    if request.method == "GET" and request.referrer:
        form.page_url.data = safe_next_url(_path_of(request.referrer)) or ""
    if form.validate_on_submit():
        services.send_accessibility_feedback(
            current_user, form.message.data, form.page_url.data, form.name.data, form.email.data
        )
        db.session.commit()
        flash(
            _("Thank you for your message. It has been sent to the team that runs this platform."),
            "success",
        )
        return redirect(url_for("pages.accessibility") + "#feedback")
    return render_template(
        "pages/accessibility.html", form=form, statement_date=ACCESSIBILITY_STATEMENT_DATE
    )


def _path_of(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.netloc and parts.netloc != request.host:
        return ""
    return parts.path + (f"?{parts.query}" if parts.query else "")


@bp.route("/videos/<filename>")
def video_file(filename: str):
    known = {video.filename for video in services.sign_language_videos()}
    if filename not in known:
        abort(404)
    return send_from_directory(services.video_directory(), filename, conditional=True)
