"""Builders for the concept page tests: versions with goals and measures written straight into
the tables (the services have their own tests), a project approach, small page helpers."""

import itertools
import re
from datetime import date

from app.concepts.models import ConceptItem, ConceptVersion, ItemKind, VersionState
from app.core.clock import utcnow_naive
from app.extensions import db
from app.projects.models import ProjectApproach, ProjectStatus

_sequence = itertools.count(1)


def version(region, number: int = 1, state: str = VersionState.PUBLISHED, **columns):
    published = state == VersionState.PUBLISHED
    obj = ConceptVersion(
        region=region,
        number=number,
        state=state,
        valid_from=columns.pop("valid_from", date(2025, 3, 1) if published else None),
        published_at=utcnow_naive() if published else None,
        note=columns.pop("note", ""),
        **columns,
    )
    db.session.add(obj)
    db.session.flush()
    return obj


def goal(version_, field_of_action, title: str = "Mehr Menschen sprechen Deutsch", **columns):
    obj = ConceptItem(
        version=version_,
        key=columns.pop("key", f"goal{next(_sequence)}"),
        kind=ItemKind.GOAL,
        field_of_action_id=field_of_action.id,
        title=title,
        description=columns.pop("description", ""),
        position=columns.pop("position", 0),
        **columns,
    )
    db.session.add(obj)
    db.session.flush()
    return obj


def measure(goal_, title: str = "Sprachcafés in jedem Stadtteil", **columns):
    proposals = columns.pop("proposals", [])
    projects = columns.pop("projects", [])
    obj = ConceptItem(
        version=goal_.version,
        key=columns.pop("key", f"measure{next(_sequence)}"),
        kind=ItemKind.MEASURE,
        field_of_action_id=goal_.field_of_action_id,
        goal=goal_,
        title=title,
        description=columns.pop("description", ""),
        responsible=columns.pop("responsible", ""),
        timeframe=columns.pop("timeframe", ""),
        status=columns.pop("status", "planned"),
        position=columns.pop("position", 0),
        **columns,
    )
    obj.proposals = list(proposals)
    obj.projects = list(projects)
    db.session.add(obj)
    db.session.flush()
    return obj


def project(region, title: str = "Sprachpaten Nordstadt", **columns) -> ProjectApproach:
    obj = ProjectApproach(
        region=region,
        title=title,
        status=columns.pop("status", ProjectStatus.RUNNING),
        **columns,
    )
    obj.refresh_search_key()
    db.session.add(obj)
    db.session.flush()
    return obj


def field_error(page: str, field_id: str) -> str:
    match = re.search(rf'<p class="field-error" id="{field_id}-error">(.*?)</p>', page, re.S)
    assert match, f"no error shown next to {field_id}"
    return match.group(1)


def flashes(client) -> list[tuple[str, str]]:
    with client.session_transaction() as session:
        return list(session.get("_flashes", []))
