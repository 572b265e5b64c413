"""Consultation services: create, update, publish, archive; time zones; the list query."""

from dataclasses import replace
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
from flask_login import AnonymousUserMixin

from app.consultations import services
from app.consultations.models import Consultation, ConsultationState, Phase
from app.consultations.services import ConsultationData
from app.core.errors import DomainError, PermissionDenied
from app.core.models import ModerationState
from app.core.permissions import can
from app.extensions import db
from app.proposals.models import Proposal
from tests.factories import (
    make_consultation,
    make_field_of_action,
    make_region,
    make_user,
    make_user_with_role,
)


@pytest.fixture(autouse=True)
def english(app):
    """Services speak the reader's language, so they run inside a request (here: English)."""
    with app.test_request_context(headers={"Accept-Language": "en"}):
        yield


@pytest.fixture
def world():
    kassel = make_region("kassel", de="Stadt Kassel")
    wetzlar = make_region("wetzlar", de="Stadt Wetzlar")
    language = make_field_of_action("language", de="Sprache und Bildung")
    work = make_field_of_action("work", de="Arbeit und Ausbildung")
    health = make_field_of_action("health", de="Gesundheit")
    kassel.fields_of_action = [language, work]
    wetzlar.fields_of_action = [health]
    users = {
        "participant": make_user_with_role("participant"),
        "moderator_kassel": make_user_with_role("moderator", region=kassel),
        "coordinator_kassel": make_user_with_role("coordinator", region=kassel),
        "coordinator_wetzlar": make_user_with_role("coordinator", region=wetzlar),
        "administrator": make_user_with_role("administrator"),
    }
    db.session.commit()
    return SimpleNamespace(
        kassel=kassel, wetzlar=wetzlar, language=language, work=work, health=health, **users
    )


def data(**changes) -> ConsultationData:
    base = ConsultationData(
        title={"de": "Sprachcafés in Kassel", "en": "Language cafés in Kassel", "tr": "  "},
        summary={"de": "Wo sollen neue Sprachcafés entstehen?"},
        description={"de": "Wir sammeln *Ideen*."},
        phases={
            "information": (datetime(2026, 7, 1, 10, 0), datetime(2026, 7, 8, 10, 0)),
            "proposals": (datetime(2026, 7, 8, 10, 0), datetime(2026, 8, 1, 0, 0)),
        },
    )
    return replace(base, **changes)


def phase_rows(consultation) -> dict[str, tuple[datetime, datetime]]:
    rows = db.session.scalars(db.select(Phase).where(Phase.consultation_id == consultation.id))
    return {phase.kind: (phase.starts_at, phase.ends_at) for phase in rows}


def count_consultations() -> int:
    return db.session.scalar(db.select(db.func.count(Consultation.id)))


# --- time zones -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("berlin", "utc"),
    [
        (datetime(2026, 7, 1, 10, 0), datetime(2026, 7, 1, 8, 0)),  # summer time, UTC+2
        (datetime(2026, 1, 15, 10, 0), datetime(2026, 1, 15, 9, 0)),  # winter time, UTC+1
        (datetime(2026, 12, 31, 23, 30), datetime(2026, 12, 31, 22, 30)),
        (datetime(2027, 1, 1, 0, 30), datetime(2026, 12, 31, 23, 30)),  # date changes too
        (datetime(2026, 3, 29, 3, 0), datetime(2026, 3, 29, 1, 0)),  # just after the change
        (datetime(2026, 3, 29, 1, 59), datetime(2026, 3, 29, 0, 59)),  # just before
    ],
)
def test_berlin_time_is_stored_as_utc_and_shown_back(berlin, utc):
    assert services.berlin_to_utc(berlin) == utc
    assert services.berlin_to_utc(berlin).tzinfo is None
    assert services.utc_to_berlin(utc) == berlin


def test_times_that_do_not_exist_or_occur_twice_are_interpreted_once_and_for_all():
    # 02:30 on 29 March 2026 does not exist in Germany: it counts with the winter offset.
    assert services.berlin_to_utc(datetime(2026, 3, 29, 2, 30)) == datetime(2026, 3, 29, 1, 30)
    # 02:30 on 25 October 2026 occurs twice: the first one (still summer time) is meant.
    assert services.berlin_to_utc(datetime(2026, 10, 25, 2, 30)) == datetime(2026, 10, 25, 0, 30)


def test_aware_times_are_converted_from_their_own_zone():
    aware = datetime(2026, 7, 1, 10, 0, tzinfo=UTC)
    assert services.berlin_to_utc(aware) == datetime(2026, 7, 1, 10, 0)


