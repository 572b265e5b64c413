"""The shape of the generated platform, decided before a row is written.

Who exists, which consultation is in which phase, which proposal gets how many comments and
votes and in what moderation state: all of it is planned here as small records, so every
counter is known when its row is written and every row is written once. Texts are made later,
row by row (rows.py). Times are whole seconds since the Unix epoch, naive UTC like the app.

Each part draws from its own random generator seeded with (seed, part), so the same seed gives
the same platform.
"""

import bisect
import itertools
import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from app.core.phases import PHASE_ORDER
from app.moderation.models import PERMANENT
from app.seed import FIELDS_OF_ACTION, MODEL_REGIONS
from bench.generator import scales
from bench.generator.draw import rng_for
from bench.generator.text import weighted_languages

DAY = 86_400
PERMANENT_BLOCK = int(PERMANENT.replace(tzinfo=UTC).timestamp())
# Typical phase lengths in days; the running phase is stretched so it keeps running for
# scales.VALID_DAYS after the anchor.
PHASE_DAYS = {"information": 14, "proposals": 35, "discussion": 21, "voting": 21, "results": 90}

STAFF_PER_REGION = ("coordinator", "moderator")
ADMIN_ID = 1

# Shares of proposals and comments by moderation state (the rest is published).
HIDDEN_SHARE = 0.01
PENDING_SHARE = 0.03  # pre-moderated consultations only
REJECTED_SHARE = 0.01  # pre-moderated consultations only
DELETED_SHARE = 0.005  # comments removed by their authors
WITHDRAWN_SHARE = 0.02
REVISED_SHARE = 0.03
ANSWERED_SHARE = 0.35
TRANSLATED_PROPOSALS = 0.03
TRANSLATED_COMMENTS = 0.01
REPLY_SHARE = 0.3
DETAIL_HIDDEN = 4  # hidden comments beside the detail proposal's visible ones (placeholders)

FINAL_STATUSES = (
    ("accepted", 30),
    ("partially_accepted", 25),
    ("rejected", 30),
    ("implemented", 15),
)
REASONS = ("spam", "insult", "discrimination", "personal_data", "off_topic", "other")


def epoch(day: date) -> int:
    return int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp())


@dataclass
class User:
    id: int
    email: str
    display_name: str
    locale: str
    home_region: int | None
    created: int
    confirmed: bool = True
    administrator: bool = False
    role: tuple[str, int] | None = None  # (role, region id) of staff
    blocked_until: int | None = None  # seconds; PERMANENT_BLOCK for no end
    mfa: bool = False
    last_login: int | None = None
    weight: float = 1.0  # how active: authors are drawn by weight

    @property
    def is_participant(self) -> bool:
        return not self.administrator and self.role is None

    @property
    def can_take_part(self) -> bool:
        return self.is_participant and self.confirmed and self.blocked_until is None


@dataclass
class Consultation:
    id: int
    region: int  # region id
    region_slug: str
    kind: str  # the running phase, or "archived" / "draft"
    phases: dict[str, tuple[int, int]]
    fields: list[int]
    moderation_mode: str = "post"
    voting_mode: str = "support"
    vote_budget: int = 0
    answer_threshold: int = 0
    eligibility: str = "registered"
    proposal_count: int = 0

    @property
    def state(self) -> str:
        return {"archived": "archived", "draft": "draft"}.get(self.kind, "published")

    def phase_index(self) -> int:
        if self.kind == "archived":
            return len(PHASE_ORDER)
        if self.kind == "draft":
            return -1
        return PHASE_ORDER.index(self.kind)

    def reached(self, phase: str) -> bool:
        return self.phase_index() >= PHASE_ORDER.index(phase)

    @property
    def is_running(self) -> bool:
        return self.kind in ("proposals", "discussion", "voting")


