"""Verified organisations: exactly those the public directory lists, with the directory's filters.

Organisations waiting for verification, declined or suspended ones have no public profile, so the
API does not know them either. The contact address and the members stay on the site.
"""

from typing import Literal

from flask import url_for
from pydantic import Field
from sqlalchemy import select

from app.api.listing import ListQuery, Page, first_or_404, page_of
from app.api.models import Schema, TranslatedText, UtcDateTime, texts
from app.api.pagination import Order, fetch_page
from app.api.spec import endpoint
from app.extensions import db
from app.organisations.models import Organisation, OrganisationKind, OrganisationStatus
from app.organisations.queries import QUERY_MAX_LENGTH, DirectoryFilters
from app.regions.models import FieldOfAction, Region

TAG = "Organisations"
Kind = Literal[OrganisationKind.ALL]

# By id: a stable key that new organisations never disturb (the directory sorts by name).
BY_ID = Order("id", (Organisation.id,), descending=False)


class OrganisationQuery(ListQuery):
    region: str | None = Field(default=None, max_length=60, description="A region's slug.")
    field: str | None = Field(default=None, max_length=60, description="A field of action's slug.")
    kind: Kind | None = Field(default=None, description="The kind of organisation.")
    q: str | None = Field(
        default=None,
        max_length=QUERY_MAX_LENGTH,
        description="A part of the name (case does not matter).",
    )


class OrganisationOut(Schema):
    id: int
    name: str
    kind: Kind
    description: TranslatedText
    website: str | None = Field(description="Its website, if it gave one.")
    regions: list[str] = Field(description="Slugs of the regions it works in.")
    fields_of_action: list[str] = Field(description="Slugs of its fields of action.")
    verified_at: UtcDateTime | None = Field(description="When it was verified.")
    url: str = Field(description="The organisation's profile page on the site.")
    statements: str = Field(description="The API address of its published statements.")

    @classmethod
    def of(cls, organisation: Organisation) -> "OrganisationOut":
        return cls(
            id=organisation.id,
            name=organisation.name,
            kind=organisation.kind,
            description=texts(organisation.description),
            website=organisation.website or None,
            regions=[region.slug for region in organisation.regions],
            fields_of_action=[field.slug for field in organisation.fields_of_action],
            verified_at=organisation.verified_at,
            url=url_for("organisations.profile", organisation_id=organisation.id, _external=True),
            statements=url_for("api.statements", organisation=organisation.id, _external=True),
        )


class OrganisationPage(Page[OrganisationOut]):
    pass


def public_organisations():
    """The organisations of the public directory: the verified ones."""
    return select(Organisation).where(Organisation.status == OrganisationStatus.VERIFIED)


def _name_part(text: str) -> str:
    """The search words as the directory reads them (control characters count as spaces)."""
    return DirectoryFilters.from_args({"q": text}, (), ()).query


def _filtered(query, filters: OrganisationQuery):
    # The directory's conditions (app/organisations/queries.py, directory_page).
    if filters.region:
        query = query.where(Organisation.regions.any(Region.slug == filters.region))
    if filters.kind:
        query = query.where(Organisation.kind == filters.kind)
    if filters.field:
        query = query.where(Organisation.fields_of_action.any(FieldOfAction.slug == filters.field))
    words = _name_part(filters.q or "")
    if words:
        query = query.where(Organisation.search_key.contains(words.casefold(), autoescape=True))
    return query


@endpoint(
    "/organisations",
    tag=TAG,
    summary="Verified organisations",
    description="The organisations of the public directory, by id; filtered by region, field of "
    "action, kind and a part of the name.",
    query=OrganisationQuery,
    response=OrganisationPage,
    paginated=True,
)
def organisations(query: OrganisationQuery):
    window = fetch_page(
        db.session,
        _filtered(public_organisations(), query),
        BY_ID,
        query.limit,
        query.cursor,
        lambda organisation: (organisation.id,),
    )
    items = [OrganisationOut.of(organisation) for organisation in window.items]
    return page_of(OrganisationPage, items, window, query.limit)


@endpoint(
    "/organisations/<int:organisation_id>",
    tag=TAG,
    summary="One verified organisation",
    response=OrganisationOut,
)
def organisation(organisation_id: int):
    found = first_or_404(public_organisations().where(Organisation.id == organisation_id))
    return OrganisationOut.of(found)
