"""Hidden, pre-moderated and draft content never appears to those who may not see it.

Every kind of content that is not public gets a tag of its own (`ZQXTpendprop`, ...) next to the
shared search word `ZQXHIDDEN`, written through the services where they exist, so the states are
the real ones: proposals, comments, statements and translations waiting for review, hidden by a
moderator, hidden automatically by reports or rejected; a draft consultation with its proposal,
comment and on-site event; a draft of an action concept; organisations waiting for verification
or declined, with the reason; reporters' notes, notes to authors, appeals, block reasons, join
requests, invitations, accessibility feedback and e-mail addresses.

Each visitor who may see none of it (anonymous, two participants who follow everything around
it, an organisation member, a moderator of another region) crawls the site (tests/security/
crawl.py): every GET route filled by the world, every page of every planted object, same-site
links, the filters, sorts and searches the pages offer (searching for `ZQXHIDDEN` itself), open
data, exports, notifications. No tag may appear in any answer, in their mail or in their own data
download, and the counters count only what is shown. Positive controls: the author, the blocked
person, the region's moderator and coordinator, the coordinator of the concept's region and an
organisation admin crawl from public pages and their own entry points and must reach what each
may read (and nothing else); an administrator finds every tag on the planted pages. So a crawl
that finds nothing has looked where the content would show.

The tags never start with the search word: a search that echoes its query finds no tag.

Not planted, because it is public or holds no text: withdrawn proposals (they stay readable),
comments removed by their authors (the text is deleted), the display names of blocked people
(their contributions stay), participation profiles (codes only; monitoring suppresses small
groups), programmes and projects (they have no drafts). There are no feeds.

The read API (/api/v1) is walked as well, by everyone who may see nothing and by the author of
the hidden content: every list page by page, every API address an answer names, the planted
objects' own addresses (which must not be found) and the filters and searches around them.
"""

import re
from collections import deque
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from flask import current_app

from app.comments import services as comment_services
from app.concepts import services as concept_services
from app.consultations.models import ConsultationState, ModerationMode
from app.core.clock import utcnow_naive
from app.extensions import db, limiter
from app.moderation import services as moderation
from app.multilingual import services as translation_services
from app.notifications import follows
from app.opendata.datasets import all_datasets
from app.organisations import membership
from app.organisations import services as organisation_services
from app.organisations.models import OrganisationKind
from app.organisations.statements import publish_statement
from app.pages.services import send_accessibility_feedback
from app.proposals import services as proposal_services
from app.regions.models import FieldOfAction
from tests import factories
from tests import organisation_builders as orgs
from tests import participation_builders as build
from tests.conftest import csrf_token
from tests.security.crawl import Crawler, body_text
from tests.security.world import world_template

SEARCH_WORD = "ZQXHIDDEN"
API = "/api/v1"
TAG = re.compile(r"zqxt[a-z]+", re.IGNORECASE)
NOBODY_ELSE = ("anonymous", "participant", "other_participant", "org_member", "other_moderator")
SKIPPED_ENDPOINTS = {"static", "pages.video_file"}
# Pages that are the same for every visitor apart from the page header: the anonymous crawl
# reads them, the signed-in visitors do not read them again.
SAME_FOR_ALL = {
    "opendata.index",
    "opendata.download",
    "monitoring.dashboard",
    "monitoring.region",
    "monitoring.report",
    "funding.index",
    "funding.detail",
    "funding.deadlines",
    "projects.index",
    "projects.detail",
    "pages.imprint",
    "pages.privacy",
    "pages.easy_language",
    "regions.index",
    "regions.fields_index",
}
# Monitoring pages show aggregates only and cost most: each once, without filter variants.
MONITORING_LIMITS = {
    "monitoring.dashboard": (1, 1),
    "monitoring.region": (1, 1),
    "monitoring.report": (1, 1),
    "monitoring.chart_download": (4, 1),
}


def text(tag: str, words: str = "") -> str:
    return f"{SEARCH_WORD} ZQXT{tag} {words}".strip()


