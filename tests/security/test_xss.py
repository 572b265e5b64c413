"""Stored and reflected XSS: the payload corpus through every user text field and form.

The corpus (xss_corpus.py) is planted into every user text column of every row of the demo
world; then each actor visits every GET route (the administrator also follows links and GET
forms), and every page must be inert: no script but ours, no event handler or style attribute,
no address with a scheme other than http/https/mailto, no frame, object, base or foreign form,
no attribute or element made from user text. Escaped text is what we expect, and the markers
show that each field really reached a page. CSV downloads must not start a cell with a formula
character. Forms either store a payload or refuse it; neither answer is a 500 or runs it.
"""

from datetime import date, datetime, timedelta
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from app.accounts.models import User
from app.core.sanitize import render_markdown
from app.extensions import db, limiter
from app.proposals.models import Proposal
from tests import factories
from tests.security.crawl import Crawler
from tests.security.world import build_world
from tests.security.xss_corpus import (
    DEMO_RESIDENT,
    FORMULAS,
    MARKER,
    NOT_PLANTED,
    PAYLOADS,
    PLANTED,
    STORABLE,
    active_content,
    by_id,
    formula_cells,
    pages_of_planted_rows,
    plant_corpus,
    planted_world,
    start_paths,
    text_columns,
)

CRAWLED = ("anonymous", "author", "org_admin", "moderator", "coordinator", "administrator")
# A payload as the search term of every search form the crawl fills in.
SEARCH_TERM = by_id(4).text("qry")
# Administrator: pages beyond the start pages, found by following links and GET forms.
FOLLOWED_PAGES = 150


def _visit(app, world, actor, starts: list[str], follow: int = 0) -> dict:
    client = world.log_in_client(actor)
    crawler = Crawler(app, client, search_term=SEARCH_TERM, max_pages=len(starts) + follow)
    return crawler.run(starts)


def _findings(who: str, pages: dict) -> list[str]:
    found = []
    for path, page in pages.items():
        problems = []
        if page.status >= 500:
            problems.append(f"status {page.status}")
        if page.content_type in ("text/html", "image/svg+xml"):
            problems += active_content(page.text)
        elif page.content_type == "text/csv":
            problems += [f"formula cell {cell!r}" for cell in formula_cells(page.text)]
        found += [f"{who} {path}: {problem}" for problem in problems]
    return found


# --- the inventory -------------------------------------------------------------------------


def test_every_text_column_is_planted_or_excused(app):
    planted = {(item.table, item.column) for item in PLANTED}
    columns = set(text_columns())
    unknown = columns - planted - set(NOT_PLANTED)
    assert not unknown, f"text columns neither planted nor excused: {sorted(unknown)}"
    assert planted <= columns, f"planted columns that no longer exist: {planted - columns}"
    assert not planted & set(NOT_PLANTED)
    codes = [item.code for item in PLANTED]
    assert len(codes) == len(set(codes)), "field codes must be unique"


def test_the_corpus_covers_the_issue_s_kinds_and_markers_are_unique():
    kinds = {payload.kind for payload in PAYLOADS}
    assert kinds >= {
        "script",
        "handler",
        "link",
        "url",
        "markdown",
        "breakout",
        "svg",
        "frame",
        "style",
        "template",
        "encoded",
        "control",
        "formula",
    }
    assert len(PAYLOADS) >= 90
    markers = [payload.marker("abc") for payload in PAYLOADS]
    assert len(set(markers)) == len(markers)
    for payload in PAYLOADS:
        assert payload.marker("abc") in payload.text("abc"), payload.template


def test_the_check_finds_what_it_should():
    """The inertness check itself: each unescaped payload is caught, escaped text is not."""
    from markupsafe import escape

    # Two payloads only fool naive filters ("<scr<script>ipt>") or old browsers (backticks).
    active = [
        payload
        for payload in PAYLOADS
        if payload.kind in ("script", "handler", "link", "breakout", "svg", "frame", "style")
        and not payload.template.startswith(("<scr<", "`"))
    ]
    missed = [
        payload.template
        for payload in active
        if not active_content(
            f"<body><input value=\"{payload.text('abc')}\"><input value='{payload.text('abc')}'>"
            f"{payload.text('abc')}</body>"
        )
    ]
    assert not missed, missed
    for payload in PAYLOADS:
        text = payload.text("abc")
        assert active_content(f'<p title="{escape(text)}">{escape(text)}</p>') == [], text
    assert active_content('<script src="/static/js/mitreden.js" defer></script>') == []
    assert active_content('<a href="mailto:a@b.example">a</a><a href="/x?y=1">b</a>') == []
    assert active_content("<p>{{7*7}}xss01abc</p>") == []
    assert active_content("<p>49xss01abc</p>") != []
    assert formula_cells('name\r\n"=1+xss01abc"\r\n"\'=1+xss02abc"\r\n-3\r\n') == ["=1+xss01abc"]


