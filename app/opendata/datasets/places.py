"""Regions and fields of action: the short catalogues everything else refers to by slug."""

from collections.abc import Iterator
from datetime import datetime

from sqlalchemy import func, select

from app.core.i18n import _l
from app.extensions import db
from app.opendata.datasets.base import (
    Column,
    ColumnType,
    Dataset,
    register,
    translated_columns,
    translated_values,
)
from app.regions.models import FieldOfAction, Region
from app.regions.queries import fields_of_action, regions_in_order

# --- Regions ----------------------------------------------------------------------------------


def _region_rows() -> Iterator[dict]:
    for region in regions_in_order():
        yield {
            "slug": region.slug,
            "kind": region.kind,
            **translated_values("name", region.name),
            **translated_values("description", region.description),
            "field_of_action_slugs": [
                field.slug
                for field in sorted(region.fields_of_action, key=lambda f: (f.position, f.slug))
                if field.is_active
            ],
            "updated_at": region.updated_at,
        }


def _regions_changed() -> datetime | None:
    return db.session.scalar(select(func.max(Region.updated_at)))


register(
    Dataset(
        name="regions",
        title=_l("Regions"),
        description=_l(
            "The six model regions and the members of the Kompetenzkreis Integration vor Ort, "
            "with their names and descriptions in every language they exist in and the fields "
            "of action they work on. The other datasets name a region by its short name (slug)."
        ),
        columns=(
            Column("slug", ColumnType.TEXT, _l("Short name of the region; stays the same.")),
            Column(
                "kind",
                ColumnType.TEXT,
                _l("model_region or kompetenzkreis (a member of the Kompetenzkreis)."),
            ),
            *translated_columns("name", _l("Name of the region")),
            *translated_columns("description", _l("Description of the region (Markdown)")),
            Column(
                "field_of_action_slugs",
                ColumnType.TEXT,
                _l("Fields of action the region works on (their short names)."),
                is_list=True,
            ),
            Column("updated_at", ColumnType.DATETIME, _l("Last change of the entry.")),
        ),
        rows=_region_rows,
        last_changed=_regions_changed,
    )
)


# --- Fields of action -------------------------------------------------------------------------


def _field_rows() -> Iterator[dict]:
    for field in fields_of_action():
        yield {
            "slug": field.slug,
            "position": field.position,
            **translated_values("name", field.name),
            **translated_values("description", field.description),
            "updated_at": field.updated_at,
        }


def _fields_changed() -> datetime | None:
    return db.session.scalar(
        select(func.max(FieldOfAction.updated_at)).where(FieldOfAction.is_active.is_(True))
    )


register(
    Dataset(
        name="fields_of_action",
        title=_l("Fields of action"),
        description=_l(
            "The fields of action (Handlungsfelder) that all regions share, in their order, "
            "with names and descriptions in every language they exist in."
        ),
        columns=(
            Column(
                "slug", ColumnType.TEXT, _l("Short name of the field of action; stays the same.")
            ),
            Column("position", ColumnType.INTEGER, _l("Place in the order of the catalogue.")),
            *translated_columns("name", _l("Name of the field of action")),
            *translated_columns("description", _l("Description of the field of action")),
            Column("updated_at", ColumnType.DATETIME, _l("Last change of the entry.")),
        ),
        rows=_field_rows,
        last_changed=_fields_changed,
    )
)