def test_created_phases_are_stored_in_utc(world):
    consultation = services.create_consultation(
        world.coordinator_kassel,
        world.kassel,
        data(
            phases={
                "information": (datetime(2026, 1, 15, 10, 0), datetime(2026, 7, 1, 10, 0)),
                "voting": (datetime(2026, 10, 24, 12, 0), datetime(2026, 10, 25, 12, 0)),
            }
        ),
    )
    db.session.commit()
    assert phase_rows(consultation) == {
        "information": (datetime(2026, 1, 15, 9, 0), datetime(2026, 7, 1, 8, 0)),
        # across the end of summer time: 25 hours
        "voting": (datetime(2026, 10, 24, 10, 0), datetime(2026, 10, 25, 11, 0)),
    }
    assert services.schedule_in_berlin(consultation) == {
        "information": (datetime(2026, 1, 15, 10, 0), datetime(2026, 7, 1, 10, 0)),
        "voting": (datetime(2026, 10, 24, 12, 0), datetime(2026, 10, 25, 12, 0)),
    }


def test_the_schedule_is_checked_in_utc(world):
    """Local 02:30 -> 02:10 on the night summer time ends is 40 minutes later, not earlier."""
    problems = services.schedule_problems(
        {"information": (datetime(2026, 10, 25, 2, 30), datetime(2026, 10, 25, 3, 10))}
    )
    assert problems == []
    problems = services.schedule_problems(
        {"information": (datetime(2026, 10, 25, 3, 10), datetime(2026, 10, 25, 2, 30))}
    )
    assert problems == [("information_ends_at", "The phase must end after it starts.")]


# --- create ------------------------------------------------------------------------------------


def test_coordinator_creates_a_draft_in_their_region(world, time_machine):
    time_machine.move_to(datetime(2026, 6, 1, 12, 0, tzinfo=UTC), tick=False)
    consultation = services.create_consultation(
        world.coordinator_kassel,
        world.kassel,
        data(
            field_of_action_ids=[world.work.id, world.language.id],
            moderation_mode="pre",
            voting_mode="for_against",
            vote_budget=3,
            answer_threshold=50,
            eligibility="residents",
        ),
    )
    db.session.commit()
    db.session.expire_all()
    stored = db.session.get(Consultation, consultation.id)
    assert stored.region_id == world.kassel.id
    assert stored.state == ConsultationState.DRAFT
    assert stored.published_at is None
    assert stored.created_by_id == world.coordinator_kassel.id
    assert stored.title == {"de": "Sprachcafés in Kassel", "en": "Language cafés in Kassel"}
    assert stored.summary == {"de": "Wo sollen neue Sprachcafés entstehen?"}
    assert stored.description == {"de": "Wir sammeln *Ideen*."}
    assert {item.slug for item in stored.fields_of_action} == {"language", "work"}
    assert (
        stored.moderation_mode,
        stored.voting_mode,
        stored.vote_budget,
        stored.answer_threshold,
        stored.eligibility,
    ) == ("pre", "for_against", 3, 50, "residents")
    assert [phase.kind for phase in stored.phases] == ["information", "proposals"]
    assert stored.phase("information").starts_at == datetime(2026, 7, 1, 8, 0)


def test_administrator_creates_in_any_region(world):
    consultation = services.create_consultation(
        world.administrator, world.wetzlar, data(field_of_action_ids=[world.health.id])
    )
    assert consultation.region is world.wetzlar


@pytest.mark.parametrize(
    "who", ["anonymous", "participant", "moderator_kassel", "coordinator_wetzlar"]
)
def test_others_may_not_create(world, who):
    user = AnonymousUserMixin() if who == "anonymous" else getattr(world, who)
    with pytest.raises(PermissionDenied):
        services.create_consultation(user, world.kassel, data())
    db.session.rollback()
    assert count_consultations() == 0


@pytest.mark.parametrize("name", ["title", "summary", "description"])
def test_german_texts_are_required(world, name):
    texts = {"de": "   ", "en": "Only English"}
    with pytest.raises(DomainError) as refused:
        services.create_consultation(world.coordinator_kassel, world.kassel, data(**{name: texts}))
    assert refused.value.field == f"{name}_de"
    assert str(refused.value.message) == "The German text is required."