@dataclass
class Planted:
    # Pages that exist only for the planted objects (fetched directly by every visitor).
    direct: list[str] = field(default_factory=list)
    # Public pages around them (consultations, published proposals), where a crawl starts.
    public: list[str] = field(default_factory=list)
    # The planted consultations and proposals around the hidden content, and searches.
    consultations: list[str] = field(default_factory=list)
    # Every open-data file.
    downloads: list[str] = field(default_factory=list)
    # Planted pages that must not answer at all (404, 403 or the login page) to the others.
    closed: list[str] = field(default_factory=list)
    # Consultation -> (published proposals, published comments) as the counters must show them.
    counts: dict[int, tuple[int, int]] = field(default_factory=dict)
    # Proposal page -> the number of comments it must name.
    comment_counts: dict[str, int] = field(default_factory=dict)
    users: dict[str, object] = field(default_factory=dict)
    # API addresses of the planted objects: none may be found (404).
    api_closed: list[str] = field(default_factory=list)
    # API lists around the planted objects, with the filters and searches that would find them.
    api_lists: list[str] = field(default_factory=list)
    # What the API must show around them: the published neighbours' texts.
    api_shown: list[str] = field(default_factory=list)


def _proposal_pages(proposal) -> list[str]:
    return [
        build.proposal_url(proposal),
        build.proposal_url(proposal, "/history"),
        build.proposal_url(proposal, "/edit"),
        build.proposal_url(proposal, "/answer"),
        f"/moderation/contributions/{proposal.id}",
        f"/moderation/report/{proposal.id}",
        f"/contributions/{proposal.id}/translations/new",
    ]


def _contribution_pages(contribution) -> list[str]:
    return [
        f"/moderation/contributions/{contribution.id}",
        f"/moderation/report/{contribution.id}",
        f"/contributions/{contribution.id}/translations/new",
        f"/contributions/{contribution.id}/translation/edit",
    ]


