"""Data for the tests of the monitoring pages and downloads: model regions with consultations,
contributions, votes, profiles and context figures in the first half of 2026, at any scale.

    world = populate(scale=1)      # small
    grow(world, scale=10)          # ten times more rows, in the same regions and months
    world = populated()            # populate(scale=1) committed, from a copy made once per run

Rows are written straight into the tables (the services have their own tests). Every figure
the pages show comes from these rows; PERIOD is the query string that selects their months.
"""

import itertools
import re
from dataclasses import dataclass, field
from datetime import datetime
from html.parser import HTMLParser

from app.extensions import db
from app.monitoring.models import (
    CONSENT_VERSION,
    ContextIndicator,
    ParticipationProfile,
    ProfileLanguage,
)
from app.regions.models import RegionKind
from tests.database_template import DatabaseTemplate
from tests.factories import make_field_of_action, make_region, make_user
from tests.organisation_builders import on_site_event, organisation, statement
from tests.participation_builders import comment, consultation, proposal, vote

PERIOD = {"from": "2026-01", "to": "2026-06"}
MONTHS = ("2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06")
# Mid-month noon UTC: far from any Berlin month boundary.
DAYS = [datetime(2026, month, 15, 12, 0) for month in range(2, 6)]
LANGUAGES = ("de", "tr", "ar", "ru")

_numbers = itertools.count(1)


@dataclass
class World:
    regions: list = field(default_factory=list)  # the six model regions, by position
    kompetenzkreis: object = None
    fields: list = field(default_factory=list)
    consultations: dict = field(default_factory=dict)  # region id -> published consultation
    archived: object = None  # an archived consultation of the first region
    draft: object = None  # a draft consultation of the first region
    users: list = field(default_factory=list)
    organisation: object = None  # verified, in the first region
    coordinator: object = None  # enters the on-site contributions


def _name(prefix: str) -> dict:
    number = next(_numbers)
    return {"de": f"{prefix} {number}", "en": f"{prefix} {number} (en)"}


def populate(scale: int = 1) -> World:
    world = World()
    world.regions = [make_region(f"model-{index}", **_name("Modellregion")) for index in range(6)]
    world.kompetenzkreis = make_region(
        "kreis-1", kind=RegionKind.KOMPETENZKREIS, **_name("Kompetenzkreis")
    )
    world.fields = [make_field_of_action(), make_field_of_action()]
    for region in world.regions:
        region.fields_of_action = [world.fields[0]]
        world.consultations[region.id] = consultation(
            region, phase="discussion", title=_name("Beteiligung")
        )
    first = world.regions[0]
    world.archived = consultation(first, phase="discussion", state="archived", title=_name("Alt"))
    world.draft = consultation(first, phase="discussion", state="draft", title=_name("Entwurf"))
    kreis = consultation(world.kompetenzkreis, phase="discussion", title=_name("Kreis"))
    world.consultations[world.kompetenzkreis.id] = kreis
    world.organisation = organisation(first, name="Verein der Nachbarn e. V.")
    world.coordinator = make_user()
    grow(world, scale)
    return world


_POPULATED: dict[tuple, DatabaseTemplate] = {}


def populated(scale: int = 1, moment: datetime | None = None) -> World:
    """`populate(scale)`, committed: restored from a copy built once per run, first in a test.

    The consultations' phases are set relative to the clock: a test that freezes it names the
    `moment` and gets a copy built at that moment; otherwise the copy is at most a few minutes
    old (tests/database_template.py)."""
    key = (scale, moment)
    if key not in _POPULATED:
        name = f"monitoring-{len(_POPULATED)}"
        _POPULATED[key] = DatabaseTemplate(name, lambda: populate(scale))
    return _POPULATED[key].restore()


