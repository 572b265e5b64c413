"""The proposal page, shared by its own route and by a refused comment (which shows it again
with the typed comment and the reasons)."""

from flask import render_template, request
from flask_login import current_user

from app.comments.forms import CommentForm
from app.comments.models import Comment
from app.comments.queries import comment_thread, hiding_reasons
from app.core.forms import EmptyForm
from app.core.i18n import current_language
from app.core.models import ModerationState
from app.votes.services import user_votes, votes_left


def proposal_page(consultation, proposal, comment_form: CommentForm | None = None) -> str:
    stance = request.args.get("stance")
    newest_first = request.args.get("order") == "newest"
    thread = comment_thread(proposal, current_user, stance=stance, newest_first=newest_first)
    if comment_form is None:
        comment_form = CommentForm()
        comment_form.language.data = current_language()
        reply_to = request.args.get("reply_to", type=int)
        if reply_to:
            comment_form.parent_id.data = str(reply_to)
    replying_to = None
    if comment_form.parent_id.data and str(comment_form.parent_id.data).isdigit():
        replying_to = next(
            (
                comment
                for comment in _all_comments(thread)
                if comment.id == int(comment_form.parent_id.data)
            ),
            None,
        )
    hidden_reason = None
    if proposal.moderation_state == ModerationState.HIDDEN:
        hidden_reason = hiding_reasons([proposal.id]).get(proposal.id)
    return render_template(
        "proposals/detail.html",
        hidden_reason=hidden_reason,
        consultation=consultation,
        proposal=proposal,
        thread=thread,
        order="newest" if newest_first else "oldest",
        comment_form=comment_form,
        replying_to=replying_to,
        button_form=EmptyForm(),
        my_vote=user_votes(current_user, [proposal.id]).get(proposal.id),
        votes_left=votes_left(current_user, consultation),
    )


def _all_comments(thread) -> list[Comment]:
    found, stack = [], list(thread.nodes)
    while stack:
        node = stack.pop()
        found.append(node.comment)
        stack.extend(node.replies)
    return found
