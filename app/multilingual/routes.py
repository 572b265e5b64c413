"""Adding and editing translations of contributions; the reader's language preference."""

from flask import current_app, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from app.consultations.models import ModerationMode
from app.core.forms import EmptyForm, apply_change
from app.core.i18n import _, current_language
from app.core.permissions import can, permission_required
from app.core.security import safe_next_url
from app.extensions import limiter
from app.moderation.abuse import per_account_key
from app.multilingual import bp, queries, services
from app.multilingual.forms import EditTranslationForm, TranslationForm


def _original(contribution_id: int):
    return queries.visible_contribution_or_404(contribution_id, current_user)


def _translation(contribution_id: int):
    return queries.translation_or_404(contribution_id, current_user)


def _saved_message(original) -> str:
    # Moderators and coordinators vouch for their own translations (see the service).
    if original.consultation.moderation_mode == ModerationMode.PRE and not can(
        current_user, "contribution.moderate", original
    ):
        return _(
            "Thank you. Your translation has been saved. A moderator reviews it before others "
            "can see it."
        )
    return _("Thank you. Your translation has been published.")


def contribution_url(contribution) -> str:
    # Imported here: the moderation area imports the proposals area, which reads translations.
    from app.moderation.routes import contribution_url as url_of

    return url_of(contribution)


def _after_saving(translation) -> str:
    url = contribution_url(translation)
    return url if "#" in url else f"{url}#translation-{translation.id}"


@bp.route("/contributions/<int:contribution_id>/translations/new", methods=["GET", "POST"])
@permission_required("contribution.translate", load=_original)
@limiter.limit(
    lambda: current_app.config["RATELIMIT_POSTING"], methods=["POST"], key_func=per_account_key
)
def new(contribution_id: int):
    original = _original(contribution_id)
    taken = queries.taken_languages(original)
    open_languages = [code for code in current_app.config["LANGUAGES"] if code not in taken]
    form = TranslationForm()
    form.offer_languages(open_languages)
    if request.method == "GET":
        wanted = request.args.get("language")
        if wanted not in open_languages:
            wanted = current_language() if current_language() in open_languages else None
        form.language.data = wanted or (open_languages[0] if open_languages else None)
    form.mark_language(form.language.data)
    if form.validate_on_submit():
        outcome = apply_change(
            form,
            lambda: services.add_translation(
                current_user, original, form.language.data, form.title.data, form.body.data
            ),
            _saved_message(original),
        )
        if outcome:
            return redirect(_after_saving(outcome.value))
    return render_template(
        "multilingual/new.html",
        original=original,
        form=form,
        has_title=services.has_title(original),
        open_languages=open_languages,
        back_url=contribution_url(original),
    ), getattr(form, "refusal_status", 200)


@bp.route("/contributions/<int:contribution_id>/translation/edit", methods=["GET", "POST"])
@login_required
@permission_required("translation.edit", load=_translation)
def edit(contribution_id: int):
    translation = _translation(contribution_id)
    original = translation.original
    form = EditTranslationForm(obj=translation if request.method == "GET" else None)
    form.mark_language(translation.language)
    if form.validate_on_submit() and apply_change(
        form,
        lambda: services.edit_translation(
            current_user, translation, form.title.data, form.body.data
        ),
        _("Your changes to the translation have been saved."),
    ):
        return redirect(_after_saving(translation))
    return render_template(
        "multilingual/edit.html",
        original=original,
        translation=translation,
        form=form,
        has_title=services.has_title(original),
        back_url=contribution_url(original),
    ), getattr(form, "refusal_status", 200)


@bp.route("/reading-preference", methods=["POST"])
def preference():
    """Switch "show contributions in my language first" on or off (kept in the session, so
    visitors without an account can use it too)."""
    form = EmptyForm()
    if form.validate_on_submit():
        queries.set_preference(request.form.get("translated_first") == "1")
    return redirect(safe_next_url(request.form.get("next")) or url_for("pages.start"))


@bp.app_template_global()
def translations_of(contribution):
    """The translations a page shows for one contribution (one query; lists preload them with
    `queries.translations_for` and pass `translations`)."""
    return queries.translations_of(contribution, current_user)


@bp.app_template_global()
def main_translations_for(contributions):
    """For list pages: {id: translation shown first}, when the reader prefers their language."""
    return queries.main_translations_for(contributions)


@bp.app_template_global()
def prefers_translations() -> bool:
    return queries.prefers_translations()
