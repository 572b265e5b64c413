"""Reading proposals: the filtered, sorted, searched and paginated list, and one proposal.

Every filter and sort value comes from an allow-list; anything else is ignored.
"""

from dataclasses import dataclass, field

from flask import abort
from sqlalchemy import BigInteger, and_, cast, exists, literal, or_, select

from app.core.models import ModerationState
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


def _ordering(filters: ProposalFilters):
    if filters.sort == "newest":
        return [Proposal.created_at.desc(), Proposal.id.desc()]
    if filters.sort == "most_supported":
        return [(Proposal.votes_for - Proposal.votes_against).desc(), Proposal.id.desc()]
    if filters.sort == "most_discussed":
        return [Proposal.comment_count.desc(), Proposal.id.desc()]
    # 64-bit arithmetic: the product overflows PostgreSQL's 32-bit integer.
    shuffled = (
        cast(Proposal.id, BigInteger) * literal(_SHUFFLE_FACTOR, BigInteger)
        + literal(filters.seed, BigInteger)
    ) % literal(_SHUFFLE_MODULUS, BigInteger)
    return [shuffled, Proposal.id]


def list_proposals(consultation, user, filters: ProposalFilters):
    from app.regions.models import FieldOfAction

    query = select(Proposal).where(
        Proposal.consultation_id == consultation.id, visible_condition(user)
    )
    if filters.field_of_action:
        query = query.join(FieldOfAction, Proposal.field_of_action_id == FieldOfAction.id).where(
            FieldOfAction.slug == filters.field_of_action
        )
    if filters.status:
        query = query.where(Proposal.status == filters.status)
    if filters.language:
        # "Available in": written in the language or with a published translation into it.
        query = query.where(available_in(Proposal, filters.language))
    if filters.answered:
        answered = exists().where(OfficialResponse.proposal_id == Proposal.id)
        query = query.where(answered if filters.answered == "yes" else ~answered)
    if filters.query:
        condition = search.matching_condition(filters.query)
        if condition is not None:
            query = query.where(condition)
    query = query.order_by(*_ordering(filters))
    return db.paginate(query, page=filters.page, per_page=PAGE_SIZE, error_out=False)


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
