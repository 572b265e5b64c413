"""Writing the planned platform: every table, every derived value.

Texts are made here, in id order, from one random generator, so the same plan gives the same
texts. Derived values written alongside: proposals' votes_for / votes_against / comment_count
(from the plan's counts), search_text, the SQLite FTS5 rows of `proposal_search`, users'
search_key, the moderation audit log behind every hidden or rejected contribution.
"""

import random
from base64 import b32encode, urlsafe_b64encode
from functools import lru_cache

from app.proposals.search import searchable_text
from app.seed import DEMO_TOTP_SECRET, FIELDS_OF_ACTION, MODEL_REGIONS
from bench.generator import scales
from bench.generator.activity import CONTRIBUTION_COLUMNS, ActivityRows
from bench.generator.draw import rng_for
from bench.generator.plan import (
    DAY,
    TRANSLATED_COMMENTS,
    TRANSLATED_PROPOSALS,
    Plan,
)
from bench.generator.text import TextMaker
from bench.generator.writer import BulkWriter, moment, stamp

CHUNK_ROWS = 10_000
SEARCH_SENTENCE = "Eine {term} für neu zugewanderte Familien würde hier sehr helfen."


def _token(rng: random.Random, size: int = 32) -> str:
    """Like secrets.token_urlsafe, but reproducible (bench accounts only)."""
    return urlsafe_b64encode(rng.randbytes(size)).rstrip(b"=").decode()


@lru_cache(maxsize=2)
def sentence_pools(seed: int) -> TextMaker:
    """Built once per seed and process (read-only afterwards; texts draw from their own rng)."""
    return TextMaker(rng_for(seed, "sentences"))


