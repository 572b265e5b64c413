"""Statements (Stellungnahmen): an organisation's one formal position on a consultation,
published and edited by its admins during the discussion phase; every edit keeps the version
before it."""

from app.consultations.models import Consultation
from app.core.clock import utcnow_naive
from app.core.errors import DomainError
from app.core.i18n import _
from app.core.locking import insert_unique
from app.core.permissions import can, require
from app.extensions import db
from app.moderation.abuse import check_new_text
from app.notifications import events
from app.organisations.models import Organisation, Statement, StatementRevision


def statement_of(organisation: Organisation, consultation: Consultation) -> Statement | None:
    return db.session.scalar(
        db.select(Statement).where(
            Statement.consultation_id == consultation.id,
            Statement.organisation_id == organisation.id,
        )
    )


def organisations_to_publish_for(user, consultation: Consultation) -> list[Organisation]:
    """Verified organisations the user administers that have no statement here yet."""
    if not getattr(user, "is_authenticated", False):
        return []
    candidates = [m.organisation for m in user.memberships]
    return sorted(
        (
            o
            for o in candidates
            if can(user, "statement.publish_for", o) and statement_of(o, consultation) is None
        ),
        key=lambda o: o.search_key,
    )


def publish_statement(
    user,
    consultation: Consultation,
    organisation: Organisation | None,
    title: str,
    body: str,
    language: str,
) -> Statement:
    require(user, "statement.publish", consultation)
    if organisation is None or not can(user, "statement.publish_for", organisation):
        raise DomainError(
            _("Only admins of a verified organisation can publish its statement."),
            field="organisation",
        )
    if statement_of(organisation, consultation) is not None:
        raise DomainError(
            _(
                "%(name)s has already published a statement in this consultation. You can "
                "edit it until the discussion phase ends.",
                name=organisation.name,
            ),
            field="organisation",
        )
    check_new_text(user, body)
    statement = Statement(
        consultation=consultation,
        author_id=user.id,
        organisation=organisation,
        title=title.strip(),
        body=body.strip(),
        language=language,
        moderation_state=consultation.initial_moderation_state(),
    )
    # The unique index decides when two admins publish at the same moment.
    insert_unique(
        statement,
        DomainError(
            _("Your organisation has just published a statement here. Please reload."),
            status_code=409,
        ),
    )
    events.contribution_written(statement, user.id)
    return statement


def edit_statement(
    user, statement: Statement, title: str, body: str, language: str, seen_revision_count: int
) -> Statement:
    require(user, "statement.edit", statement)
    if seen_revision_count != len(statement.revisions):
        raise DomainError(
            _(
                "This statement was changed after you opened the form. Please copy your text, "
                "reload the page and apply your change again."
            ),
            status_code=409,
        )
    title, body = title.strip(), body.strip()
    if (title, body, language) == (statement.title, statement.body, statement.language):
        return statement
    statement.revisions.append(
        StatementRevision(
            title=statement.title,
            body=statement.body,
            language=statement.language,
            written_by_id=statement.edited_by_id or statement.author_id,
        )
    )
    statement.title, statement.body, statement.language = title, body, language
    statement.edited_at = utcnow_naive()
    statement.edited_by_id = user.id
    db.session.flush()
    return statement
