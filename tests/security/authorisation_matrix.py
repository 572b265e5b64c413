"""Who reaches what: the expected outcome of every route and method for each actor of the world.

The actors are those of tests/security/world.py (region Offenbach): `anonymous`, `participant`,
`author` (of the proposal, comment, translation, notification and decision in the paths),
`other_participant` (asked to join the organisation), `org_member` and `org_admin` (of the
organisation in the paths), `moderator` and `coordinator` (of the region), `other_moderator` (of
another region) and `administrator`.

Outcomes:
- ok: 2xx, or a redirect that is not to the login page: the request passed authorisation (a button
  form's refusal for a business reason, flashed after a redirect, counts as ok too)
- login: redirect to the login page (visitors, and token links that end there)
- denied: 403
- missing: 404, e.g. someone else's notification answers like one that does not exist
- refused: 400, 405, 409 or 422: allowed to ask, but an empty form is not enough

POSTs carry a valid CSRF token and an empty form: the question is who gets through, not what
is valid. Each entry is a profile read like the rule it encodes; a route without an entry fails.
"""

from tests.security.world import ACTORS

OK, LOGIN, DENIED, MISSING, REFUSED = "ok", "login", "denied", "missing", "refused"

STAFF = ("moderator", "other_moderator", "coordinator", "administrator")


def outcomes(default: str, **per_actor: str) -> dict[str, str]:
    unknown = set(per_actor) - set(ACTORS)
    assert not unknown, f"unknown actors {unknown}"
    return {actor: per_actor.get(actor, default) for actor in ACTORS}


def only(*actors: str, others: str = DENIED, outcome: str = OK) -> dict[str, str]:
    """`actors` get `outcome`, visitors go to the login page, everyone else gets `others`."""
    return outcomes(others, anonymous=LOGIN, **dict.fromkeys(actors, outcome))


def but(profile: dict[str, str], **changes: str) -> dict[str, str]:
    """The profile with a few actors' outcomes changed."""
    unknown = set(changes) - set(ACTORS)
    assert not unknown, f"unknown actors {unknown}"
    return {**profile, **changes}


def refusing_empty(profile: dict[str, str]) -> dict[str, str]:
    """Those who get through are refused an empty form (400/409/422)."""
    return {actor: REFUSED if outcome == OK else outcome for actor, outcome in profile.items()}


# --- Profiles ------------------------------------------------------------------------------------

# Anyone, logged in or not.
PUBLIC = outcomes(OK)
# Any account; visitors are sent to log in.
LOGGED_IN = only(*ACTORS[1:])
# The owner of the object; others get a 403.
AUTHOR_ONLY = only("author")
# The recipient of a notification; for others it does not exist.
OWN_ONLY = only("author", others=MISSING)
# The organisation's admins (not plain members, not the coordination).
ORG_ADMIN = only("org_admin")
# The organisation's admins and the coordination of one of its regions.
ORG_EDITORS = only("org_admin", "coordinator", "administrator")
# Members of the organisation.
ORG_MEMBERS = only("org_member", "org_admin")
# The region's coordination: its coordinators and the administrators.
REGION_COORDINATION = only("coordinator", "administrator")
# Those who moderate the region: its moderators and coordinators, the administrators.
REGION_MODERATION = only("moderator", "coordinator", "administrator")
# Everyone with a staff role anywhere (the queue itself shows only their regions).
STAFF_ONLY = only(*STAFF)
# Administrators only.
ADMIN_ONLY = only("administrator")
# Accounts without a staff role (staff may not turn their second factor off).
NOT_STAFF = only(*(actor for actor in ACTORS[1:] if actor not in STAFF))

# --- The matrix: (endpoint, method) -> profile ----------------------------------------------------
# An endpoint with several rules is keyed by its rule instead: (rule, method).