def plant(world) -> Planted:
    """Write every kind of hidden content into the world's region; everything committed."""
    region = world.region
    moderator = world.user("moderator")
    coordinator = world.user("coordinator")
    org_admin = world.user("org_admin")
    organisation = world.objects["organisation"]
    planted = Planted()

    def person(name: str, email: str | None = None):
        return factories.make_user(
            email=email or f"{name}@security.example",
            display_name=name.replace("-", " ").title(),
            home_region=region,
        )

    author = person("secret-author", email="zqxtauthormail@security.example")
    public_author = person("public-author")
    blocked = person("blocked-author")
    requester = person("organisation-requester")
    joiner = person("joiner")
    threshold = current_app.config["MODERATION_REPORT_THRESHOLD"]
    reporters = [person(f"reporter-{number}") for number in range(threshold)]
    # The author speaks for a verified organisation of their own (public name, no tag).
    speaking = orgs.organisation(region, name="Offene Nachbarschaft e. V.", admins=[author])
    planted.users = {"secret_author": author, "blocked_author": blocked}

    pre = build.consultation(region, phase="proposals", moderation_mode=ModerationMode.PRE)
    pre_discussion = build.consultation(
        region, phase="discussion", moderation_mode=ModerationMode.PRE
    )
    post = build.consultation(region, phase="discussion", moderation_mode=ModerationMode.POST)
    shown_pre = build.proposal(pre, public_author, title="Mehr Bänke am Mainufer")
    own_pre = build.proposal(pre, author, title="Nachhilfe im Jugendzentrum")
    shown_post = build.proposal(post, public_author, title="Sprechstunde im Rathaus auf Türkisch")
    own_post = build.proposal(post, author, title="Fahrradwerkstatt für alle")
    visible_comment = build.comment(shown_post, public_author, body="Gute Idee, bitte abends.")

    # Those who must see nothing follow everything public around it, so their notification lists
    # and mails would name whatever reached followers.
    for name in ("participant", "other_participant", "org_member", "other_moderator"):
        follower = world.user(name)
        for target in (pre, post, pre_discussion, shown_pre, shown_post, own_pre, own_post):
            follows.follow(follower, target, check=False)
        follows.follow(follower, speaking, check=False)
    db.session.flush()

    # Waiting for review (pre-moderation).
    waiting = proposal_services.submit_proposal(
        author,
        pre,
        text("pendprop", "Titel"),
        text("pendprop", "Beschreibung, lang genug."),
        "de",
        None,
    )
    waiting_comment = comment_services.add_comment(
        author, shown_pre, text("pendcomm", "Ein Kommentar zur Prüfung."), "de"
    )
    waiting_translation = translation_services.add_translation(
        author, own_pre, "en", text("pendtransl", "title"), text("pendtransl", "A translation.")
    )
    waiting_statement = publish_statement(
        author,
        pre_discussion,
        speaking,
        text("pendstmt", "Titel"),
        text("pendstmt", "Unsere Stellungnahme wartet auf Prüfung."),
        "de",
    )

    # Rejected while waiting.
    rejected = proposal_services.submit_proposal(
        author,
        pre,
        text("rejprop", "Titel"),
        text("rejprop", "Abgelehnter Vorschlag, lang."),
        "de",
        None,
    )
    moderation.decide(moderator, rejected, "reject", "pending", reason="spam")
    rejected_comment = comment_services.add_comment(
        author, shown_pre, text("rejcomm", "Abgelehnter Kommentar."), "de"
    )
    moderation.decide(moderator, rejected_comment, "reject", "pending", reason="insult")

    # Hidden by a moderator, with a note to the author and the author's appeal.
    hidden = build.proposal(
        post, author, title=text("hidprop", "Titel"), body=text("hidprop", "Verborgener Text.")
    )
    hiding = moderation.decide(
        moderator,
        hidden,
        "hide",
        "published",
        reason="off_topic",
        note=text("decisionnote", "Bitte beim Thema bleiben."),
    )
    moderation.appeal_decision(author, hiding, text("appealnote", "Das passt zum Thema."))
    hidden_comment = comment_services.add_comment(
        author, shown_post, text("hidcomm", "Verborgener Kommentar."), "de"
    )
    moderation.decide(moderator, hidden_comment, "hide", "published", reason="insult")
    hidden_statement = publish_statement(
        author,
        post,
        speaking,
        text("hidstmt", "Titel"),
        text("hidstmt", "Verborgene Stellungnahme."),
        "de",
    )
    moderation.decide(moderator, hidden_statement, "hide", "published", reason="other")
    hidden_translation = translation_services.add_translation(
        author, own_post, "en", text("hidtransl", "title"), text("hidtransl", "Hidden text.")
    )
    moderation.decide(moderator, hidden_translation, "hide", "published", reason="spam")

    # Hidden automatically by reports (with the reporters' notes); the comment's author blocked.
    auto = build.proposal(
        post, author, title=text("autoprop", "Titel"), body=text("autoprop", "Gemeldeter Text.")
    )
    auto_comment = comment_services.add_comment(
        blocked, shown_post, text("autocomm", "Gemeldeter Kommentar."), "de"
    )
    for reporter in reporters:
        moderation.report_contribution(reporter, auto, "spam", text("reportnote", "Werbung."))
        moderation.report_contribution(reporter, auto_comment, "insult")
    moderation.block_author(moderator, auto_comment, "7", text("blockreason", "Beleidigungen."))

    # A draft consultation with a proposal, a comment and an on-site event.
    draft = build.consultation(
        region,
        phase="proposals",
        state=ConsultationState.DRAFT,
        title={"de": text("draftcons", "Entwurf"), "en": text("draftcons", "Draft")},
        summary={"de": text("draftcons", "Zusammenfassung")},
        description={"de": text("draftcons", "Beschreibung")},
    )
    draft_proposal = build.proposal(
        draft, public_author, title=text("draftprop", "Titel"), body=text("draftprop", "Text.")
    )
    draft_comment = build.comment(draft_proposal, public_author, body=text("draftcomm", "Text."))
    draft_event = orgs.on_site_event(
        draft, coordinator, name=text("draftevent", "Forum"), place=text("draftevent", "Saal")
    )

    # A draft of an action concept, in a region of its own (the world's region has its draft
    # up for comment, which makes that draft public on purpose).
    concept_region = factories.make_region(slug="zq-region")
    concept_coordinator = factories.make_user_with_role(
        "coordinator", region=concept_region, email="concept-coordinator@security.example"
    )
    concept_draft = concept_services.start_draft(concept_coordinator, concept_region)
    concept_services.add_goal(
        concept_coordinator,
        concept_draft,
        concept_services.ItemDetails(
            title=text("conceptdraft", "Ziel"),
            description=text("conceptdraft", "Beschreibung"),
            field_id=db.session.scalars(db.select(FieldOfAction.id)).first(),
        ),
    )
    planted.users["concept_coordinator"] = concept_coordinator

    # Organisations waiting for verification and declined (with the reason).
    def details(tag: str):
        return organisation_services.OrganisationDetails(
            name=text(tag, "Verein"),
            kind=OrganisationKind.MIGRANT_ORGANISATION,
            description={"de": text(tag, "Beschreibung des Vereins.")},
            website="",
            contact_email="",
            region_ids=[region.id],
            field_ids=[],
        )

    requested = organisation_services.request_organisation(requester, details("reqorg"))
    declined = organisation_services.request_organisation(requester, details("declorg"))
    organisation_services.decide(
        coordinator, declined, "decline", text("declreason", "Unterlagen fehlen."), "requested"
    )

    # What organisation admins and administrators read about others.
    membership.ask_to_join(joiner, organisation, text("joinmsg", "Darf ich mitmachen?"))
    membership.invite(org_admin, organisation, "zqxtinvitemail@security.example", "member")
    send_accessibility_feedback(
        None,
        text("feedback", "Kontrast zu schwach."),
        "/",
        "ZQXTfeedbackname",
        "zqxtfeedbackmail@security.example",
    )
    db.session.commit()

    for item in (waiting, rejected, hidden, auto, draft_proposal):
        planted.direct += _proposal_pages(item)
    for item in (waiting_comment, rejected_comment, hidden_comment, auto_comment, draft_comment):
        planted.direct += _contribution_pages(item)
        planted.direct.append(build.comment_url(item, "/edit"))
    for item in (waiting_translation, hidden_translation):
        planted.direct += _contribution_pages(item)
    for item in (waiting_statement, hidden_statement):
        base = f"/consultations/{item.consultation_id}/statements/{item.id}"
        planted.direct += [base, base + "/history", base + "/edit"]
        planted.direct += _contribution_pages(item)
    draft_base = f"/consultations/{draft.id}"
    planted.direct += [
        draft_base,
        draft_base + "/results",
        draft_base + "/edit",
        draft_base + "/concept",
        draft_base + "/on-site/",
        f"{draft_base}/on-site/{draft_event.id}",
        f"{draft_base}/on-site/{draft_event.id}/edit",
        draft_base + "/proposals/new",
        f"{draft_base}/proposals/similar?title={SEARCH_WORD}",
    ]
    for organisation_ in (requested, declined, organisation):
        base = f"/organisations/{organisation_.id}"
        planted.direct += [base, base + "/manage", base + "/review"]
    planted.closed = [
        *(build.proposal_url(item) for item in (waiting, rejected, draft_proposal)),
        *(build.proposal_url(item, "/history") for item in (waiting, rejected, hidden, auto)),
        *(f"/moderation/contributions/{item.id}" for item in (waiting, hidden, auto_comment)),
        f"/consultations/{waiting_statement.consultation_id}/statements/{waiting_statement.id}",
        f"/consultations/{draft.id}",
        f"/consultations/{draft.id}/results",
        f"/organisations/{requested.id}",
        f"/organisations/{declined.id}",
        f"/organisations/{organisation.id}/manage",
        "/regions/zq-region/concept/draft",
    ]
    planted.direct += [
        "/moderation/log.csv",
        "/moderation/appeals",
        "/admin/feedback",
        f"/admin/users/{author.id}",
        f"/admin/users/{blocked.id}",
        "/regions/zq-region",
        "/regions/zq-region/concept",
        "/regions/zq-region/concept/draft",
        "/regions/zq-region/concept/compare",
        "/regions/zq-region/concept.csv",
        "/regions/zq-region/concept.html",
        "/regions/zq-region/concept/versions/1",
        "/regions/zq-region/concept/publish",
    ]

    for consultation in (pre, pre_discussion, post):
        base = f"/consultations/{consultation.id}"
        planted.consultations += [base, f"{base}?q={SEARCH_WORD}"]
    planted.consultations += [
        build.proposal_url(item) for item in (shown_pre, own_pre, shown_post, own_post)
    ]
    planted.consultations += [
        f"/organisations/{speaking.id}",
        f"/organisations/?q={SEARCH_WORD}",
        f"/consultations/?q={SEARCH_WORD}",
    ]
    planted.public = list(planted.consultations)
    for consultation in (pre, pre_discussion, post, world.consultation):
        base = f"/consultations/{consultation.id}"
        planted.public += [
            base,
            f"{base}?q={SEARCH_WORD}",
            f"{base}/results",
            f"{base}/proposals/similar?title={SEARCH_WORD}",
            f"{base}/on-site/",
            f"{base}/concept",
        ]
    planted.downloads = [
        f"/open-data/{dataset.name}.{fmt}" for dataset in all_datasets() for fmt in ("csv", "json")
    ]
    # What the counters must show: published proposals, published comments that stay.
    planted.counts = {pre.id: (2, 0), post.id: (2, 1), pre_discussion.id: (0, 0)}
    planted.comment_counts = {build.proposal_url(shown_pre): 0, build.proposal_url(shown_post): 1}

    not_proposals = (waiting_comment, rejected_comment, hidden_comment, auto_comment)
    not_proposals += (draft_comment, waiting_translation, hidden_translation)
    for item in (waiting, rejected, hidden, auto, draft_proposal, *not_proposals):
        planted.api_closed += [f"{API}/proposals/{item.id}", f"{API}/proposals/{item.id}/comments"]
    planted.api_closed += [
        f"{API}/consultations/{draft.id}",
        f"{API}/statements/{waiting_statement.id}",
        f"{API}/statements/{hidden_statement.id}",
        f"{API}/statements/{waiting.id}",  # a proposal is no statement
        f"{API}/organisations/{requested.id}",
        f"{API}/organisations/{declined.id}",
    ]
    searched = f"q={SEARCH_WORD}"
    planted.api_lists = [
        f"{API}/proposals?{searched}",
        f"{API}/proposals?language=en",
        f"{API}/proposals?region={region.slug}&sort=oldest",
        f"{API}/organisations?{searched}",
        f"{API}/organisations?region={region.slug}",
        f"{API}/measures?versions=all",
        f"{API}/measures?region=zq-region&versions=all",
        f"{API}/funding-programmes?{searched}",
        f"{API}/indicators?region={region.slug}",
        f"{API}/statements?region={region.slug}",
        f"{API}/statements?organisation={speaking.id}",
        f"{API}/consultations?region={region.slug}",
    ]
    for consultation in (pre, pre_discussion, post, draft):
        for listing in ("proposals", "statements"):
            planted.api_lists.append(f"{API}/{listing}?consultation={consultation.id}")
    for item in (shown_pre, own_pre, shown_post, own_post):
        planted.api_lists += [f"{API}/proposals/{item.id}", f"{API}/proposals/{item.id}/comments"]
    planted.api_shown = [shown_pre.title, shown_post.title, visible_comment.body, speaking.name]
    assert visible_comment.is_visible
    return planted


