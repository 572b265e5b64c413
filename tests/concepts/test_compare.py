"""Comparing two versions of an action concept item by item: added, removed and changed items,
word differences, and changes of status, field of action and links."""

from datetime import date
from types import SimpleNamespace

import pytest
from markupsafe import Markup

from app.concepts.compare import compare
from app.concepts.models import MeasureStatus
from app.concepts.services import (
    ItemDetails,
    add_goal,
    add_measure,
    edit_item,
    publish,
    remove_item,
    start_draft,
)
from app.extensions import db
from app.projects.models import ProjectApproach
from tests import participation_builders as build
from tests.factories import make_field_of_action, make_region, make_user, make_user_with_role


@pytest.fixture
def world():
    region = make_region("hochtaunus")
    coordinator = make_user_with_role("coordinator", region=region)
    consultation = build.consultation(region, phase="discussion")
    project = ProjectApproach(region=region, title="Lotsen", lead_name="Kreis")
    db.session.add(project)
    world = SimpleNamespace(
        region=region,
        coordinator=coordinator,
        language=make_field_of_action("sprache"),
        work=make_field_of_action("arbeit"),
        proposal=build.proposal(consultation, make_user(), title="Mehr Kurse"),
        project=project,
    )
    db.session.commit()
    return world


@pytest.fixture
def versions(world):
    """Version 1 (published) and a draft copied from it, with the items of both by title."""
    user = world.coordinator
    first = start_draft(user, world.region)
    goal = add_goal(
        user,
        first,
        ItemDetails(
            title="Deutsch lernen",
            description="Alle finden einen Kurs in ihrer Nähe.",
            field_id=world.language.id,
        ),
    )
    add_measure(
        user,
        goal,
        ItemDetails(
            title="Sprachcafés",
            description="Jede Woche.",
            responsible="Volkshochschule",
            timeframe="2026",
            status=MeasureStatus.PLANNED,
            proposal_ids=[world.proposal.id],
        ),
    )
    add_measure(user, goal, ItemDetails(title="Kurse mit Kinderbetreuung", position=1))
    add_goal(user, first, ItemDetails(title="Arbeit finden", field_id=world.work.id, position=1))
    publish(user, first, date(2026, 1, 1), "")
    second = start_draft(user, world.region)
    db.session.commit()
    return SimpleNamespace(
        old=first,
        new=second,
        items={item.title: item for item in second.items},
        old_items={item.title: item for item in first.items},
    )


def changes_by_title(changes) -> dict:
    return {change.item.title: change for change in changes}


def test_an_unchanged_copy_has_no_changes(versions):
    assert compare(versions.old, versions.new) == []
    assert compare(versions.old, versions.old) == []


def test_an_added_item(world, versions):
    new_goal = add_goal(
        world.coordinator,
        versions.new,
        ItemDetails(title="Wohnen", field_id=world.work.id, position=5),
    )
    db.session.commit()
    (change,) = compare(versions.old, versions.new)
    assert (change.kind, change.old, change.new, change.item) == (
        "added",
        None,
        new_goal,
        new_goal,
    )


def test_a_removed_item_comes_last(world, versions):
    removed = versions.items["Kurse mit Kinderbetreuung"]
    remove_item(world.coordinator, removed)
    edit_item(
        world.coordinator,
        versions.items["Arbeit finden"],
        ItemDetails(title="Arbeit finden und behalten", field_id=world.work.id, position=1),
    )
    db.session.commit()
    changes = compare(versions.old, versions.new)
    assert [(change.kind, change.item.title) for change in changes] == [
        ("changed", "Arbeit finden und behalten"),
        ("removed", "Kurse mit Kinderbetreuung"),
    ]
    removed_change = changes[-1]
    assert removed_change.new is None
    assert removed_change.old is versions.old_items["Kurse mit Kinderbetreuung"]


def test_a_changed_text_is_shown_word_by_word(world, versions):
    cafe = versions.items["Sprachcafés"]
    edit_item(
        world.coordinator,
        cafe,
        ItemDetails(
            title="Sprachcafés",
            description="Zweimal jede Woche.",
            responsible="Volkshochschule",
            timeframe="2026",
            status=MeasureStatus.PLANNED,
            proposal_ids=[world.proposal.id],
        ),
    )
    db.session.commit()
    (change,) = compare(versions.old, versions.new)
    assert change.kind == "changed"
    assert change.old is versions.old_items["Sprachcafés"]
    assert change.new is cafe
    assert set(change.differences) == {"description"}  # only the texts that changed
    assert change.differences["description"] == Markup(
        "<del>Jede</del><ins>Zweimal jede</ins> Woche."
    )
    assert (change.status_changed, change.field_changed, change.links_changed) == (
        False,
        False,
        False,
    )


