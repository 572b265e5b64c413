"""Transactions where a check and the write that depends on it must not interleave.

A vote budget ("at most 5 supports") is a check followed by an insert; two parallel requests
could both pass the check. We serialise them: PostgreSQL locks the voter's user row
(`SELECT ... FOR UPDATE`), SQLite takes the database write lock at the start of the transaction
(`BEGIN IMMEDIATE`). Either way the second request waits, then sees the first one's vote.
"""

from contextvars import ContextVar

from sqlalchemy import select

from app.extensions import db

_begin_immediate: ContextVar[bool] = ContextVar("sqlite_begin_immediate", default=False)


def sqlite_begin_statement() -> str:
    return "BEGIN IMMEDIATE" if _begin_immediate.get() else "BEGIN"


def begin_serialised_transaction(lock_model, lock_id: int) -> None:
    """End the request's transaction so far and start one that serialises writers.

    Call before the check; commit (or roll back) after the write. Everything the request
    wanted to keep must already be committed or flushed into the same transaction — it
    commits what is pending first.
    """
    session = db.session
    session.commit()
    if session.get_bind().dialect.name == "sqlite":
        token = _begin_immediate.set(True)
        try:
            session.connection()  # BEGIN IMMEDIATE happens here
        finally:
            _begin_immediate.reset(token)
    else:
        session.execute(select(lock_model.id).where(lock_model.id == lock_id).with_for_update())
