"""Changes to consultations: create, update (texts, fields of action, schedule, settings),
publish and archive; plus the read side of the consultation list.

Times: coordinators type phase dates as wall-clock time in Germany (Europe/Berlin); the
database stores naive UTC. `berlin_to_utc` and `utc_to_berlin` are the only conversions.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import NamedTuple
from zoneinfo import ZoneInfo

from sqlalchemy import and_, exists, false, or_, true

from app.consultations.models import (
    Consultation,
    ConsultationState,
    Eligibility,
    ModerationMode,
    Phase,
    VotingMode,
    consultation_fields_of_action,
)
from app.core.clock import utcnow_naive
from app.core.errors import DomainError
from app.core.i18n import _
from app.core.permissions import can, is_administrator, require
from app.core.phases import PHASE_ORDER, active_phase, validate_schedule
from app.extensions import db
from app.regions.models import FieldOfAction, Region

BERLIN = ZoneInfo("Europe/Berlin")
PAGE_SIZE = 20
# Upper bounds keep the numbers inside a 32-bit integer column and within reason.
MAX_VOTE_BUDGET = 1000
MAX_ANSWER_THRESHOLD = 100_000

# --- time zones -------------------------------------------------------------------------------


def berlin_to_utc(value: datetime) -> datetime:
    """Naive wall-clock time in Germany (or any aware time) -> naive UTC, as stored.

    A time that does not exist (the hour skipped in spring) counts with the winter offset; a
    time that occurs twice (the hour repeated in autumn) is its first occurrence.
    """
    aware = value.replace(tzinfo=BERLIN) if value.tzinfo is None else value
    return aware.astimezone(UTC).replace(tzinfo=None)


def utc_to_berlin(value: datetime) -> datetime:
    """Stored naive UTC -> naive wall-clock time in Germany, as a `datetime-local` input shows."""
    return value.replace(tzinfo=UTC).astimezone(BERLIN).replace(tzinfo=None)


def schedule_in_berlin(consultation: Consultation) -> dict[str, tuple[datetime, datetime]]:
    """The stored phases as {kind: (start, end)} in German wall-clock time (to fill the form)."""
    return {
        phase.kind: (utc_to_berlin(phase.starts_at), utc_to_berlin(phase.ends_at))
        for phase in consultation.phases
    }


def schedule_problems(schedule: dict[str, tuple[datetime, datetime]]) -> list[tuple[str, str]]:
    """Problems of a schedule typed in German time, as (form field name, message) pairs.

    The rules are core/phases.validate_schedule's (checked in UTC, so a phase across the change
    to or from summer time is measured correctly); this only says which input each belongs to.
    """
    in_utc = {
        kind: (berlin_to_utc(start), berlin_to_utc(end)) for kind, (start, end) in schedule.items()
    }
    return [(f"{kind}_{which}", message) for kind, which, message in validate_schedule(in_utc)]


# --- writing ----------------------------------------------------------------------------------


@dataclass
class ConsultationData:
    """What a coordinator sets on a consultation. Phases are in German wall-clock time."""

    title: dict[str, str]
    summary: dict[str, str]
    description: dict[str, str]
    phases: dict[str, tuple[datetime, datetime]]
    field_of_action_ids: list[int] = field(default_factory=list)
    moderation_mode: str = ModerationMode.POST
    voting_mode: str = VotingMode.SUPPORT
    vote_budget: int = 0
    answer_threshold: int = 0
    eligibility: str = Eligibility.REGISTERED


def _clean_texts(texts: dict[str, str]) -> dict[str, str]:
    return {lang: value.strip() for lang, value in texts.items() if value and value.strip()}


def allowed_fields_of_action(region: Region, consultation: Consultation | None = None):
    """Fields a consultation may name: the active ones its region works on, plus those it
    already names (so a field the region dropped later is not lost silently on the next save).
    """
    allowed = [item for item in region.fields_of_action if item.is_active]
    if consultation is not None:
        allowed += [item for item in consultation.fields_of_action if item not in allowed]
    return sorted(allowed, key=lambda item: (item.position, item.slug))


def _check_and_apply(consultation: Consultation, region: Region, data: ConsultationData) -> None:
    """Check every rule of `data`, then write it onto `consultation` (new or existing)."""
    titles = _clean_texts(data.title)
    summaries = _clean_texts(data.summary)
    descriptions = _clean_texts(data.description)
    for name, texts in (("title", titles), ("summary", summaries), ("description", descriptions)):
        if "de" not in texts:
            raise DomainError(_("The German text is required."), field=f"{name}_de")

    for value, known, name in (
        (data.moderation_mode, ModerationMode.ALL, "moderation_mode"),
        (data.voting_mode, VotingMode.ALL, "voting_mode"),
        (data.eligibility, Eligibility.ALL, "eligibility"),
    ):
        if value not in known:
            raise DomainError(_("Please choose one of the options."), field=name)
    for value, highest, name in (
        (data.vote_budget, MAX_VOTE_BUDGET, "vote_budget"),
        (data.answer_threshold, MAX_ANSWER_THRESHOLD, "answer_threshold"),
    ):
        if not isinstance(value, int) or not 0 <= value <= highest:
            raise DomainError(
                _("Please enter a whole number from %(min)s to %(max)s.", min=0, max=highest),
                field=name,
            )

    allowed = {
        item.id: item
        for item in allowed_fields_of_action(region, consultation if consultation.id else None)
    }
    wanted = set(data.field_of_action_ids)
    if not wanted <= set(allowed):
        raise DomainError(
            _("Please choose only fields of action from the list."), field="fields_of_action"
        )

    problems = schedule_problems(data.phases)
    if problems:
        field_name, message = problems[0]
        raise DomainError(message, field=field_name)

    consultation.title = titles
    consultation.summary = summaries
    consultation.description = descriptions
    consultation.fields_of_action = [allowed[item_id] for item_id in sorted(wanted)]
    # Settings apply from now on: switching the moderation mode changes nothing that was
    # already posted (no contribution is touched here).
    consultation.moderation_mode = data.moderation_mode
    consultation.voting_mode = data.voting_mode
    consultation.vote_budget = data.vote_budget
    consultation.answer_threshold = data.answer_threshold
    consultation.eligibility = data.eligibility
    _replace_phases(consultation, data.phases)


def _replace_phases(consultation: Consultation, schedule: dict[str, tuple[datetime, datetime]]):
    """Make the Phase rows match `schedule` (German time): update kinds that stay in place,
    delete the kinds that were left out, insert the new ones.

    Never delete and re-insert the same kind: the unit of work inserts before it deletes, which
    would break the unique (consultation, kind) constraint.
    """
    in_utc = {
        kind: (berlin_to_utc(start), berlin_to_utc(end)) for kind, (start, end) in schedule.items()
    }
    existing = {phase.kind: phase for phase in consultation.phases}
    for kind, phase in existing.items():
        if kind not in in_utc:
            consultation.phases.remove(phase)  # delete-orphan removes the row
    for kind in PHASE_ORDER:
        if kind not in in_utc:
            continue
        starts_at, ends_at = in_utc[kind]
        phase = existing.get(kind)
        if phase is None:
            consultation.phases.append(Phase(kind=kind, starts_at=starts_at, ends_at=ends_at))
        else:
            phase.starts_at, phase.ends_at = starts_at, ends_at


def create_consultation(user, region: Region, data: ConsultationData) -> Consultation:
    """A new consultation in `region`, as a draft (published separately)."""
    require(user, "consultation.create", region)
    consultation = Consultation(
        region=region, state=ConsultationState.DRAFT, created_by_id=user.id, phases=[]
    )
    _check_and_apply(consultation, region, data)
    db.session.add(consultation)
    db.session.flush()
    db.session.expire(consultation, ["phases"])  # reload in start order
    return consultation


def version_of(consultation: Consultation) -> str:
    """A token that changes with every saved change, to notice edits made in the meantime."""
    return consultation.updated_at.isoformat() if consultation.updated_at else ""


def update_consultation(
    user, consultation: Consultation, data: ConsultationData, expected_version: str | None = None
) -> Consultation:
    """Change texts, fields of action, phases and settings of a draft or published one.

    `expected_version` (from `version_of` when the form was opened) refuses to overwrite a
    change somebody else saved in the meantime.
    """
    require(user, "consultation.manage", consultation)
    if consultation.is_archived:
        raise DomainError(_("An archived consultation can no longer be changed."))
    if expected_version is not None and expected_version != version_of(consultation):
        raise DomainError(
            _(
                "Someone else saved changes to this consultation while you were editing. "
                "Please check your entries and save again to replace their changes."
            )
        )
    _check_and_apply(consultation, consultation.region, data)
    consultation.updated_at = utcnow_naive()  # also when only phases or fields changed
    db.session.flush()
    db.session.expire(consultation, ["phases"])
    return consultation


def publish_consultation(user, consultation: Consultation) -> Consultation:
    require(user, "consultation.manage", consultation)
    consultation.publish(utcnow_naive())
    db.session.flush()
    return consultation


def archive_consultation(user, consultation: Consultation) -> Consultation:
    require(user, "consultation.manage", consultation)
    consultation.archive(utcnow_naive())
    db.session.flush()
    return consultation


# --- reading: regions to create in, and the consultation list ----------------------------------


def regions_where_user_may_create(user) -> list[Region]:
    from app.regions.queries import regions_in_order

    return [region for region in regions_in_order() if can(user, "consultation.create", region)]


UPCOMING = "upcoming"
ENDED = "ended"
PHASE_FILTERS = (*PHASE_ORDER, UPCOMING, ENDED)


class ListFilters(NamedTuple):
    """Filters taken from the query string, each one checked against an allow-list."""

    region: Region | None = None
    field_of_action: FieldOfAction | None = None
    phase: str | None = None

    def as_args(self) -> dict[str, str]:
        """The applied filters as query arguments (for pagination links)."""
        args = {
            "region": self.region.slug if self.region else None,
            "field": self.field_of_action.slug if self.field_of_action else None,
            "phase": self.phase,
        }
        return {key: value for key, value in args.items() if value}


def list_filters(args, regions: list[Region], fields: list[FieldOfAction]) -> ListFilters:
    """Read `region`, `field` and `phase` from `args`; unknown values are ignored."""
    regions_by_slug = {region.slug: region for region in regions}
    fields_by_slug = {item.slug: item for item in fields}
    phase = args.get("phase")
    return ListFilters(
        region=regions_by_slug.get(args.get("region", "")),
        field_of_action=fields_by_slug.get(args.get("field", "")),
        phase=phase if phase in PHASE_FILTERS else None,
    )


def _visible_to(user):
    """SQL condition for "consultation.view": public ones, plus drafts for who may manage them.

    Mirrors `can_manage_consultation` (administrators everywhere, coordinators in their
    regions); `test_the_list_agrees_with_the_permission_rule` keeps the two in step.
    """
    public = Consultation.state.in_((ConsultationState.PUBLISHED, ConsultationState.ARCHIVED))
    if is_administrator(user):
        return true()
    region_ids = user.region_ids_with("coordinator") if user.is_authenticated else set()
    if region_ids:
        return or_(public, Consultation.region_id.in_(sorted(region_ids)))
    return public


def _phase_condition(phase: str, at: datetime):
    def any_phase(*conditions):
        return exists().where(Phase.consultation_id == Consultation.id, *conditions)

    not_archived = Consultation.state != ConsultationState.ARCHIVED
    if phase in PHASE_ORDER:
        return and_(
            not_archived, any_phase(Phase.kind == phase, Phase.starts_at <= at, Phase.ends_at > at)
        )
    if phase == UPCOMING:
        return and_(not_archived, any_phase(), ~any_phase(Phase.starts_at <= at))
    if phase == ENDED:
        return or_(
            Consultation.state == ConsultationState.ARCHIVED,
            and_(any_phase(), ~any_phase(Phase.ends_at > at)),
        )
    return false()


def consultations_page(user, filters: ListFilters, page: int = 1, at: datetime | None = None):
    """One page of the consultations `user` may see, filtered; running ones before archived."""
    at = at or utcnow_naive()
    query = db.select(Consultation).where(_visible_to(user))
    if filters.region is not None:
        query = query.where(Consultation.region_id == filters.region.id)
    if filters.field_of_action is not None:
        query = query.where(
            exists().where(
                consultation_fields_of_action.c.consultation_id == Consultation.id,
                consultation_fields_of_action.c.field_of_action_id == filters.field_of_action.id,
            )
        )
    if filters.phase is not None:
        query = query.where(_phase_condition(filters.phase, at))
    query = query.order_by(
        Consultation.state == ConsultationState.ARCHIVED,
        Consultation.created_at.desc(),
        Consultation.id.desc(),
    )
    return db.paginate(
        query, page=max(page, 1), per_page=PAGE_SIZE, max_per_page=PAGE_SIZE, error_out=False
    )


class PhaseStatus(NamedTuple):
    """Where a consultation stands: "current", "next" or "ended", with the phase meant."""

    kind: str
    phase: Phase | None


def phase_status(consultation: Consultation, at: datetime | None = None) -> PhaseStatus | None:
    """The running phase; else the next one; else the last one when all are over."""
    at = at or utcnow_naive()
    current = active_phase(consultation, at)
    if current is not None:
        return PhaseStatus("current", current)
    upcoming = [phase for phase in consultation.phases if phase.starts_at > at]
    if upcoming:
        return PhaseStatus("next", min(upcoming, key=lambda phase: phase.starts_at))
    if consultation.phases:
        return PhaseStatus("ended", max(consultation.phases, key=lambda phase: phase.ends_at))
    return None
