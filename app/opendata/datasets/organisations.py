"""The verified organisations, as the public directory lists them: no contact address, no
members, no requests that were not (or are no longer) verified."""

from collections.abc import Iterator
from datetime import datetime

from sqlalchemy import func, select

from app.core.i18n import _l
from app.extensions import db
from app.opendata.datasets.base import (
    Column,
    ColumnType,
    Dataset,
    in_batches,
    register,
    translated_columns,
    translated_values,
)
from app.organisations.models import (
    Organisation,
    OrganisationStatus,
    organisation_fields_of_action,
    organisation_regions,
)
from app.regions.models import FieldOfAction, Region


def _verified():
    return select(Organisation.id.label("id")).where(
        Organisation.status == OrganisationStatus.VERIFIED
    )


def _slugs(link, owner_ids: list[int], catalogue, column: str) -> dict[int, list[str]]:
    """{organisation id: [slugs]} for one batch, in the catalogue's order."""
    found: dict[int, list[str]] = {}
    for owner_id, slug in db.session.execute(
        select(link.c.organisation_id, catalogue.slug)
        .join(catalogue, catalogue.id == link.c[column])
        .where(link.c.organisation_id.in_(owner_ids))
        .order_by(link.c.organisation_id, catalogue.position, catalogue.slug)
    ):
        found.setdefault(owner_id, []).append(slug)
    return found


def _organisation_rows() -> Iterator[dict]:
    statement = _verified().add_columns(
        Organisation.name,
        Organisation.kind,
        Organisation.description,
        Organisation.website,
        Organisation.verified_at,
    )
    for batch in in_batches(statement, Organisation.id):
        ids = [row.id for row in batch]
        regions = _slugs(organisation_regions, ids, Region, "region_id")
        fields = _slugs(organisation_fields_of_action, ids, FieldOfAction, "field_of_action_id")
        for row in batch:
            yield {
                "id": row.id,
                "name": row.name,
                "kind": row.kind,
                "region_slugs": regions.get(row.id, []),
                "field_of_action_slugs": fields.get(row.id, []),
                **translated_values("description", row.description),
                "website": row.website,
                "verified_at": row.verified_at,
            }


def _organisations_changed() -> datetime | None:
    return db.session.scalar(
        select(func.max(Organisation.updated_at)).where(
            Organisation.status == OrganisationStatus.VERIFIED
        )
    )


register(
    Dataset(
        name="organisations",
        title=_l("Organisations"),
        description=_l(
            "The organisations that the coordination of a region has verified (migrant "
            "organisations, associations, welfare organisations and others), as the directory "
            "lists them: name, kind, regions, fields of action, description and website. "
            "Neither contact addresses nor members are published."
        ),
        columns=(
            Column("id", ColumnType.INTEGER, _l("Number of the organisation on Mitreden.")),
            Column("name", ColumnType.TEXT, _l("Name.")),
            Column(
                "kind",
                ColumnType.TEXT,
                _l(
                    "migrant_organisation, association, welfare, religious_community, "
                    "municipal_office or other."
                ),
            ),
            Column(
                "region_slugs",
                ColumnType.TEXT,
                _l("The regions it is active in (short names)."),
                is_list=True,
            ),
            Column(
                "field_of_action_slugs",
                ColumnType.TEXT,
                _l("Its fields of action (short names)."),
                is_list=True,
            ),
            *translated_columns("description", _l("Description in the organisation's words")),
            Column("website", ColumnType.TEXT, _l("Web address; empty when not given.")),
            Column("verified_at", ColumnType.DATETIME, _l("When it was verified.")),
        ),
        rows=_organisation_rows,
        last_changed=_organisations_changed,
    )
)
