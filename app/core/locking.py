"""Transactions where a check and the write that depends on it must not interleave.

A vote budget ("at most 5 supports") is a check followed by an insert; two parallel requests
could both pass the check. We serialise them: PostgreSQL locks the voter's user row
(`SELECT ... FOR UPDATE`), SQLite takes the database write lock at the start of the transaction
(`BEGIN IMMEDIATE`). Either way the second request waits, then sees the first one's vote.

On SQLite we keep pysqlite's own transaction handling for everything else: it begins a
transaction only right before the first write, so reads never hold a snapshot that a later
write would have to upgrade (which fails at once instead of waiting when another connection
wrote in between).
"""

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.core.errors import DomainError
from app.extensions import db


def begin_serialised_transaction(lock_model, lock_id: int) -> None:
    """End the request's transaction so far and start one that serialises writers.

    Call before the check; commit (or roll back) after the write. It commits what is pending
    first, so everything the request wanted to keep must be complete at this point.
    """
    session = db.session
    session.commit()
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        session.execute(select(lock_model.id).where(lock_model.id == lock_id).with_for_update())


def insert_unique(row, conflict: DomainError) -> None:
    """Add `row` and flush; when a unique index refuses it (someone was faster by a moment),
    raise `conflict` instead of a 500.

    No savepoint: the caller rolls the request back on a DomainError (`apply_change` does), and
    on SQLite a savepoint opened before the first write would commit when released.
    """
    db.session.add(row)
    try:
        db.session.flush()
    except IntegrityError:
        raise conflict from None
