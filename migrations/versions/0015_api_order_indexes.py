"""Indexes for the read API's cursor pages.

- A consultation's contributions by kind, state and id: the API pages through a consultation's
  proposals in submission (id) order.
- Proposals by support (votes for minus against) and by number of comments, each with the id:
  the orders `most_supported` and `most_discussed` walk them instead of sorting every proposal.

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-27 07:00:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index(
        "ix_contributions_consultation_order",
        "contributions",
        ["consultation_id", "kind", "moderation_state", "id"],
        unique=False,
    )
    op.create_index(
        "ix_proposals_support",
        "proposals",
        [sa.text("(votes_for - votes_against)"), "id"],
        unique=False,
    )
    op.create_index("ix_proposals_discussion", "proposals", ["comment_count", "id"], unique=False)


def downgrade():
    op.drop_index("ix_proposals_discussion", table_name="proposals")
    op.drop_index("ix_proposals_support", table_name="proposals")
    op.drop_index("ix_contributions_consultation_order", table_name="contributions")