@pytest.mark.parametrize("field_of_action", ["health", "unknown"])
def test_fields_of_action_must_be_among_the_regions(world, field_of_action):
    """Health is Wetzlar's field, not Kassel's; an unknown id is refused just the same."""
    wanted = world.health.id if field_of_action == "health" else 999_999
    with pytest.raises(DomainError) as refused:
        services.create_consultation(
            world.coordinator_kassel,
            world.kassel,
            data(field_of_action_ids=[world.language.id, wanted]),
        )
    assert refused.value.field == "fields_of_action"


def test_inactive_fields_of_action_are_not_offered(world):
    world.work.is_active = False
    db.session.commit()
    offered = services.allowed_fields_of_action(world.kassel)
    assert [item.slug for item in offered] == ["language"]
    with pytest.raises(DomainError):
        services.create_consultation(
            world.coordinator_kassel, world.kassel, data(field_of_action_ids=[world.work.id])
        )


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"moderation_mode": "none"}, "moderation_mode"),
        ({"voting_mode": "ranked"}, "voting_mode"),
        ({"eligibility": "everyone"}, "eligibility"),
        ({"vote_budget": -1}, "vote_budget"),
        ({"vote_budget": 10**9}, "vote_budget"),
        ({"answer_threshold": -5}, "answer_threshold"),
        ({"answer_threshold": None}, "answer_threshold"),
    ],
)
def test_settings_outside_the_known_values_are_refused(world, changes, field):
    with pytest.raises(DomainError) as refused:
        services.create_consultation(world.coordinator_kassel, world.kassel, data(**changes))
    assert refused.value.field == field


@pytest.mark.parametrize(
    ("phases", "field"),
    [
        ({"proposals": ((2026, 7, 1), (2026, 7, 8))}, "information_starts_at"),
        ({"information": ((2026, 7, 8), (2026, 7, 1))}, "information_ends_at"),
        ({"information": ((2026, 7, 8), (2026, 7, 8))}, "information_ends_at"),
        (
            {
                "information": ((2026, 7, 1), (2026, 7, 8)),
                "proposals": ((2026, 7, 7), (2026, 8, 1)),
            },
            "proposals_starts_at",
        ),
        (
            {"information": ((2026, 7, 1), (2026, 7, 8)), "voting": ((2026, 8, 1), (2026, 7, 20))},
            "voting_ends_at",
        ),
    ],
)
def test_bad_schedules_are_refused_at_the_right_field(world, phases, field):
    schedule = {
        kind: (datetime(*start, 10, 0), datetime(*end, 10, 0))
        for kind, (start, end) in phases.items()
    }
    with pytest.raises(DomainError) as refused:
        services.create_consultation(world.coordinator_kassel, world.kassel, data(phases=schedule))
    assert refused.value.field == field


def test_schedule_problems_name_every_field():
    problems = services.schedule_problems(
        {
            "proposals": (datetime(2026, 7, 8), datetime(2026, 7, 1)),
            "voting": (datetime(2026, 6, 30), datetime(2026, 7, 9)),
        }
    )
    assert sorted(name for name, _message in problems) == [
        "information_starts_at",
        "proposals_ends_at",
        "voting_starts_at",
    ]


# --- update ------------------------------------------------------------------------------------


@pytest.fixture
def draft(world):
    consultation = services.create_consultation(
        world.coordinator_kassel, world.kassel, data(field_of_action_ids=[world.language.id])
    )
    db.session.commit()
    return consultation


def test_update_replaces_the_phases(world, draft):
    information_id = draft.phase("information").id
    new_schedule = {
        "information": (datetime(2026, 7, 2, 9, 0), datetime(2026, 7, 9, 9, 0)),
        "voting": (datetime(2026, 9, 1, 0, 0), datetime(2026, 9, 15, 0, 0)),
    }
    services.update_consultation(world.coordinator_kassel, draft, data(phases=new_schedule))
    db.session.commit()
    assert phase_rows(draft) == {
        "information": (datetime(2026, 7, 2, 7, 0), datetime(2026, 7, 9, 7, 0)),
        "voting": (datetime(2026, 8, 31, 22, 0), datetime(2026, 9, 14, 22, 0)),
    }
    assert draft.phase("information").id == information_id  # updated in place
    assert [phase.kind for phase in draft.phases] == ["information", "voting"]
    assert db.session.scalar(db.select(db.func.count(Phase.id))) == 2


def test_update_adds_every_phase_and_removes_them_again(world, draft):
    full = {
        kind: (datetime(2026, 7, 1 + 2 * number, 10), datetime(2026, 7, 2 + 2 * number, 10))
        for number, kind in enumerate(
            ("information", "proposals", "discussion", "voting", "results")
        )
    }
    services.update_consultation(world.coordinator_kassel, draft, data(phases=full))
    db.session.commit()
    assert set(phase_rows(draft)) == set(full)
    only_information = {"information": full["information"]}
    services.update_consultation(world.coordinator_kassel, draft, data(phases=only_information))
    db.session.commit()
    assert set(phase_rows(draft)) == {"information"}