@pytest.mark.parametrize("payload", PAYLOADS, ids=lambda payload: f"p{payload.id:02d}")
def test_markdown_output_of_each_payload_is_inert(payload):
    html = str(render_markdown(payload.text("mdn")))
    assert active_content(html) == [], html
    assert "<img" not in html and "<iframe" not in html


# --- stored payloads on every page ---------------------------------------------------------


def test_stored_payloads_render_inert_on_every_page_for_every_actor(app):
    world = planted_world()
    starts = start_paths(app, world) + pages_of_planted_rows(world)
    findings, seen = [], set()
    visitors = [(actor, actor) for actor in CRAWLED]
    resident = db.session.scalar(db.select(User).where(User.email == DEMO_RESIDENT))
    visitors.append(("demo resident", resident))
    for who, actor in visitors:
        follow = FOLLOWED_PAGES if actor == "administrator" else 0
        pages = _visit(app, world, actor, starts, follow)
        findings += _findings(who, pages)
        for page in pages.values():
            seen.update(found[-3:] for found in MARKER.findall(page.text))
    assert not findings, "\n".join(findings)
    missing = [f"{item.table}.{item.column}" for item in PLANTED if item.code not in seen]
    assert not missing, f"planted but shown on no page: {missing}"
    assert "qry" in seen  # the search term came back, escaped


def test_every_payload_passes_through_a_display_name_and_a_title(app):
    """Decidim GHSA-fc46-r95f-hq7g: a user name that was not escaped where it was shown."""
    world = planted_world()
    proposal_page = world.path_for("proposals.detail")
    consultation_page = world.path_for("consultations.detail")
    client = world.log_in_client("moderator")
    names = client.get(proposal_page).get_data(as_text=True)
    titles = "".join(
        client.get(f"{consultation_page}?sort=newest&page={page}").get_data(as_text=True)
        for page in range(1, 6)
    )
    assert active_content(names) == [] and active_content(titles) == []
    fitting_names = {p.marker("usr") for p in STORABLE if len(p.text("usr")) <= 60}
    assert fitting_names - set(MARKER.findall(names)) == set()
    shown_titles = set(MARKER.findall(titles))
    newest = db.session.scalars(
        db.select(Proposal.title).order_by(Proposal.id.desc()).limit(60)
    ).all()
    assert {found for title in newest for found in MARKER.findall(title)} <= shown_titles


def _csv_paths(world) -> list[str]:
    """Every CSV download: open data, every chart (overall and per region), the concepts,
    the moderation log."""
    from app.monitoring import dashboard
    from app.opendata.datasets import all_datasets
    from app.regions.models import Region

    paths = [f"/open-data/{dataset.name}.csv" for dataset in all_datasets()]
    for chart_id, spec in dashboard.REGISTRY.items():
        if spec.scope != dashboard.REGION:
            paths.append(f"/monitoring/charts/{chart_id}.csv")
        if spec.scope != dashboard.ALL:
            paths.append(f"/monitoring/charts/{chart_id}.csv?region={world.region.slug}")
    for slug in db.session.scalars(db.select(Region.slug)):
        paths.append(f"/regions/{slug}/concept.csv")
    return [*paths, "/moderation/log.csv"]


def test_csv_exports_neutralise_formulas(app):
    """Every CSV download, with every text column holding a formula: no cell starts one."""
    world = build_world()
    plant_corpus(FORMULAS)
    client = world.log_in_client("administrator")
    findings, with_user_text = [], []
    for path in _csv_paths(world):
        response = client.get(path)
        if response.status_code == 404 and path.endswith("/concept.csv"):
            continue  # a region without a published concept
        assert response.status_code == 200, path
        assert response.mimetype == "text/csv", path
        text = response.get_data(as_text=True)
        findings += [f"{path}: formula cell {cell!r}" for cell in formula_cells(text)]
        if MARKER.search(text):
            with_user_text.append(path)
    assert not findings, "\n".join(findings)
    assert "/moderation/log.csv" in with_user_text
    assert f"/regions/{world.region.slug}/concept.csv" in with_user_text
    assert {"/open-data/programmes.csv", "/open-data/project_approaches.csv"} <= set(with_user_text)
    assert any(path.startswith("/monitoring/charts/") for path in with_user_text)


