"""Public consultation pages: the consultation with its proposals, and the results."""

import hashlib
import hmac
import secrets

from flask import current_app, render_template, request, session
from flask_login import current_user
from sqlalchemy import func, select, union

from app.consultations import bp
from app.consultations.participation import possibilities
from app.consultations.queries import consultation_or_404
from app.core import clock
from app.core.clock import utcnow_naive
from app.core.models import Contribution, ModerationState
from app.core.page_cache import cached_for_anonymous
from app.core.permissions import can
from app.core.phases import PHASE_NAMES, active_phase
from app.extensions import db
from app.monitoring import cache as monitoring_cache
from app.onsite.queries import on_site_summary
from app.organisations.statement_queries import consultation_statements
from app.proposals import queries as proposal_queries
from app.proposals.models import STATUS_NAMES, Proposal, ProposalStatus
from app.proposals.services import allowed_fields_of_action
from app.votes.models import Vote
from app.votes.services import user_votes, votes_left


def shuffle_seed() -> int:
    """One seed per visitor, kept in the session, so the random order stays stable while they
    browse. Visitors who are not signed in share the seed of the hour (from the hour and the
    server's key), so one cached list serves all of them; signed-in people get a random one."""
    if "shuffle_seed" not in session:
        if current_user.is_authenticated:
            session["shuffle_seed"] = secrets.randbelow(2**31)
        else:
            session["shuffle_seed"] = shared_seed_of_the_hour()
    return session["shuffle_seed"]


def shared_seed_of_the_hour() -> int:
    hour = int(clock.now().timestamp()) // 3600
    digest = hmac.new(
        str(current_app.secret_key).encode(), f"shuffle seed {hour}".encode(), hashlib.sha256
    ).digest()
    return int.from_bytes(digest[:4], "big") % 2**31


def counters(consultation) -> dict[str, int]:
    """Published proposals and comments, votes, and how many people took part.

    Participation figures like the monitoring ones, and kept like them for
    MONITORING_CACHE_SECONDS: the distinct participants need every contribution and vote of the
    consultation, which no page view can afford at 100,000 proposals. When computed, the
    proposals, comments and votes come from the proposals' counters in one statement (the
    services keep `comment_count`, published comments not removed, and `votes_for` /
    `votes_against` in the same transaction as each change), so that part reads proposals, not
    the far more numerous comments and votes.
    """
    return monitoring_cache.cached(
        ("consultation counters", consultation.id), lambda: _count(consultation)
    )


def _count(consultation) -> dict[str, int]:
    table = Proposal.__table__
    proposals, comments, votes = db.session.execute(
        select(
            func.count(Contribution.id).filter(
                Contribution.moderation_state.in_(ModerationState.VISIBLE)
            ),
            func.coalesce(func.sum(table.c.comment_count), 0),
            func.coalesce(func.sum(table.c.votes_for + table.c.votes_against), 0),
        )
        .select_from(Contribution)
        .join(table, table.c.id == Contribution.id)
        .where(Contribution.consultation_id == consultation.id, Contribution.kind == "proposal")
    ).one()
    return {
        "proposals": proposals,
        "comments": comments,
        "votes": votes,
        "participants": _participants(consultation),
    }


def _participants(consultation) -> int:
    """Distinct people who wrote something shown or voted."""
    people = union(
        select(Contribution.author_id.label("person")).where(
            Contribution.consultation_id == consultation.id,
            Contribution.moderation_state.in_(ModerationState.VISIBLE),
            Contribution.author_id.is_not(None),
            # Staff who enter on-site contributions, and translators, are not participants.
            Contribution.on_site_event_id.is_(None),
            Contribution.translation_of_id.is_(None),
        ),
        select(Vote.user_id.label("person")).where(
            Vote.consultation_id == consultation.id, Vote.user_id.is_not(None)
        ),
    ).subquery()
    return db.session.scalar(select(func.count()).select_from(people))


@bp.route("/<int:consultation_id>")
@cached_for_anonymous(vary=(shuffle_seed,))
def detail(consultation_id: int):
    consultation = consultation_or_404(consultation_id)
    now = utcnow_naive()
    fields = allowed_fields_of_action(consultation)
    filters = proposal_queries.ProposalFilters.from_args(
        request.args,
        field_slugs={field.slug for field in fields},
        languages=current_app.config["LANGUAGES"],
        seed=shuffle_seed(),
    )
    pagination = proposal_queries.list_proposals(consultation, current_user, filters)
    votes = user_votes(current_user, [proposal.id for proposal in pagination.items])
    manager = can(current_user, "consultation.manage", consultation)
    return render_template(
        "consultations/detail.html",
        consultation=consultation,
        current_phase=active_phase(consultation, now),
        now=now,
        phase_names=PHASE_NAMES,
        possibilities=possibilities(current_user, consultation, now),
        counters=counters(consultation),
        pagination=pagination,
        filters=filters,
        fields=fields,
        statuses=STATUS_NAMES,
        sorts=proposal_queries.SORTS,
        my_votes=votes,
        votes_left=votes_left(current_user, consultation),
        voting_over=proposal_queries.voting_is_over(consultation, now),
        due=proposal_queries.proposals_due_for_answer(consultation) if manager else [],
        withdrawn=ProposalStatus.WITHDRAWN,
        statements=consultation_statements(consultation, current_user),
        on_site=on_site_summary(consultation),
    )


@bp.route("/<int:consultation_id>/results")
@cached_for_anonymous
def results(consultation_id: int):
    consultation = consultation_or_404(consultation_id)
    return render_template(
        "consultations/results.html",
        consultation=consultation,
        groups=proposal_queries.results_by_field(consultation),
        voting_over=proposal_queries.voting_is_over(consultation, utcnow_naive()),
    )