def rule_paths(app, world) -> list[str]:
    """Every GET route, filled with the world's objects."""
    paths = []
    for rule in sorted(app.url_map.iter_rules(), key=lambda rule: rule.rule):
        if "GET" not in (rule.methods or ()) or rule.endpoint in SKIPPED_ENDPOINTS:
            continue
        try:
            paths.append(world.path_for(rule))
        except (KeyError, ValueError):
            continue  # the authorisation matrix names routes the world cannot fill
    return paths


def endpoint_of(app, path: str) -> str | None:
    try:
        return app.url_map.bind("localhost").match(path.split("?")[0], method="GET")[0]
    except Exception:
        return None


def exported(client) -> str:
    """The text of the visitor's own data download (the zip's members)."""
    response = client.post(
        "/account/data", data={"csrf_token": csrf_token(client, "/account/data")}
    )
    assert response.mimetype == "application/zip", response.status_code
    return body_text(response)


def crawl(app, world, actor, starts, **limits) -> dict:
    client = world.log_in_client(actor)
    limits = {"endpoint_limits": MONITORING_LIMITS, **limits}
    return Crawler(app, client, search_term=SEARCH_WORD, **limits).run(starts)


def tags_in(pages) -> dict[str, list[str]]:
    """{tag: [paths where it appears]}."""
    found: dict[str, list[str]] = {}
    for page in pages.values():
        for tag in {match.lower().removeprefix("zqxt") for match in TAG.findall(page.text)}:
            found.setdefault(tag, []).append(page.path)
    return found


