"""Reading proposals: the filtered, sorted, searched and paginated list, and one proposal.

Every filter and sort value comes from an allow-list; anything else is ignored.
"""

from dataclasses import dataclass, field

from flask import abort
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import BigInteger, and_, cast, exists, func, literal, or_, select

from app.core.models import Contribution, ModerationState
from app.extensions import db
from app.multilingual.queries import available_in
from app.proposals import search
from app.proposals.models import OfficialResponse, Proposal, ProposalStatus

PAGE_SIZE = 20
SORTS = ("random", "newest", "most_supported", "most_discussed")
ANSWERED = ("yes", "no")
# Large primes for the seeded shuffle: a stable order per visitor that changes with the seed.
_SHUFFLE_FACTOR = 2654435761
_SHUFFLE_MODULUS = 4294967291


@dataclass
class ProposalFilters:
    field_of_action: str | None = None
    status: str | None = None
    language: str | None = None
    answered: str | None = None
    query: str = ""
    sort: str = "random"
    page: int = 1
    seed: int = 0
    extra: dict = field(default_factory=dict)

    @classmethod
    def from_args(cls, args, field_slugs, languages, seed: int) -> "ProposalFilters":
        def allowed(name, values):
            value = args.get(name)
            return value if value in values else None

        try:
            page = max(1, min(int(args.get("page", 1)), 10_000))
        except ValueError:
            page = 1
        return cls(
            field_of_action=allowed("field", field_slugs),
            status=allowed("status", ProposalStatus.ALL),
            language=allowed("language", languages),
            answered=allowed("answered", ANSWERED),
            query=(args.get("q") or "")[:200].strip(),
            sort=allowed("sort", SORTS) or "random",
            page=page,
            seed=seed,
        )

    def as_args(self, **changes) -> dict:
        """The query-string arguments for links (pagination, sort), without empty values."""
        values = {
            "field": self.field_of_action,
            "status": self.status,
            "language": self.language,
            "answered": self.answered,
            "q": self.query or None,
            "sort": self.sort if self.sort != "random" else None,
            "page": self.page if self.page != 1 else None,
        }
        values.update(changes)
        return {key: value for key, value in values.items() if value}

    @property
    def active(self) -> bool:
        return any((self.field_of_action, self.status, self.language, self.answered, self.query))


def visible_condition(user):
    """Published proposals, plus the viewer's own that wait for review."""
    condition = Proposal.moderation_state.in_(ModerationState.VISIBLE)
    if getattr(user, "is_authenticated", False):
        condition = or_(
            condition,
            and_(
                Proposal.author_id == user.id,
                Proposal.moderation_state == ModerationState.PENDING,
            ),
        )
    return condition


def _ordering(filters: ProposalFilters, id_column, proposals):
    """ORDER BY of the list; `id_column` is the proposal's id, `proposals` its table."""
    if filters.sort == "newest":
        return [Contribution.created_at.desc(), id_column.desc()]
    if filters.sort == "most_supported":
        return [(proposals.c.votes_for - proposals.c.votes_against).desc(), id_column.desc()]
    if filters.sort == "most_discussed":
        return [proposals.c.comment_count.desc(), id_column.desc()]
    # 64-bit arithmetic: the product overflows PostgreSQL's 32-bit integer.
    shuffled = (
        cast(id_column, BigInteger) * literal(_SHUFFLE_FACTOR, BigInteger)
        + literal(filters.seed, BigInteger)
    ) % literal(_SHUFFLE_MODULUS, BigInteger)
    return [shuffled, id_column]


def _python_order(filters: ProposalFilters):
    """(key, reverse) giving the same order as `_ordering`, for the proposals of one page."""
    if filters.sort == "newest":
        return (lambda p: (p.created_at, p.id)), True
    if filters.sort == "most_supported":
        return (lambda p: (p.votes_for - p.votes_against, p.id)), True
    if filters.sort == "most_discussed":
        return (lambda p: (p.comment_count, p.id)), True
    return (lambda p: ((p.id * _SHUFFLE_FACTOR + filters.seed) % _SHUFFLE_MODULUS, p.id)), False


def _visible_contributions(user):
    """`visible_condition` on the contributions table alone, for the list's index scan.

    The viewer's own waiting proposals come from a subquery on the author (run once), so the
    condition needs no column outside the index on (consultation, kind, state, created_at).
    """
    condition = Contribution.moderation_state.in_(ModerationState.VISIBLE)
    if getattr(user, "is_authenticated", False):
        own_waiting = select(Contribution.id).where(
            Contribution.author_id == user.id,
            Contribution.kind == "proposal",
            Contribution.moderation_state == ModerationState.PENDING,
        )
        condition = or_(condition, Contribution.id.in_(own_waiting))
    return condition


