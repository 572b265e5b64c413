"""Participation profiles: the owner's answers, consent and withdrawal, and the only aggregate
reading of them.

Profiles are read in two ways only: the owner's own form, and `profile_tables()`, which returns
suppressed tables (see suppression.py). Profiles are a snapshot of everyone who consented; they
are not filtered by period or field of action, so two filter choices can never be subtracted
from one another to single out a person.
"""

from app.monitoring.suppression import Cell, SuppressedTable

# Columns of the tables; None stands for "not answered".
QUESTIONS = ("age_band", "migration_experience", "home_languages")


def profile_tables() -> dict[str, SuppressedTable]:
    """For each question: rows are region ids (None: no home region given) with at least one
    profile, columns the answer codes (plus None for not answered; for languages, each language
    named by anyone), cells person counts with primary and complementary suppression; row totals
    are the number of profiles of the region (for languages not a sum: additive_rows=False)."""
    raise NotImplementedError


def migration_experience_share(table: SuppressedTable) -> dict:
    """Per row (and "total"): the share answering yes among those answering yes or no, as a Cell,
    suppressed when either count is suppressed (else the share would reveal a hidden count)."""
    raise NotImplementedError


def profile_count(table: SuppressedTable) -> Cell:
    return table.grand_total