def refused_tags(found: dict[str, list[str]], allowed: set[str]) -> dict[str, list[str]]:
    return {tag: paths[:4] for tag, paths in found.items() if tag not in allowed}


def _plant(world):
    with current_app.test_request_context():  # mails (invitations, feedback) build links
        return world, plant(world)


# The world with the hidden content planted, once per run; each test restores a copy.
_planted_world = world_template("hidden-content", _plant)


@pytest.fixture
def planted_world(app):
    return _planted_world()


def test_nobody_else_finds_hidden_content_anywhere(app, planted_world, mailbox):
    world, planted = planted_world
    paths = rule_paths(app, world)
    crawled = {}
    for actor in NOBODY_ELSE:
        if actor == "anonymous":
            # Walks far: every route, every planted page, links, filters, searches, downloads.
            starts = planted.direct + planted.public + planted.downloads + paths
            crawled[actor] = crawl(app, world, actor, starts, max_pages=350)
        else:
            # Adds what an account shows: its own pages, notifications, the staff area, and
            # every planted page asked for by someone signed in.
            personal = [path for path in paths if endpoint_of(app, path) not in SAME_FOR_ALL]
            starts = planted.direct + planted.consultations + personal
            crawled[actor] = crawl(app, world, actor, starts, max_pages=len(starts) + 15)
    leaks = {actor: tags_in(pages) for actor, pages in crawled.items()}
    assert {actor: found for actor, found in leaks.items() if found} == {}
    # Nor does their own data download (notifications, follows) name it.
    for actor in NOBODY_ELSE[1:]:
        download = exported(world.log_in_client(actor))
        assert "notifications" in download, actor
        assert TAG.findall(download) == [], actor

    # The crawl got around: answers of every kind, searches, downloads, each planted page.
    for actor, pages in crawled.items():
        answered = [page for page in pages.values() if page.status == 200]
        assert len(answered) > 60, (actor, len(answered))
        assert any(f"q={SEARCH_WORD}" in path for path in pages), actor
        assert set(planted.direct) <= set(pages), actor
    types = {page.content_type for page in crawled["anonymous"].values() if page.status == 200}
    assert {"text/html", "text/csv", "application/json"} <= types, types
    # What only the planted content could have filled stays closed to all of them.
    for actor, pages in crawled.items():
        opened = [path for path in planted.closed if pages[path].status == 200]
        assert opened == [], (actor, opened)
    # The followers had notifications to read: the list was not empty by chance.
    for actor in ("participant", "other_participant", "org_member", "other_moderator"):
        page = crawled[actor]["/notifications/"].text
        assert "notification-list" in page, actor
    check_counts_and_mails(world, planted, mailbox)


