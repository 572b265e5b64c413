"""Regions and fields of action: short catalogues, given whole."""

from flask import abort, url_for
from pydantic import Field

from app.api.models import Collection, Schema, TranslatedText, texts
from app.api.spec import endpoint
from app.regions.queries import (
    field_of_action_by_slug_or_404,
    fields_of_action,
    region_by_slug_or_404,
    regions_in_order,
)

TAG = "Regions and fields of action"


class FieldOfActionOut(Schema):
    slug: str
    name: TranslatedText
    description: TranslatedText
    url: str = Field(description="The field of action's page on the site.")

    @classmethod
    def of(cls, field) -> "FieldOfActionOut":
        return cls(
            slug=field.slug,
            name=texts(field.name),
            description=texts(field.description),
            url=url_for("regions.fields_index", _external=True, _anchor=field.slug),
        )


class RegionOut(Schema):
    slug: str
    kind: str = Field(
        description="`model_region` (one of the six model regions) or `kompetenzkreis` (a "
        "member of the Kompetenzkreis Integration vor Ort)."
    )
    name: TranslatedText
    description: TranslatedText
    fields_of_action: list[str] = Field(description="Slugs of the fields it works on.")
    url: str = Field(description="The region's page on the site.")
    consultations: str = Field(description="The API address of its consultations.")

    @classmethod
    def of(cls, region) -> "RegionOut":
        return cls(
            slug=region.slug,
            kind=region.kind,
            name=texts(region.name),
            description=texts(region.description),
            fields_of_action=[
                field.slug
                for field in sorted(region.fields_of_action, key=lambda f: (f.position, f.slug))
                if field.is_active
            ],
            url=url_for("regions.detail", slug=region.slug, _external=True),
            consultations=url_for("api.consultations", region=region.slug, _external=True),
        )


class RegionList(Collection):
    data: list[RegionOut]


class FieldOfActionList(Collection):
    data: list[FieldOfActionOut]


@endpoint("/regions", tag=TAG, summary="All regions", response=RegionList)
def regions():
    return RegionList(data=[RegionOut.of(region) for region in regions_in_order()])


@endpoint("/regions/<slug>", tag=TAG, summary="One region", response=RegionOut)
def region(slug: str):
    return RegionOut.of(region_by_slug_or_404(slug))


@endpoint("/fields-of-action", tag=TAG, summary="The fields of action", response=FieldOfActionList)
def fields():
    return FieldOfActionList(data=[FieldOfActionOut.of(field) for field in fields_of_action()])


@endpoint(
    "/fields-of-action/<slug>", tag=TAG, summary="One field of action", response=FieldOfActionOut
)
def field(slug: str):
    found = field_of_action_by_slug_or_404(slug)
    if not found.is_active:
        abort(404)  # retired fields are not listed on the pages either
    return FieldOfActionOut.of(found)
