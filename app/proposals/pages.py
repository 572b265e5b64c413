"""The proposal page, shared by its own route and by a refused comment (which shows it again
with the typed comment and the reasons)."""

from flask import current_app, render_template, request
from flask_login import current_user

from app.comments.forms import CommentForm
from app.comments.models import Comment
from app.comments.queries import comment_thread, hiding_reasons
from app.concepts.queries import measures_taking_up, projects_from
from app.core.forms import EmptyForm
from app.core.i18n import current_language
from app.core.models import ModerationState
from app.multilingual.queries import main_translations, translations_for
from app.organisations.services import organisations_to_speak_for
from app.proposals.forms import offer_speakers
from app.votes.services import user_votes, votes_left


def proposal_page(consultation, proposal, comment_form: CommentForm | None = None) -> str:
    stance = request.args.get("stance")
    newest_first = request.args.get("order") == "newest"
    comment_language = request.args.get("comment_language")
    if comment_language not in current_app.config["LANGUAGES"]:
        comment_language = None
    thread = comment_thread(
        proposal, current_user, stance=stance, newest_first=newest_first, language=comment_language
    )
    if comment_form is None:
        comment_form = CommentForm()
        comment_form.language.data = current_language()
        offer_speakers(
            comment_form.speak_as, current_user, organisations_to_speak_for(current_user)
        )
        reply_to = request.args.get("reply_to", type=int)
        if reply_to:
            comment_form.parent_id.data = str(reply_to)
    comments = _all_comments(thread)
    replying_to = None
    if comment_form.parent_id.data and str(comment_form.parent_id.data).isdigit():
        replying_to = next(
            (comment for comment in comments if comment.id == int(comment_form.parent_id.data)),
            None,
        )
    hidden_reason = None
    if proposal.moderation_state == ModerationState.HIDDEN:
        hidden_reason = hiding_reasons([proposal.id]).get(proposal.id)
    # The translations of the proposal and of every comment shown: one query for the page.
    translations = translations_for(
        [proposal.id]
        + [
            comment.id
            for comment in comments
            if comment.moderation_state != ModerationState.HIDDEN and not comment.is_deleted
        ],
        current_user,
    )
    return render_template(
        "proposals/detail.html",
        hidden_reason=hidden_reason,
        consultation=consultation,
        proposal=proposal,
        thread=thread,
        order="newest" if newest_first else "oldest",
        comment_language=comment_language,
        comment_form=comment_form,
        replying_to=replying_to,
        button_form=EmptyForm(),
        my_vote=user_votes(current_user, [proposal.id]).get(proposal.id),
        votes_left=votes_left(current_user, consultation),
        translations=translations,
        main_translations=main_translations(translations),
        # What became of it: measures of the region's current action concept, and projects.
        measures=measures_taking_up(proposal, consultation.region_id),
        projects=projects_from(proposal),
    )


def _all_comments(thread) -> list[Comment]:
    found, stack = [], list(thread.nodes)
    while stack:
        node = stack.pop()
        found.append(node.comment)
        stack.extend(node.replies)
    return found
