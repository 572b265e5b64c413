"""Builders for organisations, statements, on-site events and translations.

    org = organisation(region, admins=[alice], members=[bob])          # verified
    org = organisation(region, status="requested", admins=[alice])
    s = statement(consultation, org, alice, title="Unsere Stellungnahme")
    event = on_site_event(consultation, coordinator, name="Bürgerforum")
    t = translation(proposal, alice, language="tr", body="...")

Every builder adds, flushes and returns; the test commits (or the client does).
"""

from datetime import date

from app.core.clock import utcnow_naive
from app.core.models import ModerationState
from app.extensions import db
from app.multilingual.models import ContributionTranslation
from app.onsite.models import EventFormat, OnSiteEvent
from app.organisations.models import (
    MemberRole,
    Membership,
    Organisation,
    OrganisationKind,
    OrganisationStatus,
    Statement,
)


def organisation(
    *regions,
    name: str = "Kulturverein Brücke e. V.",
    kind: str = OrganisationKind.MIGRANT_ORGANISATION,
    status: str = OrganisationStatus.VERIFIED,
    admins=(),
    members=(),
    fields=(),
    description: dict | None = None,
) -> Organisation:
    org = Organisation(
        name=name,
        kind=kind,
        status=status,
        description=description if description is not None else {"de": "Ein Verein."},
        verified_at=utcnow_naive() if status == OrganisationStatus.VERIFIED else None,
    )
    org.regions = list(regions)
    org.fields_of_action = list(fields)
    org.refresh_search_key()
    for user in admins:
        org.memberships.append(Membership(user=user, role=MemberRole.ADMIN))
    for user in members:
        org.memberships.append(Membership(user=user, role=MemberRole.MEMBER))
    db.session.add(org)
    db.session.flush()
    return org


def statement(
    consultation,
    org: Organisation,
    author,
    title: str = "Stellungnahme des Vereins",
    body: str = "Wir unterstützen die Ziele und schlagen mehr Beratung in Muttersprachen vor.",
    language: str = "de",
    state: str = ModerationState.PUBLISHED,
) -> Statement:
    item = Statement(
        consultation=consultation,
        author_id=author.id,
        organisation=org,
        title=title,
        body=body,
        language=language,
        moderation_state=state,
    )
    db.session.add(item)
    db.session.flush()
    return item


def on_site_event(
    consultation,
    recorder,
    name: str = "Bürgerforum Nordstadt",
    place: str = "Stadtteilzentrum",
    held_on: date | None = None,
    format: str = EventFormat.MEETING,
) -> OnSiteEvent:
    event = OnSiteEvent(
        consultation=consultation,
        name=name,
        place=place,
        held_on=held_on or utcnow_naive().date(),
        format=format,
        recorded_by_id=recorder.id,
    )
    db.session.add(event)
    db.session.flush()
    return event


def translation(
    original,
    translator,
    language: str = "tr",
    body: str = "Çeviri metni burada.",
    title: str | None = None,
    state: str = ModerationState.PUBLISHED,
) -> ContributionTranslation:
    item = ContributionTranslation(
        translation_of_id=original.id,
        consultation_id=original.consultation_id,
        author_id=translator.id,
        language=language,
        title=title
        if title is not None
        else ("Çeviri başlığı" if original.kind != "comment" else None),
        body=body,
        moderation_state=state,
    )
    db.session.add(item)
    db.session.flush()
    return item
