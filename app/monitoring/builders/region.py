"""Charts of one region: by consultation, by field of action, and the languages written in."""

from app.core.i18n import _
from app.monitoring.builders.common import field_note, series_of
from app.monitoring.charts import Chart, ChartKind, ValueUnit
from app.monitoring.dashboard import (
    BOTH,
    REGION,
    all_fields_of_action,
    contribution_languages,
    language_label,
    participation,
    public_consultations,
    region_label,
    register,
)
from app.monitoring.filters import Filters
from app.monitoring.participation import ParticipationFigures
from app.monitoring.suppression import Cell
from app.regions.models import Region


@register("region-consultations", REGION)
def region_consultations_chart(filters: Filters, region: Region | None = None) -> Chart:
    consultations = public_consultations(region)
    groups = participation(filters, ("consultation",), region)

    def values(attribute):
        return (
            Cell(getattr(groups.get((cid,), ParticipationFigures()), attribute))
            for cid, _title in consultations
        )

    return Chart(
        id="region-consultations",
        title=_("Participation by consultation"),
        description=_(
            "Published contributions and votes in the period for each published or archived "
            "consultation of the region."
        ),
        kind=ChartKind.BARS,
        unit=ValueUnit.COUNT,
        categories=tuple((str(cid), str(title)) for cid, title in consultations),
        category_name=_("Consultation"),
        series=(
            series_of("proposals", _("Proposals"), values("proposals")),
            series_of("comments", _("Comments"), values("comments")),
            series_of("statements", _("Statements"), values("statements")),
            series_of("votes", _("Votes"), values("votes")),
        ),
        notes=field_note(filters),
    )


@register("region-fields", REGION)
def region_fields_chart(filters: Filters, region: Region | None = None) -> Chart:
    groups = participation(filters, ("field",), region)
    # The fields the region works on, and any other field something was written about.
    chosen = {field.id for field in region.fields_of_action}
    fields = [
        field
        for field in all_fields_of_action()
        if filters.field_of_action_id in (None, field.id)
        and (field.id in chosen or (field.id,) in groups)
    ]
    categories = [(field.slug, str(field.title()), field.id) for field in fields]
    if (None,) in groups and filters.field_of_action_id is None:
        categories.append(("none", _("No field of action"), None))

    def values(attribute):
        return (
            Cell(getattr(groups.get((fid,), ParticipationFigures()), attribute))
            for _key, _label, fid in categories
        )

    return Chart(
        id="region-fields",
        title=_("Participation by field of action"),
        description=_(
            "Published proposals and comments, and votes, by the field of action of the proposal."
        ),
        kind=ChartKind.BARS,
        unit=ValueUnit.COUNT,
        categories=tuple((key, label) for key, label, _fid in categories),
        category_name=_("Field of action"),
        series=(
            series_of("proposals", _("Proposals"), values("proposals")),
            series_of("comments", _("Comments"), values("comments")),
            series_of("votes", _("Votes"), values("votes")),
        ),
        notes=(
            _(
                "Statements and comments on action concepts have no field of action; they "
                "appear under “No field of action”."
            ),
        ),
    )


@register("contribution-languages", BOTH)
def contribution_languages_chart(filters: Filters, region: Region | None = None) -> Chart:
    counts = contribution_languages(filters, region)
    totals: dict[str, int] = {}
    for (region_id, language), count in counts.items():
        if region is None or region_id == region.id:
            totals[language] = totals.get(language, 0) + count
    languages = sorted(totals, key=lambda code: (-totals[code], code))
    return Chart(
        id="contribution-languages",
        title=_("Languages of the contributions"),
        description=_(
            "Published contributions in the period by the language they were written in "
            "(translations not counted)."
        ),
        kind=ChartKind.BARS,
        unit=ValueUnit.COUNT,
        categories=tuple((code, language_label(code)) for code in languages),
        category_name=_("Language"),
        series=(
            series_of(
                "contributions",
                _("all regions") if region is None else region_label(region),
                (Cell(totals[code]) for code in languages),
            ),
        ),
        notes=field_note(filters),
    )