MATRIX: dict[tuple[str, str], dict[str, str]] = {
    # Public pages
    ("pages.start", "GET"): PUBLIC,
    ("pages.accessibility", "GET"): PUBLIC,
    ("pages.accessibility", "POST"): PUBLIC,  # the feedback form (re-shown with its errors)
    ("pages.imprint", "GET"): PUBLIC,
    ("pages.privacy", "GET"): PUBLIC,
    ("pages.easy_language", "GET"): PUBLIC,
    ("pages.set_language", "POST"): PUBLIC,
    ("pages.video_file", "GET"): PUBLIC,
    ("multilingual.preference", "POST"): PUBLIC,
    ("static", "GET"): PUBLIC,
    # Health checks for load balancers (no session, no second-factor step)
    ("health.live", "GET"): PUBLIC,
    ("health.ready", "GET"): PUBLIC,
    # Account: forms for visitors, signed links (the author's), one's own account
    ("accounts.login", "GET"): PUBLIC,
    ("accounts.login", "POST"): PUBLIC,
    ("accounts.register", "GET"): PUBLIC,
    ("accounts.register", "POST"): PUBLIC,
    ("accounts.reset_request", "GET"): PUBLIC,
    ("accounts.reset_request", "POST"): PUBLIC,
    ("accounts.reset_password", "GET"): PUBLIC,
    ("accounts.reset_password", "POST"): PUBLIC,
    ("accounts.confirm_email", "GET"): PUBLIC,  # only shows the button
    # The link confirms for whoever holds it; visitors are then sent to log in.
    ("accounts.confirm_email", "POST"): LOGGED_IN,
    ("accounts.confirm_email_change", "GET"): PUBLIC,
    ("accounts.confirm_email_change", "POST"): LOGGED_IN,  # as above
    ("accounts.resend_confirmation", "POST"): LOGGED_IN,
    ("accounts.profile", "GET"): LOGGED_IN,
    ("accounts.profile", "POST"): LOGGED_IN,
    ("accounts.change_email", "GET"): LOGGED_IN,
    ("accounts.change_email", "POST"): LOGGED_IN,
    ("accounts.change_password", "GET"): LOGGED_IN,
    ("accounts.change_password", "POST"): LOGGED_IN,
    ("accounts.logout", "POST"): PUBLIC,
    ("profile.edit", "GET"): LOGGED_IN,
    ("profile.edit", "POST"): LOGGED_IN,
    ("profile.withdraw", "POST"): LOGGED_IN,
    # Privacy self-service: one's own data only, in the logged-in session
    ("privacy.export", "GET"): LOGGED_IN,
    ("privacy.export", "POST"): LOGGED_IN,
    ("privacy.delete", "GET"): LOGGED_IN,
    ("privacy.delete", "POST"): LOGGED_IN,  # asks for the password again (re-shown form)
    # Two-step login: the steps of a pending login, one's own settings
    ("accounts.second_step", "GET"): LOGGED_IN,
    ("accounts.second_step", "POST"): LOGGED_IN,
    ("accounts.recovery_step", "GET"): LOGGED_IN,
    ("accounts.recovery_step", "POST"): LOGGED_IN,
    ("accounts.mfa_settings", "GET"): LOGGED_IN,
    ("accounts.mfa_setup", "GET"): LOGGED_IN,
    ("accounts.mfa_setup", "POST"): LOGGED_IN,
    ("accounts.mfa_renew_codes", "POST"): LOGGED_IN,
    ("accounts.mfa_disable", "POST"): NOT_STAFF,
    # Administration
    ("admin.index", "GET"): ADMIN_ONLY,
    ("admin.feedback", "GET"): ADMIN_ONLY,
    ("admin.feedback_handled", "POST"): ADMIN_ONLY,
    ("admin.imprint", "GET"): ADMIN_ONLY,
    ("admin.imprint", "POST"): ADMIN_ONLY,
    ("admin.users", "GET"): ADMIN_ONLY,
    ("admin.user_detail", "GET"): ADMIN_ONLY,
    ("admin.user_detail", "POST"): ADMIN_ONLY,
    ("admin.toggle_administrator", "POST"): ADMIN_ONLY,
    ("admin.remove_role", "POST"): ADMIN_ONLY,
    ("admin.reset_second_factor", "POST"): ADMIN_ONLY,
    ("admin.videos", "GET"): ADMIN_ONLY,
    ("admin.videos", "POST"): ADMIN_ONLY,
    ("admin.delete_video", "POST"): ADMIN_ONLY,
    # Regions and fields of action
    ("regions.index", "GET"): PUBLIC,
    ("regions.detail", "GET"): PUBLIC,
    ("regions.edit", "GET"): REGION_COORDINATION,
    ("regions.edit", "POST"): REGION_COORDINATION,
    ("regions.choose_fields", "GET"): REGION_COORDINATION,
    ("regions.choose_fields", "POST"): REGION_COORDINATION,
    ("regions.new", "GET"): ADMIN_ONLY,
    ("regions.new", "POST"): ADMIN_ONLY,
    ("regions.fields_index", "GET"): PUBLIC,
    ("regions.fields_manage", "GET"): ADMIN_ONLY,
    ("/regions/fields-of-action/new", "GET"): ADMIN_ONLY,
    ("/regions/fields-of-action/new", "POST"): ADMIN_ONLY,
    ("/regions/fields-of-action/<field_slug>/edit", "GET"): ADMIN_ONLY,
    ("/regions/fields-of-action/<field_slug>/edit", "POST"): ADMIN_ONLY,
    # Consultations: public while published; managed by the region's coordination
    ("consultations.index", "GET"): PUBLIC,
    ("consultations.detail", "GET"): PUBLIC,
    ("consultations.results", "GET"): PUBLIC,
    ("consultations.new", "GET"): REGION_COORDINATION,
    ("consultations.new", "POST"): REGION_COORDINATION,
    ("consultations.edit", "GET"): REGION_COORDINATION,
    ("consultations.edit", "POST"): REGION_COORDINATION,
    ("consultations.publish", "POST"): REGION_COORDINATION,
    ("consultations.archive", "POST"): REGION_COORDINATION,
    # Proposals (the consultation is in its proposals phase): anyone with an account proposes
    # and comments, the author edits and withdraws, the coordination answers
    ("proposals.detail", "GET"): PUBLIC,
    ("proposals.history", "GET"): PUBLIC,
    ("proposals.similar", "GET"): PUBLIC,
    ("proposals.new", "GET"): LOGGED_IN,
    ("proposals.new", "POST"): LOGGED_IN,
    ("proposals.edit", "GET"): AUTHOR_ONLY,
    ("proposals.edit", "POST"): AUTHOR_ONLY,
    ("proposals.withdraw", "POST"): AUTHOR_ONLY,
    ("proposals.answer", "GET"): REGION_COORDINATION,
    ("proposals.answer", "POST"): REGION_COORDINATION,
    ("comments.create", "POST"): refusing_empty(LOGGED_IN),
    ("comments.edit", "GET"): AUTHOR_ONLY,
    ("comments.edit", "POST"): AUTHOR_ONLY,
    ("comments.delete", "POST"): AUTHOR_ONLY,
    # Voting is not open in the proposals phase: refused to everyone with an account (the vote
    # is sent as the page's script sends it, so the refusal is a status, not a flash message)
    ("votes.vote", "POST"): only(*ACTORS[1:], outcome=DENIED),
    # Translations: of the proposal by its author or the coordination; the translation by its
    # translator
    ("multilingual.new", "GET"): only("author", "coordinator", "administrator"),
    ("multilingual.new", "POST"): only("author", "coordinator", "administrator"),
    ("multilingual.edit", "GET"): AUTHOR_ONLY,
    ("multilingual.edit", "POST"): AUTHOR_ONLY,
    # Statements (consultation in its discussion phase): the organisation's admins
    ("statements.detail", "GET"): PUBLIC,
    ("statements.history", "GET"): PUBLIC,
    ("statements.new", "GET"): ORG_ADMIN,
    ("statements.new", "POST"): ORG_ADMIN,
    ("statements.edit", "GET"): ORG_ADMIN,
    ("statements.edit", "POST"): ORG_ADMIN,
    # On-site events and the contributions collected there: the coordination
    ("onsite.index", "GET"): REGION_COORDINATION,
    ("onsite.event", "GET"): REGION_COORDINATION,
    ("onsite.new_event", "GET"): REGION_COORDINATION,
    ("onsite.new_event", "POST"): REGION_COORDINATION,
    ("onsite.edit_event", "GET"): REGION_COORDINATION,
    ("onsite.edit_event", "POST"): REGION_COORDINATION,
    ("onsite.record_proposal", "POST"): REGION_COORDINATION,
    ("onsite.record_comment", "POST"): REGION_COORDINATION,
    ("onsite.delete_event", "POST"): REGION_COORDINATION,
    # Moderation: reports by others than the author; decisions by the region's moderation;
    # appeals by the author, decided by the coordination
    ("moderation.report", "GET"): but(LOGGED_IN, author=DENIED),
    ("moderation.report", "POST"): but(LOGGED_IN, author=DENIED),
    ("moderation.queue", "GET"): STAFF_ONLY,
    ("moderation.approve_many", "POST"): STAFF_ONLY,
    ("moderation.item", "GET"): REGION_MODERATION,
    ("moderation.item", "POST"): REGION_MODERATION,
    ("moderation.block", "POST"): REGION_MODERATION,
    ("moderation.mine", "GET"): LOGGED_IN,
    ("moderation.appeal", "POST"): AUTHOR_ONLY,
    ("moderation.appeals", "GET"): REGION_COORDINATION,
    ("moderation.resolve", "POST"): REGION_COORDINATION,
    ("moderation.audit_csv", "GET"): REGION_COORDINATION,
    # Notifications: one's own; following; the signed unsubscribe link works without login
    ("notifications.index", "GET"): LOGGED_IN,
    ("notifications.following", "GET"): LOGGED_IN,
    ("notifications.settings", "GET"): LOGGED_IN,
    ("notifications.settings", "POST"): LOGGED_IN,
    ("notifications.read_all", "POST"): LOGGED_IN,
    ("notifications.open_item", "POST"): OWN_ONLY,
    ("notifications.read", "POST"): OWN_ONLY,
    ("notifications.follow", "POST"): LOGGED_IN,
    ("notifications.unfollow", "POST"): LOGGED_IN,
    ("notifications.unsubscribe", "GET"): PUBLIC,
    ("notifications.unsubscribe", "POST"): PUBLIC,
    # Organisations: verified ones are public; admins manage members, the coordination reviews
    ("organisations.index", "GET"): PUBLIC,
    ("organisations.profile", "GET"): PUBLIC,
    ("organisations.mine", "GET"): LOGGED_IN,
    ("organisations.new", "GET"): LOGGED_IN,
    ("organisations.new", "POST"): LOGGED_IN,
    ("organisations.manage", "GET"): ORG_EDITORS,
    ("organisations.edit", "POST"): ORG_EDITORS,
    ("organisations.ask_again", "POST"): ORG_EDITORS,
    ("organisations.invite", "POST"): ORG_ADMIN,
    ("organisations.withdraw_invitation", "POST"): ORG_ADMIN,
    ("organisations.decide_join", "POST"): ORG_ADMIN,
    ("organisations.change_role", "POST"): ORG_ADMIN,
    ("organisations.remove_member", "POST"): ORG_ADMIN,
    ("organisations.join", "POST"): but(LOGGED_IN, org_member=DENIED, org_admin=DENIED),
    ("organisations.withdraw_join", "POST"): only("other_participant", others=MISSING),
    ("organisations.leave", "POST"): ORG_MEMBERS,
    # The invitation link (for the participant's address) shows who it is for, to anyone
    ("organisations.invitation", "GET"): PUBLIC,
    ("organisations.invitation", "POST"): LOGGED_IN,
    ("organisations.review_queue", "GET"): REGION_COORDINATION,
    ("organisations.review", "GET"): REGION_COORDINATION,
    ("organisations.review", "POST"): refusing_empty(REGION_COORDINATION),
    # Funding programmes: one catalogue, kept by the coordination (of any region)
    ("funding.index", "GET"): PUBLIC,
    ("funding.detail", "GET"): PUBLIC,
    ("funding.deadlines", "GET"): PUBLIC,
    ("funding.new", "GET"): REGION_COORDINATION,
    ("funding.new", "POST"): REGION_COORDINATION,
    ("funding.edit", "GET"): REGION_COORDINATION,
    ("funding.edit", "POST"): REGION_COORDINATION,
    ("funding.delete", "POST"): REGION_COORDINATION,
    # Project approaches of the region
    ("projects.index", "GET"): PUBLIC,
    ("projects.detail", "GET"): PUBLIC,
    ("projects.coordination", "GET"): REGION_COORDINATION,
    ("projects.new", "GET"): REGION_COORDINATION,
    ("projects.new", "POST"): REGION_COORDINATION,
    ("projects.edit", "GET"): REGION_COORDINATION,
    ("projects.edit", "POST"): REGION_COORDINATION,
    ("projects.delete", "POST"): REGION_COORDINATION,
    # The region's action concept: published versions are public, the draft is the coordination's;
    # the draft put up for comment in the consultation takes comments from everyone
    ("concepts.current", "GET"): PUBLIC,
    ("concepts.version", "GET"): PUBLIC,
    ("concepts.compare", "GET"): PUBLIC,
    ("concepts.export", "GET"): PUBLIC,
    ("concepts.discussion", "GET"): PUBLIC,
    ("concepts.comment", "POST"): refusing_empty(LOGGED_IN),
    ("concepts.draft", "GET"): REGION_COORDINATION,
    ("concepts.start_draft", "POST"): REGION_COORDINATION,  # a draft exists: flashed refusal
    ("concepts.add_goal", "POST"): refusing_empty(REGION_COORDINATION),
    ("concepts.add_measure", "GET"): REGION_COORDINATION,
    ("concepts.add_measure", "POST"): REGION_COORDINATION,
    ("concepts.edit_item", "GET"): REGION_COORDINATION,
    ("concepts.edit_item", "POST"): REGION_COORDINATION,
    ("concepts.remove_item", "POST"): REGION_COORDINATION,
    ("concepts.publish", "GET"): REGION_COORDINATION,
    ("concepts.publish", "POST"): REGION_COORDINATION,
    # Monitoring: public figures; the internal ones and context indicators for the coordination
    ("monitoring.dashboard", "GET"): PUBLIC,
    ("monitoring.region", "GET"): PUBLIC,
    ("monitoring.report", "GET"): PUBLIC,
    ("monitoring.internal", "GET"): REGION_COORDINATION,
    ("monitoring.chart_download", "GET"): REGION_COORDINATION,  # an internal chart
    ("monitoring.context_index", "GET"): REGION_COORDINATION,
    ("monitoring.context_new", "GET"): REGION_COORDINATION,
    ("monitoring.context_new", "POST"): REGION_COORDINATION,
    ("monitoring.context_edit", "GET"): REGION_COORDINATION,
    ("monitoring.context_edit", "POST"): REGION_COORDINATION,
    ("monitoring.context_delete", "GET"): REGION_COORDINATION,
    ("monitoring.context_delete", "POST"): REGION_COORDINATION,
    # Open data
    ("opendata.index", "GET"): PUBLIC,
    ("opendata.download", "GET"): PUBLIC,
    ("opendata.api", "GET"): PUBLIC,  # the page that explains the read API
    # The read API: public data, read as a visitor who is not signed in, whoever asks
    ("api.entry", "GET"): PUBLIC,
    ("api.openapi", "GET"): PUBLIC,
    ("api.regions", "GET"): PUBLIC,
    ("api.region", "GET"): PUBLIC,
    ("api.fields", "GET"): PUBLIC,
    ("api.field", "GET"): PUBLIC,
    ("api.consultations", "GET"): PUBLIC,
    ("api.consultation", "GET"): PUBLIC,
    ("api.proposals", "GET"): PUBLIC,
    ("api.proposal", "GET"): PUBLIC,
    ("api.proposal_comments", "GET"): PUBLIC,
    ("api.statements", "GET"): PUBLIC,
    ("api.statement", "GET"): PUBLIC,
    ("api.organisations", "GET"): PUBLIC,
    ("api.organisation", "GET"): PUBLIC,
    ("api.funding_programmes", "GET"): PUBLIC,
    ("api.funding_programme", "GET"): PUBLIC,
    ("api.project_approaches", "GET"): PUBLIC,
    ("api.project_approach", "GET"): PUBLIC,
    ("api.measures", "GET"): PUBLIC,
    ("api.measure", "GET"): PUBLIC,
    ("api.indicators", "GET"): PUBLIC,
}


def expected(rule, method: str, shared_endpoint: bool = False) -> dict[str, str] | None:
    """The profile of a rule and method, or None when the matrix has no entry.

    A rule that shares its endpoint with others needs an entry of its own (by its rule).
    """
    if shared_endpoint:
        return MATRIX.get((rule.rule, method))
    return MATRIX.get((rule.endpoint, method))
