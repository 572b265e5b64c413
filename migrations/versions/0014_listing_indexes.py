"""Indexes for flat page costs at 100,000 proposals.

- A consultation's contributions by kind, state and creation time (the list, its count and the
  newest-first order read only index entries), replacing the indexes on (consultation, kind,
  state) and on (consultation) that it extends.
- The references most contributions leave empty (translation, organisation, on-site event)
  indexed only where set: SQLite's statistics counted the empty ones as one value matching
  every row and scanned the table instead of using the index.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03 12:00:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

SPARSE = (
    ("uq_contributions_translation_language", ["translation_of_id", "language"], True),
    ("ix_contributions_organisation_id", ["organisation_id"], False),
    ("ix_contributions_on_site_event_id", ["on_site_event_id"], False),
)


def _where(columns):
    return sa.text(f"{columns[0]} IS NOT NULL")


def upgrade():
    with op.batch_alter_table("contributions", schema=None) as batch_op:
        batch_op.create_index(
            "ix_contributions_listing",
            ["consultation_id", "kind", "moderation_state", "created_at", "id"],
            unique=False,
        )
        batch_op.drop_index("ix_contributions_consultation_kind_state")
        batch_op.drop_index("ix_contributions_consultation_id")
        for name, columns, unique in SPARSE:
            batch_op.drop_index(name)
            batch_op.create_index(
                name,
                columns,
                unique=unique,
                sqlite_where=_where(columns),
                postgresql_where=_where(columns),
            )


def downgrade():
    with op.batch_alter_table("contributions", schema=None) as batch_op:
        for name, columns, unique in SPARSE:
            batch_op.drop_index(name)
            batch_op.create_index(name, columns, unique=unique)
        batch_op.create_index(
            "ix_contributions_consultation_kind_state",
            ["consultation_id", "kind", "moderation_state"],
            unique=False,
        )
        batch_op.create_index("ix_contributions_consultation_id", ["consultation_id"], unique=False)
        batch_op.drop_index("ix_contributions_listing")