@dataclass
class Proposal:
    consultation: Consultation
    author: int
    created: int
    language: str
    field: int | None
    state: str = "published"
    status: str = "submitted"
    withdrawn: int | None = None
    edited: int | None = None
    planted: bool = False  # carries the search term
    id: int = 0
    comments: int = 0  # published, not deleted (the proposal's comment_count)
    votes_for: int = 0
    votes_against: int = 0
    responses: list[tuple[int, str]] = field(default_factory=list)  # (time, status)

    @property
    def is_public(self) -> bool:
        return self.state == "published" and self.withdrawn is None


@dataclass
class Plan:
    seed: int
    scale: scales.Scale
    anchor: int  # the generation day at 00:00 UTC; nothing is dated after it
    users: list[User]
    consultations: list[Consultation]
    proposals: list[Proposal] = field(default_factory=list)
    # (time, proposal index, position, author, language, state, stance, parent position,
    #  deleted time); sorted by time, so ids follow time.
    comments: list[tuple] = field(default_factory=list)
    comment_ids: dict[tuple[int, int], int] = field(default_factory=dict)
    # Votes in compact columns: user id, proposal index, value, time.
    votes: list[tuple[int, int, int, int]] = field(default_factory=list)
    biggest: Consultation | None = None
    voting: Consultation | None = None
    detail: Proposal | None = None
    comment_target: Proposal | None = None
    vote_targets: list[Proposal] = field(default_factory=list)
    storm: Proposal | None = None
    logged_in: list[User] = field(default_factory=list)
    storm_users: list[User] = field(default_factory=list)

    @property
    def first_comment_id(self) -> int:
        return len(self.proposals) + 1


# --- users -----------------------------------------------------------------------------------


def plan_users(seed: int, scale: scales.Scale, anchor: int) -> list[User]:
    from bench.generator.text import TextMaker

    rng = rng_for(seed, "users")
    codes, weights = weighted_languages()
    staff_created = anchor - 600 * DAY
    users = [
        User(
            ADMIN_ID,
            f"administration@{scales.EMAIL_DOMAIN}",
            "Ministerium (Bench)",
            "de",
            None,
            staff_created,
            administrator=True,
            mfa=True,
        )
    ]
    for region_id, region in enumerate(MODEL_REGIONS, start=1):
        for role in STAFF_PER_REGION:
            users.append(
                User(
                    len(users) + 1,
                    f"{role}.{region['slug']}@{scales.EMAIL_DOMAIN}",
                    f"{'Koordination' if role == 'coordinator' else 'Moderation'} "
                    f"{region['name']['de']}",
                    "de",
                    region_id,
                    staff_created,
                    role=(role, region_id),
                    mfa=True,
                )
            )
    participants = []
    for _ in range(scale.users):
        locale = rng.choices(codes, weights)[0]
        confirmed = rng.random() >= 0.01
        if confirmed:
            created = anchor - rng.randint(40 * DAY, 540 * DAY)
        else:
            created = anchor - rng.randint(1 * DAY, 6 * DAY)
        home = rng.randint(1, len(MODEL_REGIONS)) if rng.random() < 0.9 else None
        user = User(
            0,
            "",
            TextMaker.display_name(rng, locale),
            locale,
            home,
            created,
            confirmed=confirmed,
            weight=min(rng.paretovariate(1.4), 60.0) if confirmed else 0.0,
            mfa=rng.random() < 0.02,
        )
        if confirmed and rng.random() < 0.003:
            user.blocked_until = (
                PERMANENT_BLOCK if rng.random() < 0.3 else anchor + rng.randint(7, 60) * DAY
            )
        if confirmed:
            user.last_login = rng.randint(created, anchor)
        participants.append(user)
    participants.sort(key=lambda user: user.created)
    for number, user in enumerate(participants, start=1):
        user.id = len(users) + number
        user.email = f"participant{number:05d}@{scales.EMAIL_DOMAIN}"
    return users + participants


