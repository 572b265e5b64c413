"""Plan and write a bench platform into an empty, migrated database; describe it for the
load driver (the targets).

`fill()` works on any connection whose schema `flask db upgrade` built, inside the caller's
transaction: the tests use it on their own database, `bench.generate` on a fresh one.
"""

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.low_level import hash_secret
from flask import url_for
from sqlalchemy import func, select, text

from app.extensions import db
from bench.generator import content, scales
from bench.generator.draw import rng_for
from bench.generator.plan import (
    Plan,
    choose_bench_consultations,
    epoch,
    plan_consultations,
    plan_users,
)
from bench.generator.rows import Rows
from bench.generator.writer import BulkWriter, Progress, indexes_built_afterwards


@dataclass
class Filled:
    plan: Plan
    counts: dict[str, int]


def build_plan(scale: scales.Scale, seed: int, anchor: date, progress: Progress) -> Plan:
    start = epoch(anchor)
    consultations = plan_consultations(seed, start)
    plan = Plan(seed, scale, start, plan_users(seed, scale, start), consultations)
    plan.biggest, plan.voting = choose_bench_consultations(consultations)
    progress(f"planned {len(plan.users):,} accounts, {len(consultations)} consultations")
    content.plan_proposals(plan)
    content.choose_bench_accounts(plan)
    content.plan_comments(plan)
    content.plan_votes(plan)
    progress(
        f"planned {len(plan.proposals):,} proposals, {len(plan.comments):,} comments, "
        f"{len(plan.votes[0]):,} votes"
    )
    return plan


@lru_cache(maxsize=4)
def password_hash(seed: int) -> str:
    """ONE argon2id hash of scales.BENCH_PASSWORD with the production parameters
    (argon2.PasswordHasher() defaults, as accounts/passwords.py uses in production), shared by
    every bench account: hashing 25,000 passwords at 64 MiB each would take longer than the
    rest of the generation, and logins still pay the full production cost to verify it. The
    salt comes from the seed, so the same seed gives the same bytes."""
    hasher = PasswordHasher()
    return hash_secret(
        scales.BENCH_PASSWORD.encode(),
        rng_for(seed, "password-salt").randbytes(hasher.salt_len),
        time_cost=hasher.time_cost,
        memory_cost=hasher.memory_cost,
        parallelism=hasher.parallelism,
        hash_len=hasher.hash_len,
        type=hasher.type,
    ).decode()


def fill(connection, plan: Plan, progress: Progress | None = None, bulk: bool = False) -> Filled:
    """Write the plan. `bulk`: build indexes and foreign keys after the rows (fast for large
    scales; the tests write with every index and check in place)."""
    progress = progress or Progress(None)
    writer = BulkWriter(connection, progress)
    if bulk:
        with indexes_built_afterwards(connection, progress):
            Rows(plan, writer, password_hash(plan.seed)).all()
    else:
        Rows(plan, writer, password_hash(plan.seed)).all()
    writer.advance_sequences()
    return Filled(plan, table_counts(connection))


def table_counts(connection) -> dict[str, int]:
    counts = {}
    for table in db.metadata.sorted_tables:
        counts[table.name] = connection.scalar(select(func.count()).select_from(table))
    if connection.dialect.name == "sqlite":
        counts["proposal_search"] = connection.scalar(text("SELECT COUNT(*) FROM proposal_search"))
    return {name: count for name, count in sorted(counts.items()) if count}


def targets(plan: Plan, database_url: str, counts: dict[str, int], dialect: str) -> dict:
    """What the load driver requests (needs an app and a request context for url_for)."""

    def proposal_page(proposal) -> str:
        return url_for(
            "proposals.detail", consultation_id=proposal.consultation.id, proposal_id=proposal.id
        )

    def vote_path(proposal) -> str:
        return url_for(
            "votes.vote", consultation_id=proposal.consultation.id, proposal_id=proposal.id
        )

    from app.seed import FIELDS_OF_ACTION

    biggest = plan.biggest
    filter_slug = FIELDS_OF_ACTION[biggest.fields[0] - 1]["slug"]
    comment = plan.comment_target
    return {
        "scale": plan.scale.name,
        "database_url": database_url,
        "dialect": dialect,
        "seed": plan.seed,
        "generator_version": scales.GENERATOR_VERSION,
        "anchor_date": _day(plan.anchor),
        "counts": counts,
        "password": scales.BENCH_PASSWORD,
        "paths": {
            "start": url_for("pages.start"),
            "region": url_for("regions.detail", slug=biggest.region_slug),
            "consultation": url_for("consultations.detail", consultation_id=plan.voting.id),
            "proposal_list": url_for("consultations.detail", consultation_id=biggest.id),
            "proposal_list_filter": url_for(
                "consultations.detail", consultation_id=biggest.id, field=filter_slug
            ),
            "proposal_list_search": url_for(
                "consultations.detail", consultation_id=biggest.id, q=scales.SEARCH_TERM
            ),
            "proposal_detail": proposal_page(plan.detail),
        },
        "search_term": scales.SEARCH_TERM,
        "search_matches": sum(1 for p in plan.proposals if p.planted),
        "biggest_consultation_proposals": biggest.proposal_count,
        "detail_comments": scales.DETAIL_COMMENTS,
        "logged_in": {
            "users": [user.email for user in plan.logged_in],
            "vote_paths": [
                {"cast": vote_path(p), "retract": vote_path(p)} for p in plan.vote_targets
            ],
            # The vote form (votes/routes.py): POST field "value", 1 casts, 0 takes back;
            # plus the page's csrf_token.
            "vote_form": {"field": "value", "cast": "1", "retract": "0"},
            "comment_path": url_for(
                "comments.create", consultation_id=comment.consultation.id, proposal_id=comment.id
            ),
            "comment_proposal_path": proposal_page(comment),
        },
        "storm": {
            "users": [user.email for user in plan.storm_users],
            "proposal_path": proposal_page(plan.storm),
            "cast_path": vote_path(plan.storm),
            "proposal_id": plan.storm.id,
            "votes_before": plan.storm.votes_for + plan.storm.votes_against,
        },
    }


def _day(seconds: int) -> str:
    from bench.generator.writer import moment

    return moment(seconds).date().isoformat()
