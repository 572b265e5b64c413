"""Building blocks of the API's response models, shared by the endpoints.

The models are the contract: a response is built through them (`model_dump(mode="json")`) and
the OpenAPI document takes its schemas from them, so the two cannot drift apart.
"""

from datetime import date, datetime
from typing import Annotated

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, PlainSerializer


def _utc(value: datetime) -> str:
    # Imported here: the open-data package imports the API's document, which imports this.
    from app.opendata.formats import iso_datetime

    return iso_datetime(value)


# Stored times are naive UTC; the API writes them as ISO 8601 with a Z.
UtcDateTime = Annotated[
    datetime,
    PlainSerializer(_utc, return_type=str, when_used="json"),
    Field(json_schema_extra={"format": "date-time"}),
]
Day = date
# An official text in the languages it was written in: {"de": "...", "en": "..."}.
TranslatedText = Annotated[
    dict[str, str],
    Field(
        description="The text by language code (de, en, tr, ar, fa, pl, ru, uk); only the "
        "languages it exists in.",
        examples=[{"de": "Sprache und Bildung", "en": "Language and education"}],
    ),
]

__all__ = ["AwareDatetime", "Day", "Schema", "TranslatedText", "UtcDateTime"]


# Ids above this would overflow the databases' integer columns: they name nothing.
MAX_ID = 2**31 - 1


def texts(translated: dict | None) -> dict[str, str]:
    """An official text's languages that hold text (the forms store empty ones too)."""
    return {code: text for code, text in (translated or {}).items() if text and text.strip()}


class Schema(BaseModel):
    """Base of every response model: built from attributes, no extra keys."""

    model_config = ConfigDict(from_attributes=True, extra="forbid")


class Problem(Schema):
    """An error as RFC 9457 problem details (`application/problem+json`)."""

    title: str = Field(description="What went wrong, in the language of the request.")
    status: int = Field(description="The HTTP status code.")
    detail: str = Field(description="What to do about it.")
    errors: list["ParameterError"] | None = Field(
        default=None, description="Each query parameter that was not accepted, and why."
    )


class ParameterError(Schema):
    parameter: str
    message: str


class Collection(Schema):
    """A short list given whole (regions, fields of action): no pages."""


class Links(Schema):
    self: str = Field(description="This page's address.")
    next: str | None = Field(description="The next page's address, or null on the last page.")


class ListMeta(Schema):
    limit: int = Field(description="The most items a page holds.")


class OrganisationRef(Schema):
    id: int
    name: str
    verified: bool


class OnSiteEventRef(Schema):
    name: str
    place: str
    held_on: Day


class Author(Schema):
    """Who wrote a contribution, as the pages show it: a display name (never an address)."""

    display_name: str | None = Field(
        description="The writer's display name; null when the account was deleted."
    )
    organisation: OrganisationRef | None = Field(
        description="The organisation it was written on behalf of, if any."
    )
    on_site_event: OnSiteEventRef | None = Field(
        description="The on-site event it was collected at (entered by the coordination)."
    )

    @classmethod
    def of(cls, contribution) -> "Author":
        organisation, event = contribution.organisation, contribution.on_site_event
        return cls(
            display_name=contribution.author.display_name if contribution.author else None,
            organisation=OrganisationRef(
                id=organisation.id, name=organisation.name, verified=organisation.is_verified
            )
            if organisation
            else None,
            on_site_event=OnSiteEventRef(name=event.name, place=event.place, held_on=event.held_on)
            if event
            else None,
        )