def check_counts_and_mails(world, planted, mailbox) -> None:
    """Counters and result counts name only what is shown; no mail names hidden content."""
    for actor in ("anonymous", "participant"):
        client = world.log_in_client(actor)
        for consultation_id, (proposals, comments) in planted.counts.items():
            page = client.get(f"/consultations/{consultation_id}").get_data(as_text=True)
            assert counters(page) == (proposals, comments), (actor, consultation_id)
            assert found_count(page) == proposals, (actor, consultation_id)
            searched = client.get(f"/consultations/{consultation_id}?q={SEARCH_WORD}")
            assert found_count(searched.get_data(as_text=True)) == 0, (actor, consultation_id)
        for path, comments in planted.comment_counts.items():
            page = client.get(path).get_data(as_text=True)
            assert comment_count(page) == comments, (actor, path)

    # Followers of everything around the hidden content: no mail names it (immediate mails,
    # daily and weekly summaries).
    emails = {world.user(actor).email for actor in NOBODY_ELSE if world.actors[actor]}
    mailbox.run_sender(utcnow_naive() + timedelta(days=8))
    mailed = [message for message in mailbox.messages() if message["To"] in emails]
    assert mailed, "the followers were told about nothing at all"
    named = [
        (message["To"], message["Subject"])
        for message in mailed
        if TAG.search(message["Subject"] + mailbox.text(message))
    ]
    assert named == []


def counters(page: str) -> tuple[int, int]:
    """(proposals, comments) from a consultation page's counters."""
    block = re.search(r'<dl class="facts facts--counters">(.*?)</dl>', page, re.S).group(1)
    numbers = [int(re.sub(r"\D", "", value)) for value in re.findall(r"<dd>(.*?)</dd>", block)]
    return numbers[0], numbers[1]