def grow(world: World, scale: int) -> None:
    """More of everything: `scale` times a fixed pattern per region, spread over four months."""
    users = [make_user() for _ in range(8 * scale)]
    world.users += users
    fields = world.fields
    places = [*world.regions, world.kompetenzkreis]
    for index in range(scale):
        for number, region in enumerate(places):
            target = world.consultations[region.id]
            when = DAYS[(index + number) % len(DAYS)]
            author = users[(index * 3 + number) % len(users)]
            item = proposal(
                target,
                author,
                field_of_action=fields[number % 2],
                language=LANGUAGES[number % len(LANGUAGES)],
                created_at=when,
            )
            for offset in range(3):
                comment(
                    item,
                    users[(index + number + offset + 1) % len(users)],
                    language=LANGUAGES[(number + offset) % len(LANGUAGES)],
                    created_at=when,
                )
            for offset in range(5):
                cast = vote(item, users[(index + offset) % len(users)])
                cast.created_at = when
        # The archived consultation counts too; the draft never does.
        old = proposal(world.archived, users[index % len(users)], created_at=DAYS[0])
        vote(old, users[(index + 1) % len(users)]).created_at = DAYS[0]
    first = world.regions[0]
    event = on_site_event(world.consultations[first.id], world.coordinator, name="Forum")
    on_site = proposal(world.consultations[first.id], world.coordinator, created_at=DAYS[1])
    on_site.on_site_event_id = event.id
    for region in world.regions[:3]:
        profiles(6 * scale, region=region)
    db.session.flush()


def profiles(count: int, region, migration_cycle=("yes", "no", "yes"), age="30_44"):
    """`count` consented profiles of new accounts with `region` as home region."""
    made = []
    for index in range(count):
        user = make_user()
        item = ParticipationProfile(
            user_id=user.id,
            age_band=age,
            migration_experience=migration_cycle[index % len(migration_cycle)],
            home_region_id=region.id if region is not None else None,
            consent_version=CONSENT_VERSION,
        )
        item.languages = [ProfileLanguage(language="de")]
        db.session.add(item)
        made.append(item)
    db.session.flush()
    return made


def context_figure(region, value: float, year: int = 2024, key="migration_background_share", **kw):
    item = ContextIndicator(
        region_id=region.id,
        key=key,
        year=year,
        value=value,
        source=kw.pop("source", "Hessisches Statistisches Landesamt"),
        source_url=kw.pop("source_url", "https://statistik.hessen.de/"),
        note=kw.pop("note", ""),
    )
    db.session.add(item)
    db.session.flush()
    return item


def add_statement(world: World, author):
    """A published statement of the world's organisation in the first region (June)."""
    item = statement(world.consultations[world.regions[0].id], world.organisation, author)
    item.created_at = datetime(2026, 6, 10, 12, 0)
    db.session.flush()
    return item


# --- Reading pages -------------------------------------------------------------------------------


class Tables(HTMLParser):
    """Every <table> of a page by its caption's id: rows of cell texts, the header row first."""

    def __init__(self, page: str):
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._rows: list[list[str]] | None = None
        self._caption_id: str | None = None
        self._cell: list[str] | None = None
        self._in_caption = False
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self._rows, self._caption_id = [], None
        elif tag == "caption" and self._rows is not None:
            self._caption_id = attrs.get("id")
        elif tag == "tr" and self._rows is not None:
            self._rows.append([])
        elif tag in ("th", "td") and self._rows is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self._cell is not None and self._rows:
            self._rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "table" and self._rows is not None:
            self.tables[self._caption_id or f"table-{len(self.tables)}"] = self._rows
            self._rows = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def chart_table(page: str, chart_id: str) -> dict[tuple[str, str], str]:
    """{(category label, series label): cell text} of a chart's data table on a page."""
    rows = Tables(page).tables[f"chart-{chart_id}-table-caption"]
    header, body = rows[0], rows[1:]
    return {(row[0], header[index]): row[index] for row in body for index in range(1, len(row))}


def key_figure(page: str, key: str) -> str:
    """The text of one key figure card (label, value and hint)."""
    match = re.search(
        rf'<div class="key-figure key-figure--{key}">(.*?)</div>', page, flags=re.DOTALL
    )
    assert match, f"no key figure {key}"
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split())
