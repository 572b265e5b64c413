"""Changes to regions and the catalogue of fields of action."""

import re
import unicodedata

from app.core.errors import DomainError
from app.core.i18n import _
from app.core.permissions import require
from app.extensions import db
from app.regions.models import FieldOfAction, Region, RegionKind


def slugify(text: str) -> str:
    """ASCII slug for URLs: 'Landkreis Hochtaunus' -> 'landkreis-hochtaunus'."""
    text = text.replace("ß", "ss").replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    text = text.replace("Ä", "Ae").replace("Ö", "Oe").replace("Ü", "Ue")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60]


# Path segments under /regions/ that belong to routes, so no region may take them as its slug.
RESERVED_SLUGS = frozenset({"new", "fields-of-action"})


def unique_slug(text: str, model, reserved: frozenset[str] = frozenset()) -> str:
    """A slug for `text` that no row of `model` and no route uses yet: base, base-2, base-3 ..."""
    base = slugify(text)
    if not base:
        raise DomainError(_("The German name must contain letters or digits."), field="name_de")
    taken = set(db.session.scalars(db.select(model.slug).where(model.slug.like(f"{base}%"))))
    taken |= reserved
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def _german_name_taken(model, german_name: str, exclude_id: int | None = None) -> bool:
    """Is another row of `model` called the same in German (ignoring case and spacing)?"""
    wanted = " ".join(german_name.split()).casefold()
    rows = db.session.execute(db.select(model.id, model.name)).all()
    return any(
        " ".join((name or {}).get("de", "").split()).casefold() == wanted
        for row_id, name in rows
        if row_id != exclude_id
    )


def _clean_texts(texts: dict[str, str]) -> dict[str, str]:
    return {lang: value.strip() for lang, value in texts.items() if value and value.strip()}


def update_region_texts(user, region: Region, names: dict, descriptions: dict) -> None:
    require(user, "region.edit", region)
    names = _clean_texts(names)
    if "de" not in names:
        raise DomainError(_("The German name is required."), field="name_de")
    if _german_name_taken(Region, names["de"], exclude_id=region.id):
        raise DomainError(_("A region with this name already exists."), field="name_de")
    region.name = names
    region.description = _clean_texts(descriptions)
    db.session.flush()


def set_region_fields(user, region: Region, field_ids: list[int]) -> None:
    require(user, "region.choose_fields", region)
    chosen = list(
        db.session.scalars(db.select(FieldOfAction).where(FieldOfAction.id.in_(field_ids)))
    )
    if len(chosen) != len(set(field_ids)):
        raise DomainError(_("Please choose only fields of action from the list."))
    region.fields_of_action = chosen
    db.session.flush()


def create_kompetenzkreis_region(user, names: dict, descriptions: dict) -> Region:
    require(user, "region.create")
    names = _clean_texts(names)
    if "de" not in names:
        raise DomainError(_("The German name is required."), field="name_de")
    if _german_name_taken(Region, names["de"]):
        raise DomainError(_("A region with this name already exists."), field="name_de")
    last = db.session.scalar(db.select(db.func.max(Region.position))) or 0
    region = Region(
        slug=unique_slug(names["de"], Region, RESERVED_SLUGS),
        kind=RegionKind.KOMPETENZKREIS,
        name=names,
        description=_clean_texts(descriptions),
        position=last + 1,
    )
    db.session.add(region)
    db.session.flush()
    return region


def save_field_of_action(
    user, field: FieldOfAction | None, names: dict, descriptions: dict, position: int, active: bool
) -> FieldOfAction:
    require(user, "field_of_action.manage")
    names = _clean_texts(names)
    if "de" not in names:
        raise DomainError(_("The German name is required."), field="name_de")
    if _german_name_taken(FieldOfAction, names["de"], exclude_id=field.id if field else None):
        raise DomainError(_("A field of action with this name already exists."), field="name_de")
    if field is None:
        field = FieldOfAction(slug=unique_slug(names["de"], FieldOfAction))
        db.session.add(field)
    field.name = names
    field.description = _clean_texts(descriptions)
    field.position = position
    field.is_active = active
    db.session.flush()
    return field
