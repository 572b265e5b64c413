"""Writing what happened to the contributions: translations, votes, moderation decisions
with the reports behind them, follows. A mixin of rows.Rows (it shares its plan, writer and
random generators)."""

from bench.generator.plan import DAY, REASONS
from bench.generator.writer import stamp

CONTRIBUTION_COLUMNS = (
    "id",
    "kind",
    "consultation_id",
    "author_id",
    "body",
    "language",
    "moderation_state",
    "edited_at",
    "translation_of_id",
    "created_at",
    "updated_at",
)


class ActivityRows:
    def translated(self) -> None:
        contributions, translations = [], []
        for original, kind, language, consultation, author, created in self.translations:
            target = "de" if language != "de" else "en"
            translator = (
                author
                if self.extra.random() < 0.6
                else self.staff[("coordinator", consultation.region)]
            )
            when = self.extra.randint(created, max(created, self.plan.anchor))
            number = self.next_contribution
            self.next_contribution += 1
            if kind == "proposal":
                title, body = self.texts.title(self.rng, target), self.texts.body(self.rng, target)
            else:
                title, body = None, self.texts.comment(self.rng, target)
            contributions.append(
                (
                    number,
                    "translation",
                    consultation.id,
                    translator,
                    body,
                    target,
                    "published",
                    None,
                    original,
                    stamp(when),
                    stamp(when),
                )
            )
            translations.append((number, title))
        self.writer.insert("contributions", CONTRIBUTION_COLUMNS, contributions)
        self.writer.insert("contribution_translations", ("id", "title"), translations)
        self._done("contribution_translations")

    def votes(self) -> None:
        users, proposals, values, times = self.plan.votes
        consultation_of = {p.id: p.consultation.id for p in self.plan.proposals}

        def rows():
            for index in range(len(users)):
                when = stamp(times[index])
                proposal = proposals[index]
                yield (
                    index + 1,
                    users[index],
                    proposal,
                    consultation_of[proposal],
                    values[index],
                    when,
                    when,
                )

        self.writer.insert(
            "votes",
            (
                "id",
                "user_id",
                "proposal_id",
                "consultation_id",
                "value",
                "created_at",
                "updated_at",
            ),
            rows(),
        )
        self._done("votes")

    def moderation(self) -> None:
        rng = self.extra
        decisions, reports = [], []
        for contribution, state, created, consultation, author, pre in self.decisions:
            moderator = self.staff[("moderator", consultation.region)]
            when = min(created + rng.randint(600, 3 * DAY), self.plan.anchor)
            steps = []
            if pre and state != "rejected":
                steps.append(("approve", None, "pending", "published", moderator))
            if state == "rejected":
                steps.append(("reject", rng.choice(REASONS), "pending", "rejected", moderator))
            if state == "hidden":
                automatic = rng.random() < 0.3
                action = "auto_hide" if automatic else "hide"
                steps.append(
                    (
                        action,
                        rng.choice(REASONS),
                        "published",
                        "hidden",
                        None if automatic else moderator,
                    )
                )
            for action, reason, before, after, by in steps:
                note = "" if action == "approve" else self.texts.sentence(rng, "de")
                decisions.append(
                    (
                        len(decisions) + 1,
                        contribution,
                        by,
                        action,
                        reason,
                        note,
                        before,
                        after,
                        stamp(when),
                    )
                )
                if action in ("hide", "auto_hide"):
                    count = 3 if action == "auto_hide" else rng.randint(1, 2)
                    resolved = None if action == "auto_hide" else len(decisions)
                    reporters = set()
                    while len(reporters) < count:
                        reporter = rng.choice(self.participants)
                        if reporter != author:
                            reporters.add(reporter)
                    for reporter in sorted(reporters):
                        reported = stamp(max(created, when - rng.randint(60, 3_600)))
                        reports.append(
                            (
                                len(reports) + 1,
                                contribution,
                                reporter,
                                reason,
                                "",
                                reported,
                                resolved,
                            )
                        )
                when = min(when + rng.randint(600, DAY), self.plan.anchor)
        self.writer.insert(
            "moderation_decisions",
            (
                "id",
                "contribution_id",
                "moderator_id",
                "action",
                "reason",
                "note_to_author",
                "state_before",
                "state_after",
                "created_at",
            ),
            decisions,
        )
        self.writer.insert(
            "reports",
            (
                "id",
                "contribution_id",
                "reporter_id",
                "reason",
                "note",
                "created_at",
                "resolved_by_decision_id",
            ),
            reports,
        )
        self._done("moderation_decisions", "reports")

    def follows(self) -> None:
        rng = self.extra
        rows = list(self.proposal_follows)
        published = [c for c in self.plan.consultations if c.state == "published"]
        for user in self.plan.users:
            if user.can_take_part and rng.random() < 0.03:
                for c in rng.sample(published, rng.randint(1, 2)):
                    rows.append(
                        (user.id, c.id, None, max(user.created, c.phases["information"][0]))
                    )
        self.writer.insert(
            "follows",
            ("id", "user_id", "consultation_id", "proposal_id", "created_at"),
            ((n, user, c, p, stamp(at)) for n, (user, c, p, at) in enumerate(rows, start=1)),
        )
        self._done("follows")
