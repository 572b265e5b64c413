"""Large amounts of contributions, written by the database itself.

A recursive CTE numbers the rows and one `INSERT … SELECT` per table writes them: 600,000 rows
in seconds, where an ORM loop would take minutes. The same SQL runs on SQLite and PostgreSQL
except for date arithmetic.
"""

from datetime import datetime

from sqlalchemy import text

from app.extensions import db

FIRST_ID = 10_000_000


def _numbers(count_param: str) -> str:
    return (
        "WITH RECURSIVE numbers(i) AS (SELECT 0 UNION ALL "
        f"SELECT i + 1 FROM numbers WHERE i + 1 < :{count_param}) "
    )


def _minutes_before(base_param: str, minutes_sql: str) -> str:
    if db.engine.dialect.name == "postgresql":
        return f"(CAST(:{base_param} AS timestamp) - ({minutes_sql}) * INTERVAL '1 minute')"
    return f"datetime(:{base_param}, '-' || ({minutes_sql}) || ' minutes')"


def add_proposals_and_comments(
    consultation_ids: list[int],
    author_ids: list[int],
    proposals: int,
    comments: int,
    until: datetime,
    spread_minutes: int = 365 * 24 * 60,
) -> None:
    """`proposals` published proposals spread over the consultations, authors and the
    `spread_minutes` before `until`, and `comments` published comments on them."""
    consultations = len(consultation_ids)
    authors = len(author_ids)
    pick_consultation = " ".join(
        f"WHEN {index} THEN {cid}" for index, cid in enumerate(consultation_ids)
    )
    pick_author = " ".join(f"WHEN {index} THEN {aid}" for index, aid in enumerate(author_ids))
    languages = "CASE i % 4 WHEN 0 THEN 'de' WHEN 1 THEN 'tr' WHEN 2 THEN 'ar' ELSE 'ru' END"

    def contributions(kind: str, offset: int, count_param: str) -> str:
        # Keep the product within 32-bit integers (PostgreSQL: integer arithmetic overflows).
        created = _minutes_before("until", f"((i % 100003) * 7919) % {spread_minutes}")
        return (
            "INSERT INTO contributions (id, kind, consultation_id, author_id, body, language, "
            "moderation_state, created_at, updated_at) "
            + _numbers(count_param)
            + f"SELECT {FIRST_ID + offset} + i, '{kind}', "
            f"CASE i % {consultations} {pick_consultation} END, "
            f"CASE i % {authors} {pick_author} END, 'Text', {languages}, 'published', "
            f"{created}, {created} FROM numbers"
        )

    params = {"until": until.isoformat(sep=" "), "proposals": proposals, "comments": comments}
    db.session.execute(text(contributions("proposal", 0, "proposals")), params)
    db.session.execute(
        text(
            "INSERT INTO proposals (id, title, status, votes_for, votes_against, comment_count, "
            "search_text) "
            + _numbers("proposals")
            + f"SELECT {FIRST_ID} + i, 'Vorschlag', 'submitted', i % 37, 0, 0, '' FROM numbers"
        ),
        params,
    )
    # Comments sit in the same consultation as their proposal: comment i belongs to proposal
    # (i mod proposals), and both pick their consultation by the same modulus when the number of
    # proposals is a multiple of the number of consultations.
    comment_offset = proposals
    db.session.execute(text(contributions("comment", comment_offset, "comments")), params)
    db.session.execute(
        text(
            "INSERT INTO comments (id, proposal_id) "
            + _numbers("comments")
            + f"SELECT {FIRST_ID + comment_offset} + i, {FIRST_ID} + (i % :proposals) FROM numbers"
        ),
        params,
    )
    db.session.commit()
    refresh_statistics()


def refresh_statistics() -> None:
    """After a bulk load the planner still believes the tables are nearly empty (autovacuum
    would analyse them later, a test cannot wait): PostgreSQL then joins 600,000 rows by nested
    loops. ANALYZE, as an operator runs it after an import."""
    if db.engine.dialect.name != "postgresql":
        return
    for table in ("contributions", "proposals", "comments", "votes", "consultations"):
        db.session.execute(text(f"ANALYZE {table}"))
    db.session.commit()
