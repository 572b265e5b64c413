"""proposal full-text search: FTS5 on SQLite, a GIN index on PostgreSQL

Revision ID: 0004
Revises: 0003
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade():
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE proposal_search USING fts5("
            "title, body, tokenize = 'unicode61 remove_diacritics 2')"
        )
        op.execute(
            "INSERT INTO proposal_search (rowid, title, body) "
            "SELECT proposals.id, proposals.title, contributions.body "
            "FROM proposals JOIN contributions ON contributions.id = proposals.id"
        )
    else:
        op.execute(
            "CREATE INDEX ix_proposals_fulltext ON proposals "
            "USING gin (to_tsvector('simple', search_text))"
        )


def downgrade():
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE proposal_search")
    else:
        op.execute("DROP INDEX ix_proposals_fulltext")
