"""A consultation world that can grow: the same pages at a small and at a large scale.

`World()` builds the skeleton (a region with two fields of action, a consultation in its voting
phase whose proposal list is measured, one in its discussion phase with the proposal whose page
is measured, a participant who votes and comments). `grow(world, scale)` adds rows until the
world holds what `scale` asks for, so one test measures a page, grows the world and measures the
same URL again. Every kind of row a page shows grows: proposals (fields, languages, on behalf of
organisations, translated, answered, pending and hidden ones), comments (replies nested deeper
than the thread indents, stances, translations, hidden with a reason, removed), votes from
several people, statements of organisations, followers, consultations of the region.
"""

import itertools
from dataclasses import dataclass, field
from functools import cache

from app.accounts import passwords
from app.accounts.models import RoleAssignment, User
from app.core.clock import utcnow_naive
from app.core.models import ModerationState
from app.extensions import db
from app.moderation.models import ModerationDecision
from app.notifications.models import Follow
from app.organisations.models import MemberRole, Membership
from app.proposals.models import ProposalStatus
from tests import organisation_builders as orgs
from tests import participation_builders as build
from tests.factories import make_field_of_action, make_region

SEARCH_WORD = "Sprachkurse"
LANGUAGES = ("de", "tr", "ar", "ru", "en", "fa", "pl", "uk")
PHASES = ("information", "proposals", "discussion", "voting", "results")
_numbers = itertools.count(1)


@dataclass(frozen=True)
class Scale:
    proposals: int  # in the listed (voting) consultation
    comments: int  # on the detail proposal
    people: int  # authors, voters, followers
    consultations: int  # further consultations of the region
    voters_per_proposal: int
    own_votes: int  # the participant's votes on other proposals of the listed consultation


SMALL = Scale(
    proposals=7, comments=6, people=4, consultations=1, voters_per_proposal=2, own_votes=1
)
LARGE = Scale(
    proposals=45, comments=60, people=24, consultations=6, voters_per_proposal=6, own_votes=6
)


@cache
def _password_hash() -> str:
    return passwords.hash_password("correct horse battery staple")


def quick_user(**fields) -> User:
    """A confirmed participant without hashing a password each time (many are needed)."""
    number = next(_numbers)
    fields.setdefault("locale", "de")
    user = User(
        email=f"scale{number}@example.org",
        display_name=f"Person {number}",
        password_hash=_password_hash(),
        confirmed_at=utcnow_naive(),
        **fields,
    )
    db.session.add(user)
    db.session.flush()
    return user