def found_count(page: str) -> int:
    match = re.search(r'class="result-count"[^>]*>\s*(\d+)', page)
    return int(match.group(1))


def comment_count(page: str) -> int:
    return int(re.search(r'<h2 id="comments-heading">\s*(\d+)', page).group(1))


# Who may read which tag, besides administrators. Coordinators moderate their region as well.
OWN = {
    "pendprop",
    "pendcomm",
    "pendtransl",
    "pendstmt",
    "rejprop",
    "rejcomm",
    "hidprop",
    "hidcomm",
    "hidstmt",
    "hidtransl",
    "autoprop",
    "decisionnote",
    "appealnote",
    "authormail",
}
MODERATION = {
    "pendprop",
    "pendcomm",
    "pendtransl",
    "pendstmt",
    "rejprop",
    "rejcomm",
    "hidprop",
    "hidcomm",
    "hidstmt",
    "hidtransl",
    "autoprop",
    "autocomm",
    "reportnote",
    "decisionnote",
    "appealnote",
}
COORDINATION = MODERATION | {
    "draftcons",
    "draftprop",
    "draftcomm",
    "draftevent",
    "reqorg",
    "declorg",
    "declreason",
}
# What administrators read where it is planted. Not: the block reason (only the blocked person
# reads it), join requests and invitations (only the organisation's admins), the on-site event
# of a draft (its pages open once the consultation is published).
FOR_ADMINISTRATORS = (
    OWN | COORDINATION | {"autocomm", "conceptdraft", "feedback", "feedbackname", "feedbackmail"}
) - {"draftevent"}
# name: (tags the visitor may read, tags the visitor must reach, where the crawl starts)
# The crawl starts at public pages and the visitor's own entry points, never at the planted
# pages: what it must reach, it reaches through lists, queues and searches.
ALLOWED = {
    "secret_author": (
        OWN,
        {"pendprop", "pendcomm", "pendtransl", "pendstmt", "decisionnote", "authormail"},
        ["/moderation/mine", "/account/", "consultations"],
    ),
    "blocked_author": ({"autocomm", "blockreason"}, {"blockreason"}, ["/moderation/mine"]),
    "moderator": (
        MODERATION,
        {"pendprop", "pendcomm", "pendtransl", "pendstmt", "hidprop", "autoprop"},
        ["/moderation/", "/moderation/?view=hidden"],
    ),
    "coordinator": (
        COORDINATION,
        {"draftcons", "reqorg", "appealnote"},
        ["/consultations/", "/organisations/review", "/moderation/appeals"],
    ),
    "concept_coordinator": ({"conceptdraft"}, {"conceptdraft"}, ["/regions/zq-region/concept"]),
    "org_admin": ({"joinmsg", "invitemail"}, {"joinmsg", "invitemail"}, ["/organisations/mine"]),
}


def test_those_who_may_see_it_find_it(app, planted_world):
    world, planted = planted_world
    # An administrator may read most of it: each such tag shows where it is planted, so a crawl
    # that finds no tag has looked at pages that would show one.
    pages = crawl(app, world, "administrator", planted.direct, max_pages=len(planted.direct))
    assert FOR_ADMINISTRATORS - set(tags_in(pages)) == set()

    missing, refused = {}, {}
    for name, (allowed, reached, entry_points) in ALLOWED.items():
        actor = planted.users.get(name) or world.actors[name]
        starts = [
            path
            for entry in entry_points
            for path in (planted.consultations if entry == "consultations" else [entry])
        ]
        pages = crawl(app, world, actor, starts, max_pages=30, per_endpoint=3)
        found = tags_in(pages)
        if reached - set(found):
            missing[name] = reached - set(found)
        if refused_tags(found, allowed):
            refused[name] = refused_tags(found, allowed)
    # The author's own data download holds their waiting contribution and address.
    download = exported(world.log_in_client(planted.users["secret_author"]))
    assert {"pendprop", "authormail"} <= {tag.lower()[4:] for tag in TAG.findall(download)}
    assert missing == {}, "the crawl did not reach what these visitors may see"
    assert refused == {}, "shown to someone who may not see it"


# --- the read API ---------------------------------------------------------------------------------