def _listed_ids(consultation, user, filters: ProposalFilters):
    """The ids of the listed proposals in list order: one select over the index.

    It reads the contributions table through ix_contributions_listing (consultation, kind,
    moderation state, created at) and joins the proposals table only for a filter or sort on
    its columns, so ordering 20,000 proposals reads index entries, not their texts.
    """
    from app.regions.models import FieldOfAction

    proposals = Proposal.__table__
    query = select(Contribution.id).where(
        Contribution.consultation_id == consultation.id,
        Contribution.kind == "proposal",
        _visible_contributions(user),
    )
    needs_proposals = bool(
        filters.field_of_action
        or filters.status
        or filters.sort in ("most_supported", "most_discussed")
        or (filters.query and search.needs_proposals_table())
    )
    if needs_proposals:
        query = query.join(proposals, proposals.c.id == Contribution.id)
    if filters.field_of_action:
        query = query.join(FieldOfAction, proposals.c.field_of_action_id == FieldOfAction.id).where(
            FieldOfAction.slug == filters.field_of_action
        )
    if filters.status:
        query = query.where(proposals.c.status == filters.status)
    if filters.language:
        # "Available in": written in the language or with a published translation into it.
        query = query.where(available_in(Contribution, filters.language))
    if filters.answered:
        answered = exists().where(OfficialResponse.proposal_id == Contribution.id)
        query = query.where(answered if filters.answered == "yes" else ~answered)
    if filters.query:
        condition = search.matching_condition(filters.query, id_column=Contribution.id)
        if condition is not None:
            query = query.where(condition)
    return query.order_by(*_ordering(filters, Contribution.id, proposals))


class ProposalPage(Pagination):
    """A page of the list: the ids of one page in a subquery, the proposals of only those ids.

    Two statements, whatever the number of proposals: the page (the proposals of the ids the
    index gives, with their authors and organisations joined) and the count (index entries).
    """

    def _query_items(self) -> list[Proposal]:
        ids = self._query_args["ids"]
        page = ids.limit(self.per_page).offset(self._query_offset).scalar_subquery()
        query = select(Proposal).where(Proposal.id.in_(page))
        found = {proposal.id: proposal for proposal in db.session.scalars(query).unique()}
        key, reverse = self._query_args["order"]
        return sorted(found.values(), key=key, reverse=reverse)

    def _query_count(self) -> int:
        ids = self._query_args["ids"].order_by(None).subquery()
        return db.session.scalar(select(func.count()).select_from(ids))


def list_proposals(consultation, user, filters: ProposalFilters):
    return ProposalPage(
        page=filters.page,
        per_page=PAGE_SIZE,
        error_out=False,
        ids=_listed_ids(consultation, user, filters),
        order=_python_order(filters),
    )


def similar_proposals(consultation, title: str, exclude_id: int | None = None, limit: int = 5):
    """Published proposals of the consultation whose words match the title being typed."""
    condition = search.matching_condition(title, prefix=True)
    if condition is None:
        return []
    query = (
        select(Proposal)
        .where(
            Proposal.consultation_id == consultation.id,
            Proposal.moderation_state.in_(ModerationState.VISIBLE),
            condition,
        )
        .order_by((Proposal.votes_for - Proposal.votes_against).desc(), Proposal.id.desc())
        .limit(limit)
    )
    if exclude_id:
        query = query.where(Proposal.id != exclude_id)
    return list(db.session.scalars(query))


def proposal_or_404(consultation, proposal_id: int, user) -> Proposal:
    """A proposal that may be read: published, the viewer's own waiting one, or hidden (its
    page then shows the moderation placeholder, and the discussion stays readable)."""
    proposal = db.session.scalar(
        select(Proposal).where(
            Proposal.id == proposal_id,
            Proposal.consultation_id == consultation.id,
            or_(visible_condition(user), Proposal.moderation_state == ModerationState.HIDDEN),
        )
    )
    if proposal is None:
        abort(404)
    return proposal


def proposals_due_for_answer(consultation) -> list[Proposal]:
    """Published proposals over the answer threshold that have no official answer yet."""
    if not consultation.answer_threshold:
        return []
    answered = exists().where(OfficialResponse.proposal_id == Proposal.id)
    query = (
        select(Proposal)
        .where(
            Proposal.consultation_id == consultation.id,
            Proposal.moderation_state.in_(ModerationState.VISIBLE),
            Proposal.status != ProposalStatus.WITHDRAWN,
            Proposal.votes_for >= consultation.answer_threshold,
            ~answered,
        )
        .order_by(Proposal.votes_for.desc())
    )
    return list(db.session.scalars(query))


def voting_is_over(consultation, at) -> bool:
    voting = consultation.phase("voting")
    return voting is not None and voting.ends_at <= at


def results_by_field(consultation) -> list[tuple[object, list[tuple[Proposal, float]]]]:
    """Ranking per field of action: [(field or None, [(proposal, share of the field's votes)])].

    Withdrawn proposals are left out of the ranking; the share is of all votes for the
    proposals of that field, so the figures of one field add up to 100 %.
    """
    proposals = db.session.scalars(
        select(Proposal)
        .where(
            Proposal.consultation_id == consultation.id,
            Proposal.moderation_state.in_(ModerationState.VISIBLE),
            Proposal.status != ProposalStatus.WITHDRAWN,
        )
        .order_by((Proposal.votes_for - Proposal.votes_against).desc(), Proposal.id)
    ).all()
    groups: dict[object, list[Proposal]] = {}
    for proposal in proposals:
        groups.setdefault(proposal.field_of_action, []).append(proposal)
    result = []
    for field_of_action, members in sorted(
        groups.items(), key=lambda item: (item[0] is None, getattr(item[0], "position", 0))
    ):
        total = sum(proposal.votes_for for proposal in members) or 0
        ranked = [
            (proposal, (proposal.votes_for / total) if total else 0.0) for proposal in members
        ]
        result.append((field_of_action, ranked))
    return result