# --- forms ---------------------------------------------------------------------------------

FILLER = " Ein Satz, damit jede Mindestlänge erreicht ist."
# (page with the form, the form's action, who fills it in); in this order, because the later
# ones change what the earlier ones need (a decision hides the proposal, a block its author).
FORMS = (
    ("accounts.register", "accounts.register", "anonymous"),
    ("accounts.profile", "accounts.profile", "participant"),
    ("proposals.new", "proposals.new", "participant"),
    ("proposals.detail", "comments.create", "participant"),
    ("multilingual.new", "multilingual.new", "author"),
    ("statements.edit", "statements.edit", "org_admin"),
    ("organisations.new", "organisations.new", "participant"),
    ("organisations.manage", "organisations.edit", "org_admin"),
    ("organisations.profile", "organisations.join", "participant"),
    ("organisations.review", "organisations.review", "coordinator"),
    ("pages.accessibility", "pages.accessibility", "anonymous"),
    ("funding.new", "funding.new", "administrator"),
    ("projects.new", "projects.new", "coordinator"),
    ("concepts.add_measure", "concepts.add_measure", "coordinator"),
    ("concepts.discussion", "concepts.comment", "participant"),
    ("monitoring.context_new", "monitoring.context_new", "coordinator"),
    ("onsite.new_event", "onsite.new_event", "coordinator"),
    ("onsite.event", "onsite.record_proposal", "coordinator"),
    ("consultations.new", "consultations.new", "coordinator"),
    ("regions.edit", "regions.edit", "coordinator"),
    ("admin.imprint", "admin.imprint", "administrator"),
    ("proposals.answer", "proposals.answer", "coordinator"),
    ("moderation.report", "moderation.report", "participant"),
    ("moderation.mine", "moderation.appeal", "author"),
    ("moderation.appeals", "moderation.resolve", "coordinator"),
    ("moderation.item", "moderation.item", "moderator"),
    ("moderation.item", "moderation.block", "moderator"),
)
# Fields that take a number or a choice, not text.
FIXED_VALUES = {
    "monitoring.context_new": {"year": str(date.today().year - 1), "value": "254000"},
    "consultations.new": {"vote_budget": "3", "answer_threshold": "0"},
}
# Query strings some form pages need.
FORM_QUERIES = {
    "projects.new": "?region=offenbach",
    "consultations.new": "?region=offenbach",
}
KINDS = tuple(dict.fromkeys(payload.kind for payload in PAYLOADS if payload.kind != "formula"))