def test_update_changes_texts_fields_and_settings(world, draft):
    services.update_consultation(
        world.coordinator_kassel,
        draft,
        data(
            title={"de": "Neuer Titel"},
            field_of_action_ids=[world.work.id],
            vote_budget=7,
            voting_mode="for_against",
        ),
    )
    db.session.commit()
    db.session.expire_all()
    assert draft.title == {"de": "Neuer Titel"}
    assert [item.slug for item in draft.fields_of_action] == ["work"]
    assert (draft.vote_budget, draft.voting_mode) == (7, "for_against")


def test_a_field_the_region_dropped_later_may_stay(world, draft):
    world.kassel.fields_of_action = [world.work]
    db.session.commit()
    keep = [world.language.id, world.work.id]
    services.update_consultation(world.coordinator_kassel, draft, data(field_of_action_ids=keep))
    assert {item.slug for item in draft.fields_of_action} == {"language", "work"}
    with pytest.raises(DomainError):  # but it cannot be added to another consultation
        services.create_consultation(
            world.coordinator_kassel, world.kassel, data(field_of_action_ids=[world.language.id])
        )


@pytest.mark.parametrize(
    "who", ["anonymous", "participant", "moderator_kassel", "coordinator_wetzlar"]
)
def test_others_may_not_update(world, draft, who):
    user = AnonymousUserMixin() if who == "anonymous" else getattr(world, who)
    with pytest.raises(PermissionDenied):
        services.update_consultation(user, draft, data(title={"de": "Gekapert"}))
    db.session.rollback()
    assert draft.title["de"] == "Sprachcafés in Kassel"


def test_administrator_updates_any_consultation(world, draft):
    services.update_consultation(world.administrator, draft, data(title={"de": "Vom Admin"}))
    assert draft.title == {"de": "Vom Admin"}


def test_an_archived_consultation_cannot_be_changed(world):
    archived = make_consultation(world.kassel, state="archived")
    db.session.commit()
    with pytest.raises(DomainError):
        services.update_consultation(world.coordinator_kassel, archived, data())


def test_update_refuses_to_overwrite_a_change_made_in_the_meantime(world, draft, time_machine):
    time_machine.move_to(datetime(2026, 6, 1, 12, 0, tzinfo=UTC), tick=False)
    opened = services.version_of(draft)
    time_machine.move_to(datetime(2026, 6, 1, 12, 5, tzinfo=UTC), tick=False)
    services.update_consultation(world.administrator, draft, data(title={"de": "Erste Fassung"}))
    db.session.commit()
    with pytest.raises(DomainError):
        services.update_consultation(
            world.coordinator_kassel, draft, data(title={"de": "Zweite"}), opened
        )
    db.session.rollback()
    assert draft.title == {"de": "Erste Fassung"}
    services.update_consultation(
        world.coordinator_kassel, draft, data(title={"de": "Zweite"}), services.version_of(draft)
    )
    assert draft.title == {"de": "Zweite"}


def test_changing_the_moderation_mode_leaves_contributions_alone(world):
    consultation = make_consultation(world.kassel, moderation_mode="pre")
    author = make_user()
    states = (ModerationState.PENDING, ModerationState.PUBLISHED, ModerationState.HIDDEN)
    proposals = [
        Proposal(
            consultation=consultation,
            author=author,
            title=f"Vorschlag {state}",
            body="Text",
            language="de",
            moderation_state=state,
        )
        for state in states
    ]
    db.session.add_all(proposals)
    db.session.commit()
    schedule = services.schedule_in_berlin(consultation)
    services.update_consultation(
        world.coordinator_kassel, consultation, data(moderation_mode="post", phases=schedule)
    )
    db.session.commit()
    db.session.expire_all()
    assert consultation.moderation_mode == "post"
    assert [proposal.moderation_state for proposal in proposals] == list(states)


# --- publish and archive -----------------------------------------------------------------------


def test_publish_a_draft(world, draft, time_machine):
    time_machine.move_to(datetime(2026, 6, 2, 9, 30, tzinfo=UTC), tick=False)
    services.publish_consultation(world.coordinator_kassel, draft)
    db.session.commit()
    assert draft.state == ConsultationState.PUBLISHED
    assert draft.published_at == datetime(2026, 6, 2, 9, 30)