def test_every_text_of_a_measure_is_compared(world, versions):
    edit_item(
        world.coordinator,
        versions.items["Sprachcafés"],
        ItemDetails(
            title="Sprachtreffs",
            description="Jede Woche.",
            responsible="Stadtbücherei",
            timeframe="2026 bis 2027",
            status=MeasureStatus.PLANNED,
            proposal_ids=[world.proposal.id],
        ),
    )
    db.session.commit()
    (change,) = compare(versions.old, versions.new)
    assert set(change.differences) == {"title", "responsible", "timeframe"}
    assert "<ins>Sprachtreffs</ins>" in change.differences["title"]
    assert "<del>Volkshochschule</del>" in change.differences["responsible"]
    assert change.differences["timeframe"] == Markup("2026<ins> bis 2027</ins>")


def test_differences_escape_the_texts(world, versions):
    edit_item(
        world.coordinator,
        versions.items["Arbeit finden"],
        ItemDetails(title="Arbeit <script>finden</script>", field_id=world.work.id, position=1),
    )
    db.session.commit()
    (change,) = compare(versions.old, versions.new)
    title = str(change.differences["title"])
    assert "<script>" not in title
    assert "&lt;script&gt;" in title


def test_a_status_change(world, versions):
    edit_item(
        world.coordinator,
        versions.items["Kurse mit Kinderbetreuung"],
        ItemDetails(title="Kurse mit Kinderbetreuung", position=1, status=MeasureStatus.DONE),
    )
    db.session.commit()
    (change,) = compare(versions.old, versions.new)
    assert change.status_changed is True
    assert (change.old.status, change.new.status) == (MeasureStatus.PLANNED, MeasureStatus.DONE)
    assert change.differences == {}
    assert (change.field_changed, change.links_changed) == (False, False)


def test_a_field_change_marks_the_goal_and_its_measures(world, versions):
    edit_item(
        world.coordinator,
        versions.items["Deutsch lernen"],
        ItemDetails(
            title="Deutsch lernen",
            description="Alle finden einen Kurs in ihrer Nähe.",
            field_id=world.work.id,
        ),
    )
    db.session.commit()
    changes = changes_by_title(compare(versions.old, versions.new))
    assert set(changes) == {"Deutsch lernen", "Sprachcafés", "Kurse mit Kinderbetreuung"}
    for change in changes.values():
        assert change.field_changed is True
        assert change.differences == {}
        assert change.status_changed is False


@pytest.mark.parametrize(
    "links",
    [
        {"proposal_ids": []},  # a proposal link removed
        {"proposal_ids": ["proposal"], "project_ids": ["project"]},  # a project link added
    ],
)
def test_a_link_change(world, versions, links):
    resolved = {name: [getattr(world, each).id for each in ids] for name, ids in links.items()}
    edit_item(
        world.coordinator,
        versions.items["Sprachcafés"],
        ItemDetails(
            title="Sprachcafés",
            description="Jede Woche.",
            responsible="Volkshochschule",
            timeframe="2026",
            status=MeasureStatus.PLANNED,
            **resolved,
        ),
    )
    db.session.commit()
    (change,) = compare(versions.old, versions.new)
    assert change.links_changed is True
    assert change.differences == {}
    assert (change.status_changed, change.field_changed) == (False, False)


def test_a_new_position_alone_is_no_change(world, versions):
    edit_item(
        world.coordinator,
        versions.items["Arbeit finden"],
        ItemDetails(title="Arbeit finden", field_id=world.work.id, position=0),
    )
    db.session.commit()
    assert compare(versions.old, versions.new) == []


def test_changes_follow_the_order_of_the_new_version(world, versions):
    for title in ("Deutsch lernen", "Arbeit finden"):
        item = versions.items[title]
        edit_item(
            world.coordinator,
            item,
            ItemDetails(
                title=f"{title}!", field_id=item.field_of_action_id, position=item.position
            ),
        )
    added = add_goal(
        world.coordinator,
        versions.new,
        ItemDetails(title="Neu ganz oben", field_id=world.language.id, position=-1),
    )
    db.session.commit()
    db.session.refresh(versions.new)
    changes = compare(versions.old, versions.new)
    assert [change.item.title for change in changes] == [
        added.title,
        "Deutsch lernen!",
        "Arbeit finden!",
    ]


def test_comparing_backwards_swaps_added_and_removed(world, versions):
    remove_item(world.coordinator, versions.items["Kurse mit Kinderbetreuung"])
    db.session.commit()
    (change,) = compare(versions.new, versions.old)
    assert (change.kind, change.item.title) == ("added", "Kurse mit Kinderbetreuung")