@dataclass
class World:
    region: object = None
    fields: list = field(default_factory=list)
    listed: object = None  # consultation in its voting phase: the measured proposal list
    discussion: object = None  # consultation in its discussion phase
    detail: object = None  # the measured proposal page, in `discussion`
    vote_target: object = None  # the proposal the participant votes on, in `listed`
    participant: object = None  # votes and comments
    coordinator: object = None
    people: list = field(default_factory=list)
    organisations: list = field(default_factory=list)
    proposals: list = field(default_factory=list)  # of `listed`
    comments: list = field(default_factory=list)  # on `detail`
    consultations: list = field(default_factory=list)  # further ones of the region
    own_votes: int = 0

    def __post_init__(self):
        self.region = make_region()
        self.fields = [make_field_of_action(), make_field_of_action()]
        self.region.fields_of_action = list(self.fields)
        self.coordinator = quick_user()
        db.session.add(
            RoleAssignment(user=self.coordinator, role="coordinator", region=self.region)
        )
        self.listed = build.consultation(
            region=self.region, phase="voting", vote_budget=20, fields_of_action=self.fields
        )
        self.discussion = build.consultation(
            region=self.region, phase="discussion", fields_of_action=self.fields
        )
        self.participant = quick_user()
        author = quick_user()
        self.people.append(author)
        self.detail = build.proposal(
            self.discussion,
            author,
            title=f"Mehr {SEARCH_WORD} am Abend",
            field_of_action=self.fields[0],
        )
        orgs.translation(self.detail, author, language="en", title="More evening classes")
        build.official_answer(self.detail, self.coordinator, ProposalStatus.UNDER_REVIEW)
        self.vote_target = build.proposal(self.listed, author, title="Ein Vorschlag zum Abstimmen")
        self.proposals.append(self.vote_target)
        self._organisation(admin=author)
        db.session.commit()

    # --- growing ------------------------------------------------------------------------------

    def _organisation(self, admin):
        number = len(self.organisations) + 1
        org = orgs.organisation(
            self.region,
            name=f"Verein Nummer {number}",
            admins=[admin],
            fields=self.fields[: 1 + number % 2],
        )
        self.organisations.append(org)
        # Each organisation states its view in the discussion.
        orgs.statement(self.discussion, org, admin, title=f"Stellungnahme {number}")
        return org

    def _person(self):
        person = quick_user(locale=LANGUAGES[len(self.people) % len(LANGUAGES)])
        self.people.append(person)
        # Every third person speaks for an organisation of their own, one more is a member.
        if len(self.people) % 3 == 2:
            org = self._organisation(admin=person)
            db.session.add(
                Membership(organisation=org, user=self.people[-2], role=MemberRole.MEMBER)
            )
        # People follow the discussed proposal, so a new comment tells more of them.
        db.session.add(Follow(user_id=person.id, proposal_id=self.detail.id))
        return person

    def _speaker(self, number: int, share: int):
        """(author, organisation or None): all but every `share`-th text is said for one of
        the organisations (in turn), so any page of the list shows some."""
        if number % share:
            org = self.organisations[(number // share) % len(self.organisations)]
            return org_admins(org)[0], org
        return self.people[number % len(self.people)], None

    def _proposal(self):
        """Proposal number n (1, 2 ...): the first six show every kind the list shows."""
        number = len(self.proposals)
        author, org = self._speaker(number, share=4)
        proposal = build.proposal(
            self.listed,
            author,
            title=f"Vorschlag {number}: " + (f"{SEARCH_WORD} " if number % 2 else "Treffpunkte"),
            body=f"Beschreibung {number} mit genug Text, damit sie wie echt aussieht.",
            language=LANGUAGES[number % len(LANGUAGES)],
            field_of_action=self.fields[number % 2] if number % 3 else None,
            organisation=org,
            moderation_state=(
                ModerationState.PENDING if number % 6 == 3 else ModerationState.PUBLISHED
            ),
        )
        self.proposals.append(proposal)
        if number % 3 == 1:
            orgs.translation(proposal, author, language="en", title=f"Proposal {number}")
        if number % 4 == 2:
            build.official_answer(proposal, self.coordinator, ProposalStatus.ACCEPTED)
        if number % 6 == 5:
            self._hide(proposal)

    def _comment(self):
        """Comment number n (0, 1 ...): every six form a chain of replies deeper than the
        thread indents, with a translation, a hidden and a removed one among them."""
        number = len(self.comments)
        author, org = self._speaker(number, share=2)
        parent = self.comments[-1] if number % 6 in (1, 2, 3) else None
        comment = build.comment(
            self.detail,
            author,
            body=f"Kommentar {number} zum Vorschlag.",
            parent=parent,
            stance=(None, "in_favour", "against", "neutral")[number % 4],
            language=LANGUAGES[number % len(LANGUAGES)],
            organisation=org,
        )
        self.comments.append(comment)
        if number % 3 == 2:
            orgs.translation(comment, author, language="de", body=f"Übersetzung {number}")
        if number % 6 == 4:
            self._hide(comment)
        if number % 6 == 5:
            comment.deleted_at = utcnow_naive()
        if number % 6 in (4, 5):
            self.detail.comment_count -= 1  # as the services keep it: shown comments only

    def _hide(self, contribution):
        contribution.moderation_state = ModerationState.HIDDEN
        db.session.add(
            ModerationDecision(
                contribution_id=contribution.id,
                moderator_id=self.coordinator.id,
                action="hide",
                reason="off_topic",
                state_before=ModerationState.PUBLISHED,
                state_after=ModerationState.HIDDEN,
            )
        )


def org_admins(org) -> list:
    return [m.user for m in org.memberships if m.role == MemberRole.ADMIN]


def grow(world: World, scale: Scale) -> World:
    """Add rows until the world is as large as `scale` (never removes any)."""
    while len(world.people) < scale.people:
        world._person()
    while len(world.consultations) < scale.consultations:
        phase = PHASES[len(world.consultations) % len(PHASES)]
        world.consultations.append(build.consultation(region=world.region, phase=phase))
    while len(world.proposals) < scale.proposals:
        world._proposal()
    while len(world.comments) < scale.comments:
        world._comment()
    # Votes of several people on each proposal (counters kept), the participant's own elsewhere.
    for proposal in world.proposals:
        voted = {vote_user for vote_user in _voters(proposal)}
        for person in world.people[: scale.voters_per_proposal]:
            if person.id not in voted and proposal.moderation_state == ModerationState.PUBLISHED:
                build.vote(proposal, person, value=1 if person.id % 4 else -1)
    others = [
        proposal
        for proposal in world.proposals
        if proposal is not world.vote_target
        and proposal.moderation_state == ModerationState.PUBLISHED
    ]
    while world.own_votes < scale.own_votes and world.own_votes < len(others):
        build.vote(others[world.own_votes], world.participant)
        world.own_votes += 1
    db.session.commit()
    return world


def _voters(proposal) -> set[int]:
    from sqlalchemy import select

    from app.votes.models import Vote

    return set(db.session.scalars(select(Vote.user_id).where(Vote.proposal_id == proposal.id)))