def test_archive_a_published_consultation(world, time_machine):
    time_machine.move_to(datetime(2026, 6, 2, 9, 30, tzinfo=UTC), tick=False)
    consultation = make_consultation(world.kassel)
    db.session.commit()
    services.archive_consultation(world.administrator, consultation)
    db.session.commit()
    assert consultation.state == ConsultationState.ARCHIVED
    assert consultation.archived_at == datetime(2026, 6, 2, 9, 30)


@pytest.mark.parametrize(
    ("action", "state", "message"),
    [
        ("publish", "published", "Only a draft can be published."),
        ("publish", "archived", "Only a draft can be published."),
        ("archive", "draft", "Only a published consultation can be archived."),
        ("archive", "archived", "Only a published consultation can be archived."),
    ],
)
def test_invalid_transitions_are_refused(world, action, state, message):
    consultation = make_consultation(world.kassel, state=state)
    db.session.commit()
    change = getattr(services, f"{action}_consultation")
    with pytest.raises(DomainError) as refused:
        change(world.coordinator_kassel, consultation)
    assert str(refused.value.message) == message
    db.session.rollback()
    assert consultation.state == state


def test_a_draft_without_information_phase_cannot_be_published(world):
    consultation = make_consultation(world.kassel, state="draft", phases={})
    db.session.commit()
    with pytest.raises(DomainError):
        services.publish_consultation(world.coordinator_kassel, consultation)


@pytest.mark.parametrize("action", ["publish", "archive"])
@pytest.mark.parametrize(
    "who", ["anonymous", "participant", "moderator_kassel", "coordinator_wetzlar"]
)
def test_others_may_not_publish_or_archive(world, action, who):
    state = "draft" if action == "publish" else "published"
    consultation = make_consultation(world.kassel, state=state)
    db.session.commit()
    user = AnonymousUserMixin() if who == "anonymous" else getattr(world, who)
    with pytest.raises(PermissionDenied):
        getattr(services, f"{action}_consultation")(user, consultation)
    db.session.rollback()
    assert consultation.state == state


# --- the list ---------------------------------------------------------------------------------


def listed(user, filters=None, page=1) -> list[Consultation]:
    return services.consultations_page(user, filters or services.ListFilters(), page).items


def test_the_list_agrees_with_the_permission_rule(world):
    for region in (world.kassel, world.wetzlar):
        for state in ConsultationState.ALL:
            make_consultation(region, state=state)
    db.session.commit()
    everything = db.session.scalars(db.select(Consultation)).all()
    viewers = {
        "anonymous": AnonymousUserMixin(),
        "participant": world.participant,
        "moderator_kassel": world.moderator_kassel,
        "coordinator_kassel": world.coordinator_kassel,
        "coordinator_wetzlar": world.coordinator_wetzlar,
        "administrator": world.administrator,
    }
    for name, viewer in viewers.items():
        expected = {item.id for item in everything if can(viewer, "consultation.view", item)}
        assert {item.id for item in listed(viewer)} == expected, name
    assert len({item.id for item in listed(viewers["anonymous"])}) == 4
    assert len({item.id for item in listed(viewers["coordinator_kassel"])}) == 5


def test_list_filters_ignore_unknown_values(world):
    regions, fields = [world.kassel, world.wetzlar], [world.language]
    filters = services.list_filters(
        {"region": "nowhere", "field": "' OR 1=1 --", "phase": "DROP TABLE phases"},
        regions,
        fields,
    )
    assert filters == services.ListFilters()
    assert filters.as_args() == {}
    filters = services.list_filters(
        {"region": "kassel", "field": "language", "phase": "upcoming"}, regions, fields
    )
    assert filters == services.ListFilters(world.kassel, world.language, "upcoming")
    assert filters.as_args() == {"region": "kassel", "field": "language", "phase": "upcoming"}


def test_phase_status(world):
    running = make_consultation(world.kassel, phases={"information": (-2, 1), "voting": (3, 5)})
    between = make_consultation(world.kassel, phases={"information": (-4, -1), "voting": (3, 5)})
    over = make_consultation(world.kassel, phases={"information": (-9, -5), "results": (-4, -2)})
    empty = make_consultation(world.kassel, state="draft", phases={})
    db.session.commit()
    assert services.phase_status(running)[:1] == ("current",)
    assert services.phase_status(running).phase.kind == "information"
    assert services.phase_status(between).kind == "next"
    assert services.phase_status(between).phase.kind == "voting"
    assert services.phase_status(over).kind == "ended"
    assert services.phase_status(over).phase.kind == "results"
    assert services.phase_status(empty) is None
