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


def _clean_texts(texts: dict[str, str]) -> dict[str, str]:
    return {lang: value.strip() for lang, value in texts.items() if value and value.strip()}


def update_region_texts(user, region: Region, names: dict, descriptions: dict) -> None:
    require(user, "region.edit", region)
    names = _clean_texts(names)
    if "de" not in names:
        raise DomainError(_("The German name is required."), field="name_de")
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
    slug = slugify(names["de"])
    if not slug:
        raise DomainError(_("The German name must contain letters or digits."), field="name_de")
    if db.session.scalar(db.select(Region.id).where(Region.slug == slug)):
        raise DomainError(_("A region with this name already exists."), field="name_de")
    last = db.session.scalar(db.select(db.func.max(Region.position))) or 0
    region = Region(
        slug=slug,
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
    if field is None:
        slug = slugify(names["de"])
        if not slug:
            raise DomainError(_("The German name must contain letters or digits."), field="name_de")
        if db.session.scalar(db.select(FieldOfAction.id).where(FieldOfAction.slug == slug)):
            raise DomainError(
                _("A field of action with this name already exists."), field="name_de"
            )
        field = FieldOfAction(slug=slug)
        db.session.add(field)
    field.name = names
    field.description = _clean_texts(descriptions)
    field.position = position
    field.is_active = active
    db.session.flush()
    return field