API_ADDRESS = re.compile(r'"https?://[^"/]+(/api/v1/[^"]*)"')
# Pages of one list, or addresses of one kind the answers name (a proposal's comments ...), read
# per kind at most; every start address is read whatever the limit.
API_PER_KIND = 25


def _kind_of(path: str) -> str:
    address, _separator, query = path.partition("?")
    names = sorted(name.split("=")[0] for name in query.split("&") if name)
    return re.sub(r"\d+", "N", address) + "?" + "&".join(names)


def walk_api(client, starts: list[str], max_pages: int = 700) -> dict[str, tuple[int, str]]:
    """{path: (status, body)}: the start addresses, then every API address the JSON answers name
    (next pages, a consultation's proposals, a proposal's comments ...), breadth first."""
    pages: dict[str, tuple[int, str]] = {}
    per_kind: dict[str, int] = {}
    queue = deque((path, True) for path in starts)
    while queue and len(pages) < max_pages:
        path, is_start = queue.popleft()
        kind = _kind_of(path)
        if path in pages or (not is_start and per_kind.get(kind, 0) >= API_PER_KIND):
            continue
        per_kind[kind] = per_kind.get(kind, 0) + 1
        response = client.get(path)
        text = response.get_data(as_text=True)
        pages[path] = (response.status_code, text)
        if response.status_code == 200 and response.mimetype == "application/json":
            queue.extend((found, False) for found in API_ADDRESS.findall(text))
    return pages


def api_starts(app, world, planted) -> list[str]:
    routes = [path for path in rule_paths(app, world) if path.startswith(API + "/")]
    lists = [path + ("&" if "?" in path else "?") + "limit=100" for path in planted.api_lists]
    return routes + lists + planted.api_closed


def test_the_api_and_the_open_data_show_none_of_it(app, planted_world):
    world, planted = planted_world
    starts = api_starts(app, world, planted)
    limiter.enabled = False  # hundreds of API requests in a minute: the limit has tests of its own
    try:
        walked = {"anonymous": walk_api(world.log_in_client("anonymous"), starts)}
        # The API reads as a visitor who is not signed in, whoever asks: the hidden content's
        # author, its moderator and an administrator, who read it on the pages, get no more.
        for name in ("secret_author", "moderator", "administrator"):
            actor = planted.users.get(name) or world.actors[name]
            client = world.log_in_client(actor)
            walked[name] = walk_api(client, planted.api_lists + planted.api_closed)
    finally:
        limiter.enabled = True
    statuses = {
        name: {status for status, _body in pages.values()} for name, pages in walked.items()
    }
    assert all(found <= {200, 404} for found in statuses.values()), statuses

    leaks = {
        name: {tag: paths[:3] for tag, paths in api_tags(pages).items()}
        for name, pages in walked.items()
    }
    assert {name: found for name, found in leaks.items() if found} == {}
    for name, pages in walked.items():
        found = [path for path in planted.api_closed if pages[path][0] != 404]
        assert found == [], (name, found)

    # The walk looked where the content would show: many answers, every endpoint, the
    # published neighbours of the hidden content and next pages.
    anonymous = walked["anonymous"]
    answered = {path: body for path, (status, body) in anonymous.items() if status == 200}
    assert len(answered) > 80, len(answered)
    endpoints = {endpoint_of(app, path) for path in answered}
    api_endpoints = {
        rule.endpoint for rule in app.url_map.iter_rules() if rule.rule.startswith(API)
    }
    assert api_endpoints - endpoints == set()
    assert any("cursor=" in path for path in answered)
    shown = "\n".join(answered.values())
    assert [text for text in planted.api_shown if text not in shown] == []

    # The open-data files: none of it either, while they name the published neighbours.
    client = world.log_in_client("anonymous")
    downloads = {}
    for path in planted.downloads:
        response = client.get(path)
        assert response.status_code == 200, path
        downloads[path] = body_text(response)
    assert {path: TAG.findall(text) for path, text in downloads.items() if TAG.search(text)} == {}
    files = "\n".join(downloads.values())
    assert [text for text in planted.api_shown if text not in files] == []


def api_tags(pages: dict[str, tuple[int, str]]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path, (_status, body) in pages.items():
        for tag in {match.lower().removeprefix("zqxt") for match in TAG.findall(body)}:
            found.setdefault(tag, []).append(path)
    return found