class Rows(ActivityRows):
    def __init__(self, plan: Plan, writer: BulkWriter, password_hash: str):
        self.plan = plan
        self.writer = writer
        self.password_hash = password_hash
        self.rng = rng_for(plan.seed, "texts")
        self.extra = rng_for(plan.seed, "extras")
        self.progress = writer.progress
        self.texts = sentence_pools(plan.seed)
        self.staff = {user.role: user.id for user in plan.users if user.role}
        self.next_contribution = len(plan.proposals) + len(plan.comments) + 1
        self.decisions: list[tuple] = []  # (contribution, kind, state, created, region, author)
        self.translations: list[tuple] = []  # (original id, kind, language, consultation, ...)
        self.participants = [user.id for user in plan.users if user.is_participant]

    def all(self) -> None:
        self.skeleton()
        self.users()
        self.consultations()
        self.proposals()
        self.comments()
        self.translated()
        self.votes()
        self.moderation()
        self.follows()

    def _done(self, *tables: str) -> None:
        counts = ", ".join(f"{t} {self.writer.counts.get(t, 0):,}" for t in tables)
        self.progress(counts)

    # --- regions, fields, accounts ---------------------------------------------------------

    def skeleton(self) -> None:
        created = moment(self.plan.anchor - 700 * DAY)
        fields = {}
        rows = []
        for number, item in enumerate(FIELDS_OF_ACTION, start=1):
            fields[item["slug"]] = number
            rows.append(
                {
                    "id": number,
                    "slug": item["slug"],
                    "name": item["name"],
                    "description": item["description"],
                    "position": (number - 1) * 10,
                    "is_active": True,
                    "created_at": created,
                    "updated_at": created,
                }
            )
        self.writer.core("fields_of_action", rows)
        regions, links = [], []
        for number, item in enumerate(MODEL_REGIONS, start=1):
            regions.append(
                {
                    "id": number,
                    "slug": item["slug"],
                    "kind": "model_region",
                    "name": item["name"],
                    "description": item["description"],
                    "position": number - 1,
                    "created_at": created,
                    "updated_at": created,
                }
            )
            links += [
                {"region_id": number, "field_of_action_id": fields[s]} for s in item["fields"]
            ]
        self.writer.core("regions", regions)
        self.writer.core("region_fields_of_action", links)
        self._done("fields_of_action", "regions")

    def users(self) -> None:
        rng = self.extra
        columns = (
            "id",
            "email",
            "display_name",
            "password_hash",
            "locale",
            "home_region_id",
            "is_administrator",
            "confirmed_at",
            "privacy_accepted_at",
            "session_token",
            "last_login_at",
            "blocked_until",
            "search_key",
            "totp_secret",
            "mfa_enabled_at",
            "created_at",
            "updated_at",
        )

        def rows():
            for user in self.plan.users:
                created = stamp(user.created)
                secret = None
                if user.mfa:
                    staff = not user.is_participant
                    secret = DEMO_TOTP_SECRET if staff else b32encode(rng.randbytes(20)).decode()
                yield (
                    user.id,
                    user.email,
                    user.display_name,
                    self.password_hash,
                    user.locale,
                    user.home_region,
                    user.administrator,
                    created if user.confirmed else None,
                    created,
                    _token(rng),
                    stamp(user.last_login),
                    stamp(user.blocked_until),
                    f"{user.display_name}\n{user.email}".casefold(),
                    secret,
                    created if user.mfa else None,
                    created,
                    stamp(user.last_login or user.created),
                )

        self.writer.insert("users", columns, rows())
        roles = [
            (
                number,
                user.id,
                user.role[1],
                user.role[0],
                1,
                stamp(user.created),
                stamp(user.created),
            )
            for number, user in enumerate((u for u in self.plan.users if u.role), start=1)
        ]
        self.writer.insert(
            "role_assignments",
            ("id", "user_id", "region_id", "role", "assigned_by_id", "created_at", "updated_at"),
            roles,
        )
        blocks = []
        for user in self.plan.users:
            if user.blocked_until is None:
                continue
            blocker = self.staff.get(("moderator", user.home_region), 1)
            since = self.plan.anchor - rng.randint(1, 30) * DAY
            reason = "Wiederholt beleidigende Beiträge trotz Hinweis der Moderation."
            blocks.append(
                (len(blocks) + 1, user.id, blocker, reason, stamp(user.blocked_until), stamp(since))
            )
        self.writer.insert(
            "user_blocks",
            ("id", "user_id", "blocked_by_id", "reason", "until", "created_at"),
            blocks,
        )
        self._done("users", "role_assignments", "user_blocks")

    # --- consultations ---------------------------------------------------------------------

    def _translated(self, make, languages) -> dict:
        return {code: make(self.rng, code) for code in languages}

    def consultations(self) -> None:
        rows, links, phases = [], [], []
        for c in self.plan.consultations:
            others = self.rng.sample(["tr", "ar", "fa", "pl", "ru", "uk"], 2)
            languages = ["de", "en", *others]
            first = c.phases["information"][0]
            created = moment(first - 10 * DAY)
            published = moment(first) if c.state != "draft" else None
            easy = " ".join(self.texts.sentence(self.rng, "de") for _ in range(4))
            rows.append(
                {
                    "id": c.id,
                    "region_id": c.region,
                    "title": self._translated(self.texts.title, languages),
                    "summary": self._translated(self.texts.comment, languages),
                    "description": self._translated(self.texts.body, languages[:2]),
                    "easy_language_summary": easy,
                    "state": c.state,
                    "moderation_mode": c.moderation_mode,
                    "voting_mode": c.voting_mode,
                    "vote_budget": c.vote_budget,
                    "answer_threshold": c.answer_threshold,
                    "eligibility": c.eligibility,
                    "published_at": published,
                    "archived_at": moment(c.phases["results"][1])
                    if c.state == "archived"
                    else None,
                    "created_by_id": 1,
                    "created_at": created,
                    "updated_at": published or created,
                }
            )
            links += [{"consultation_id": c.id, "field_of_action_id": f} for f in c.fields]
            for kind, (start, end) in c.phases.items():
                announced = (
                    stamp(start) if start <= self.plan.anchor and c.state != "draft" else None
                )
                phases.append((len(phases) + 1, c.id, kind, stamp(start), stamp(end), announced))
        self.writer.core("consultations", rows)
        self.writer.core("consultation_fields_of_action", links)
        self.writer.insert(
            "phases",
            ("id", "consultation_id", "kind", "starts_at", "ends_at", "announced_at"),
            phases,
        )
        self._done("consultations", "phases")

    # --- proposals -------------------------------------------------------------------------

    def proposals(self) -> None:
        texts, rng = self.texts, self.rng
        contributions, proposals, search, revisions, responses = [], [], [], [], []
        follows = []

        def flush() -> None:
            self.writer.insert("contributions", CONTRIBUTION_COLUMNS, contributions)
            self.writer.insert(
                "proposals",
                (
                    "id",
                    "title",
                    "field_of_action_id",
                    "status",
                    "withdrawn_at",
                    "votes_for",
                    "votes_against",
                    "comment_count",
                    "search_text",
                ),
                proposals,
            )
            if self.writer.dialect == "sqlite":
                self.writer.insert("proposal_search", ("rowid", "title", "body"), search)
            for bucket in (contributions, proposals, search):
                bucket.clear()

        for p in self.plan.proposals:
            title = texts.title(rng, p.language)
            sentence = SEARCH_SENTENCE.format(term=scales.SEARCH_TERM) if p.planted else ""
            body = texts.body(rng, p.language, room=len(sentence) + 2 if sentence else 0)
            if p.planted:
                paragraphs = body.split("\n\n")
                paragraphs.insert(rng.randint(0, len(paragraphs)), sentence)
                body = "\n\n".join(paragraphs)
            if p.edited is not None:
                before = (texts.title(rng, p.language), texts.body(rng, p.language))
                revisions.append((len(revisions) + 1, p.id, *before, stamp(p.edited)))
            changed = max(p.created, p.edited or 0, p.withdrawn or 0, *(t for t, _ in p.responses))
            contributions.append(
                (
                    p.id,
                    "proposal",
                    p.consultation.id,
                    p.author,
                    body,
                    p.language,
                    p.state,
                    stamp(p.edited),
                    None,
                    stamp(p.created),
                    stamp(changed),
                )
            )
            proposals.append(
                (
                    p.id,
                    title,
                    p.field,
                    p.status,
                    stamp(p.withdrawn),
                    p.votes_for,
                    p.votes_against,
                    p.comments,
                    searchable_text(title, body),
                )
            )
            search.append((p.id, title, body))
            follows.append((p.author, None, p.id, p.created))
            coordinator = self.staff[("coordinator", p.consultation.region)]
            for answered, status in p.responses:
                answer = texts.comment(rng, "de")
                responses.append(
                    (len(responses) + 1, p.id, coordinator, status, answer, stamp(answered))
                )
            self._moderated(p.id, p.state, p.created, p.consultation, p.author)
            if p.state == "published" and self.extra.random() < TRANSLATED_PROPOSALS:
                self.translations.append(
                    (p.id, "proposal", p.language, p.consultation, p.author, p.created)
                )
            if len(contributions) >= CHUNK_ROWS:
                flush()
        flush()
        self.writer.insert(
            "proposal_revisions", ("id", "proposal_id", "title", "body", "created_at"), revisions
        )
        self.writer.insert(
            "official_responses",
            ("id", "proposal_id", "author_id", "status", "body", "created_at"),
            responses,
        )
        self.proposal_follows = follows
        self._done("proposals", "proposal_revisions", "official_responses")

    def _moderated(self, contribution_id, state, created, consultation, author) -> None:
        pre = consultation.moderation_mode == "pre"
        if state in ("hidden", "rejected") or (pre and state == "published"):
            self.decisions.append((contribution_id, state, created, consultation, author, pre))

    # --- comments --------------------------------------------------------------------------

    def comments(self) -> None:
        texts, rng, plan = self.texts, self.rng, self.plan
        consultation_of = {p.id: p.consultation for p in plan.proposals}
        contributions, comments = [], []

        def flush() -> None:
            self.writer.insert("contributions", CONTRIBUTION_COLUMNS, contributions)
            self.writer.insert(
                "comments", ("id", "proposal_id", "parent_id", "stance", "deleted_at"), comments
            )
            contributions.clear()
            comments.clear()

        for number, row in enumerate(plan.comments, start=plan.first_comment_id):
            created, proposal_id, _position, author, language, state, stance, parent, deleted = row
            consultation = consultation_of[proposal_id]
            body = "" if deleted else texts.comment(rng, language)
            parent_id = plan.comment_ids[(proposal_id, parent)] if parent >= 0 else None
            contributions.append(
                (
                    number,
                    "comment",
                    consultation.id,
                    author,
                    body,
                    language,
                    state,
                    None,
                    None,
                    stamp(created),
                    stamp(deleted or created),
                )
            )
            comments.append(
                (number, proposal_id, parent_id, None if deleted else stance, stamp(deleted))
            )
            self._moderated(number, state, created, consultation, author)
            if state == "published" and not deleted and self.extra.random() < TRANSLATED_COMMENTS:
                self.translations.append(
                    (number, "comment", language, consultation, author, created)
                )
            if len(contributions) >= CHUNK_ROWS:
                flush()
        flush()
        self._done("comments", "contributions")