class AuthorPicker:
    """Draws authors by activity among the accounts that existed at a given time."""

    def __init__(self, users: list[User]):
        people = [user for user in users if user.is_participant]
        self.people = people
        self.created = [user.created for user in people]
        self.cumulative = list(itertools.accumulate(user.weight for user in people))

    def pick(self, rng: random.Random, at: int) -> User:
        count = bisect.bisect_right(self.created, at) or 1
        total = self.cumulative[count - 1]
        index = bisect.bisect_right(self.cumulative, rng.random() * total, 0, count)
        return self.people[min(index, count - 1)]


# --- consultations ---------------------------------------------------------------------------


def _phase_windows(rng: random.Random, kind: str, anchor: int) -> dict[str, tuple[int, int]]:
    days = dict(PHASE_DAYS)
    if kind == "archived":
        end = anchor - rng.randint(30, 150) * DAY
        start = end - sum(days.values()) * DAY
    elif kind == "draft":
        start = anchor + rng.randint(20, 60) * DAY
    else:
        offset = rng.randint(2, 12)
        days[kind] = max(days[kind], offset + scales.VALID_DAYS + 7)
        before = PHASE_ORDER[: PHASE_ORDER.index(kind)]
        start = anchor - offset * DAY - sum(days[k] for k in before) * DAY
    windows, moment = {}, start
    for phase in PHASE_ORDER:
        windows[phase] = (moment, moment + days[phase] * DAY)
        moment += days[phase] * DAY
    return windows


def plan_consultations(seed: int, anchor: int) -> list[Consultation]:
    """Every region: one consultation in each phase; three archived ones and two drafts."""
    rng = rng_for(seed, "consultations")
    field_ids = {item["slug"]: number for number, item in enumerate(FIELDS_OF_ACTION, start=1)}
    consultations = []
    for region_id, region in enumerate(MODEL_REGIONS, start=1):
        kinds = list(PHASE_ORDER)
        kinds += ["archived"] if region_id % 2 == 1 else ["draft"]
        for kind in kinds:
            region_fields = [field_ids[slug] for slug in region["fields"]]
            fields = sorted(rng.sample(region_fields, min(len(region_fields), rng.randint(2, 3))))
            consultation = Consultation(
                len(consultations) + 1,
                region_id,
                region["slug"],
                kind,
                _phase_windows(rng, kind, anchor),
                fields,
                moderation_mode="pre" if rng.random() < 0.2 else "post",
                voting_mode="for_against" if rng.random() < 0.3 else "support",
                vote_budget=rng.choice((0, 0, 3, 5, 10)),
                answer_threshold=rng.choice((0, 10, 25, 50)),
                eligibility="residents" if rng.random() < 0.15 else "registered",
            )
            consultations.append(consultation)
    return consultations


def choose_bench_consultations(consultations: list[Consultation]) -> tuple:
    """The biggest (discussion, Offenbach) and the voting one the driver votes in
    (Wiesbaden): open to every registered account, published at once, no vote budget."""
    biggest = next(
        c for c in consultations if c.region_slug == "offenbach" and c.kind == "discussion"
    )
    voting = next(c for c in consultations if c.region_slug == "wiesbaden" and c.kind == "voting")
    for consultation in (biggest, voting):
        consultation.moderation_mode = "post"
        consultation.eligibility = "registered"
    biggest.fields = sorted(
        {f for c in consultations if c.region == biggest.region for f in c.fields}
    )
    voting.voting_mode = "support"
    voting.vote_budget = 0
    return biggest, voting


def allocate(total: int, weights: list[float], minimum: list[int] | None = None) -> list[int]:
    """Split `total` by weights (largest remainder), giving each at least its minimum."""
    minimum = minimum or [0] * len(weights)
    rest = total - sum(minimum)
    whole = sum(weights) or 1.0
    exact = [rest * weight / whole for weight in weights]
    shares = [int(value) for value in exact]
    order = sorted(range(len(weights)), key=lambda i: (shares[i] - exact[i], i))
    for index in order[: rest - sum(shares)]:
        shares[index] += 1
    return [share + low for share, low in zip(shares, minimum, strict=True)]
