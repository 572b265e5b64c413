"""user search key: name and address case-folded for the administrators' user search

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

users = sa.table(
    "users",
    sa.column("id", sa.Integer),
    sa.column("display_name", sa.String),
    sa.column("email", sa.String),
    sa.column("search_key", sa.String),
)


def upgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("search_key", sa.String(length=330), nullable=True))
    # Python's casefold(), as the model computes it, for the accounts that already exist.
    connection = op.get_bind()
    for row in connection.execute(sa.select(users.c.id, users.c.display_name, users.c.email)):
        key = f"{row.display_name}\n{row.email}".casefold()
        connection.execute(users.update().where(users.c.id == row.id).values(search_key=key))
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.alter_column("search_key", existing_type=sa.String(length=330), nullable=False)


def downgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("search_key")