class _PostForms(HTMLParser):
    """The POST forms of a page: action and fields (tag, type, name, value, checked)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._form = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        values = {name: value if value is not None else "" for name, value in attrs}
        if tag == "form":
            if values.get("method", "get").lower() == "post":
                self._form = {"action": values.get("action", ""), "fields": []}
            return
        if self._form is None:
            return
        name = values.get("name")
        if tag == "select" and name:
            self._select = {"tag": "select", "name": name, "options": [], "selected": None}
            self._form["fields"].append(self._select)
        elif tag == "option" and self._select is not None:
            self._select["options"].append(values.get("value", ""))
            if "selected" in values:
                self._select["selected"] = values.get("value", "")
        elif tag in ("input", "textarea", "button") and name:
            self._form["fields"].append(
                {
                    "tag": tag,
                    "type": values.get("type", "submit" if tag == "button" else "text").lower(),
                    "name": name,
                    "value": values.get("value", ""),
                    "checked": "checked" in values,
                }
            )

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "form" and self._form is not None:
            self.forms.append(self._form)
            self._form = None


def _form_for(html: str, page_path: str, action_path: str) -> dict | None:
    parser = _PostForms()
    parser.feed(html)
    for form in parser.forms:
        action = urlsplit(form["action"]).path or urlsplit(page_path).path
        if action == urlsplit(action_path).path:
            return form
    return None


def _fill(form: dict, payload, code: str, number: int, fixed: dict) -> dict:
    text = payload.text(code)
    data, radios = {}, set()
    buttons = [field for field in form["fields"] if field.get("type") == "submit"]
    # Save, not preview.
    button = next((field for field in buttons if field["name"] != "preview"), None)
    if button is not None:
        data[button["name"]] = button["value"]
    moments = 0
    for field in form["fields"]:
        name, kind = field["name"], field.get("type")
        if field["tag"] == "select":
            options = [value for value in field["options"] if value]
            chosen = field["selected"] if field["selected"] else (options or [""])[0]
            data[name] = chosen
        elif field["tag"] == "textarea":
            data[name] = text + FILLER
        elif kind in ("submit", "button"):
            continue
        elif kind == "hidden":
            data.setdefault(name, field["value"])
        elif kind == "checkbox":
            data[name] = field["value"] or "y"
        elif kind == "radio":
            if name not in radios or field["checked"]:
                data[name] = field["value"]
                radios.add(name)
        elif kind == "email":
            data[name] = f"form{number}@security.example"
        elif kind == "password":
            data[name] = factories.PASSWORD
        elif kind == "url":
            data[name] = text if payload.kind in ("url", "link") else "https://example.org/"
        elif kind == "date":
            data[name] = date.today().isoformat()
        elif kind == "datetime-local":
            # Phases one after the other: each moment a day after the one before.
            moments += 1
            moment = datetime.now() + timedelta(days=moments)
            data[name] = moment.strftime("%Y-%m-%dT%H:%M")
        elif kind == "number":
            data[name] = field["value"]
        elif kind in ("text", "search", "tel", ""):
            data[name] = text
    return {**data, **fixed}


def _payloads_for_form(index: int) -> list:
    """One payload of each kind, a different one for each form, and always one with a NUL
    byte (which PostgreSQL refuses to store: the form must refuse it first)."""
    chosen = []
    for kind in KINDS:
        of_kind = [payload for payload in PAYLOADS if payload.kind == kind]
        chosen.append(of_kind[index % len(of_kind)])
    with_nul = [payload for payload in PAYLOADS if not payload.storable]
    return chosen + [payload for payload in with_nul[:1] if payload not in chosen]


def test_forms_store_or_refuse_payloads_and_never_run_them(app):
    """Through the forms: stored (then shown inert where the form leads) or refused with the
    typed text shown back inert; never a 500."""
    world = build_world()
    clients = {}
    findings, stored = [], {}
    limiter.enabled = False
    try:
        for index, (page_endpoint, action_endpoint, actor) in enumerate(FORMS):
            client = clients.get(actor) or clients.setdefault(actor, world.log_in_client(actor))
            page_path = world.path_for(page_endpoint)
            if "?" not in page_path:
                page_path += FORM_QUERIES.get(page_endpoint, "")
            action_path = world.path_for(_post_rule(app, action_endpoint))
            key = f"{action_endpoint} ({actor})"
            stored[key] = 0
            for number, payload in enumerate(_payloads_for_form(index)):
                page = client.get(page_path)
                form = _form_for(page.get_data(as_text=True), page_path, action_path)
                if form is None:
                    # Gone once a payload was stored (an appeal, a join request) is expected.
                    if not stored[key]:
                        findings.append(f"{key}: no form for {action_path} on {page_path}")
                    break
                fixed = FIXED_VALUES.get(action_endpoint, {})
                data = _fill(form, payload, "frm", index * 100 + number, fixed)
                response = client.post(form["action"] or page_path, data=data)
                where = f"{key} p{payload.id:02d} -> {response.status_code}"
                if response.status_code >= 500:
                    findings.append(f"{where}: server error")
                    continue
                findings += [f"{where}: {item}" for item in _response_findings(response)]
                if response.status_code in (302, 303):
                    stored[key] += 1
                    shown = client.get(response.location)
                    findings += [f"{where} shown: {item}" for item in _response_findings(shown)]
                elif response.status_code == 200 and not _refused(response):
                    stored[key] += 1  # accepted with a page of its own (registration)
    finally:
        limiter.enabled = True
    assert not findings, "\n".join(findings)
    never_stored = [key for key, count in stored.items() if count == 0]
    assert not never_stored, f"forms that stored no payload at all: {never_stored}"


def _refused(response) -> bool:
    page = response.get_data(as_text=True)
    return "field-error" in page or "error-summary" in page


def _response_findings(response) -> list[str]:
    if response.status_code >= 500:
        return [f"status {response.status_code}"]
    if response.mimetype != "text/html":
        return []
    return active_content(response.get_data(as_text=True))


def _post_rule(app, endpoint: str):
    return next(rule for rule in app.url_map.iter_rules(endpoint) if "POST" in rule.methods)
