"""Full-text search over proposals, with each database's own index.

SQLite: an FTS5 table `proposal_search` (rowid = proposal id) that the services keep in step.
PostgreSQL: a GIN index on `to_tsvector('simple', search_text)`. The 'simple' configuration
(no stemming) suits a platform where every proposal may be in another language. Both stay fast
at 100,000 proposals; a query string never reaches SQL as text.
"""

import re

from sqlalchemy import Integer, column, text

from app.extensions import db

_WORD = re.compile(r"\w+", re.UNICODE)


def search_terms(query: str, casefold: bool = True) -> list[str]:
    """Words of the query, case-folded (or only lower-cased), at most 8; no operators."""
    fold = str.casefold if casefold else str.lower
    return [fold(word) for word in _WORD.findall(query or "")][:8]


def searchable_text(title: str, body: str) -> str:
    return f"{title}\n{body}".casefold()


def _dialect() -> str:
    return db.session.get_bind().dialect.name


def index_proposal(proposal) -> None:
    """Bring the search index up to date after a proposal was created or edited."""
    proposal.search_text = searchable_text(proposal.title, proposal.body)
    if _dialect() == "sqlite":
        db.session.flush()
        db.session.execute(
            text("DELETE FROM proposal_search WHERE rowid = :id"), {"id": proposal.id}
        )
        db.session.execute(
            text("INSERT INTO proposal_search (rowid, title, body) VALUES (:id, :title, :body)"),
            {"id": proposal.id, "title": proposal.title, "body": proposal.body},
        )


def needs_proposals_table() -> bool:
    """Does `matching_condition` read the proposals table (PostgreSQL) or only ids (SQLite)?"""
    return _dialect() != "sqlite"


def matching_condition(query: str, prefix: bool = False, id_column=None):
    """A WHERE condition on proposals.id for `query`, or None when it has no words.

    `prefix` matches word beginnings too ("Sprach" finds "Sprachkurs"), for suggestions while
    typing. `id_column` is the proposal id to match on SQLite (default: Proposal.id); the
    PostgreSQL condition reads the proposals table, which the query must join.
    """
    from app.proposals.models import Proposal

    id_column = Proposal.id if id_column is None else id_column
    sqlite = _dialect() == "sqlite"
    # FTS5 lower-cases but keeps "ß"; PostgreSQL searches the case-folded search_text.
    terms = search_terms(query, casefold=not sqlite)
    if not terms:
        return None
    if sqlite:
        # Each term quoted, so FTS5 reads it as a word, never as syntax.
        match = " ".join(f'"{term}"' + ("*" if prefix else "") for term in terms)
        matches = (
            text("SELECT rowid FROM proposal_search WHERE proposal_search MATCH :match")
            .bindparams(match=match)
            .columns(column("rowid", Integer))
        )
        return id_column.in_(matches)
    tsquery = " & ".join(
        "'" + term.replace("'", "''") + "'" + (":*" if prefix else "") for term in terms
    )
    return text(
        "to_tsvector('simple', proposals.search_text) @@ to_tsquery('simple', :q)"
    ).bindparams(q=tsquery)
