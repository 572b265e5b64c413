"""Organisation pages: directory, profile, request, management, verification."""

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from app.accounts.models import normalise_email
from app.core.errors import DomainError, PermissionDenied
from app.core.forms import EmptyForm, apply_change, fill_translated, translated_data
from app.core.i18n import _
from app.core.permissions import can, permission_required, require
from app.extensions import db, limiter
from app.moderation.abuse import per_account_key
from app.organisations import bp, membership, queries, services
from app.organisations.forms import (
    AnswerForm,
    DecisionForm,
    InviteForm,
    JoinForm,
    OrganisationForm,
    RoleForm,
)
from app.organisations.models import (
    DECISION_NAMES,
    KIND_NAMES,
    ROLE_NAMES,
    Organisation,
    OrganisationKind,
    OrganisationStatus,
)


def _posting_limit() -> str:
    return current_app.config["RATELIMIT_POSTING"]


def _organisation(organisation_id: int) -> Organisation:
    return queries.organisation_or_404(organisation_id, current_user)


def _details(form: OrganisationForm) -> services.OrganisationDetails:
    return services.OrganisationDetails(
        name=form.name.data or "",
        kind=form.kind.data or "",
        description=translated_data(form, "description"),
        website=form.website.data or "",
        contact_email=form.contact_email.data or "",
        region_ids=list(form.regions.data or []),
        field_ids=list(form.fields.data or []),
    )


def _organisation_form(**kwargs) -> OrganisationForm:
    form = OrganisationForm(**kwargs)
    form.set_choices(queries.directory_regions(), queries.directory_fields())
    return form


def _button_change(change, success_message) -> bool:
    """A button form (CSRF token only): run the service, flash its refusal as an error."""
    form = EmptyForm()
    if not form.validate_on_submit():
        flash(_("The form has expired. Please send it again."), "error")
        return False
    outcome = apply_change(form, change, success_message)
    if getattr(form, "refusal_status", None) == 404:
        raise DomainError(status_code=404)
    for message in form.form_errors:
        flash(message, "error")
    return bool(outcome)


def _manage_url(organisation: Organisation) -> str:
    return url_for("organisations.manage", organisation_id=organisation.id)


# --- Directory and profile ----------------------------------------------------------------------


@bp.route("/")
def index():
    regions = queries.directory_regions()
    fields = queries.directory_fields()
    filters = queries.DirectoryFilters.from_args(
        request.args, {r.slug for r in regions}, {f.slug for f in fields}
    )
    return render_template(
        "organisations/index.html",
        filters=filters,
        pagination=queries.directory_page(filters),
        regions=regions,
        fields=fields,
        kinds=[(code, KIND_NAMES[code]) for code in OrganisationKind.ALL],
    )


@bp.route("/<int:organisation_id>")
def profile(organisation_id: int):
    organisation = _organisation(organisation_id)
    return _profile_page(organisation, JoinForm())


def _profile_page(organisation: Organisation, join_form: JoinForm, status: int = 200):
    role = organisation.role_of(current_user) if current_user.is_authenticated else None
    sees_status = role is not None or can(current_user, "organisation.review", organisation)
    return render_template(
        "organisations/profile.html",
        organisation=organisation,
        role=role,
        role_names=ROLE_NAMES,
        sees_status=sees_status,
        declined=(
            queries.latest_decision(organisation, "decline")
            if sees_status and organisation.status == OrganisationStatus.DECLINED
            else None
        ),
        suspended=(
            queries.latest_decision(organisation, "suspend")
            if sees_status and organisation.status == OrganisationStatus.SUSPENDED
            else None
        ),
        contributions=queries.said_on_behalf(organisation, request.args.get("page")),
        join_form=join_form,
        join_request=queries.open_join_request(organisation, current_user),
    ), status


@bp.route("/new", methods=["GET", "POST"])
@login_required
@limiter.limit(_posting_limit, methods=["POST"], key_func=per_account_key)
def new():
    if not can(current_user, "organisation.request"):
        return render_template("organisations/new.html", form=None), 403
    form = _organisation_form()
    if form.validate_on_submit():
        outcome = apply_change(
            form,
            lambda: services.request_organisation(current_user, _details(form)),
            _(
                "Thank you. The coordination of the regions you chose will review the request. "
                "Until then, only you and they can see this page."
            ),
        )
        if outcome:
            return redirect(url_for("organisations.profile", organisation_id=outcome.value.id))
    return render_template("organisations/new.html", form=form), getattr(
        form, "refusal_status", 200
    )


# --- My organisations ---------------------------------------------------------------------------


@bp.route("/mine")
@login_required
def mine():
    invitations = queries.my_invitations(current_user)
    return render_template(
        "organisations/mine.html",
        memberships=queries.my_memberships(current_user),
        join_requests=queries.my_join_requests(current_user),
        invitations=[(i, membership.invitation_token(i)) for i in invitations],
        role_names=ROLE_NAMES,
        may_request=can(current_user, "organisation.request"),
    )


@bp.route("/<int:organisation_id>/join", methods=["POST"])
@login_required
@limiter.limit(_posting_limit, methods=["POST"], key_func=per_account_key)
def join(organisation_id: int):
    organisation = _organisation(organisation_id)
    require(current_user, "organisation.join", organisation)
    form = JoinForm()
    if form.validate_on_submit() and apply_change(
        form,
        lambda: membership.ask_to_join(current_user, organisation, form.message.data or ""),
        _("Your request has been sent. The admins of the organisation will answer it."),
    ):
        return redirect(url_for("organisations.profile", organisation_id=organisation.id))
    if form.form_errors:  # e.g. asked already: the page then shows the open request
        for message in form.form_errors:
            flash(message, "error")
        return redirect(url_for("organisations.profile", organisation_id=organisation.id))
    return _profile_page(organisation, form, getattr(form, "refusal_status", 200))


@bp.route("/join-requests/<int:join_request_id>/withdraw", methods=["POST"])
@login_required
def withdraw_join(join_request_id: int):
    join_request = queries.join_request_or_404(join_request_id)
    if join_request.user_id != current_user.id:
        raise DomainError(status_code=404)
    _button_change(
        lambda: membership.withdraw_join_request(current_user, join_request),
        _("Your request has been withdrawn."),
    )
    return redirect(url_for("organisations.mine"))


@bp.route("/<int:organisation_id>/leave", methods=["POST"])
@login_required
def leave(organisation_id: int):
    organisation = _organisation(organisation_id)
    require(current_user, "organisation.leave", organisation)
    if _button_change(
        lambda: membership.leave(current_user, organisation),
        _("You have left %(name)s.", name=organisation.name),
    ):
        return redirect(url_for("organisations.mine"))
    return redirect(url_for("organisations.profile", organisation_id=organisation.id))


# --- Invitations --------------------------------------------------------------------------------


def mask_email(address: str) -> str:
    """a***@example.org: enough to recognise one's address, not to harvest it."""
    local, _sep, domain = address.partition("@")
    return f"{local[:1]}***@{domain}"


INVITATION_ERRORS = {
    "invalid": 400,
    "expired": 410,
    "used": 410,
}


@bp.route("/invitations/<token>", methods=["GET", "POST"])
def invitation(token: str):
    try:
        found = membership.read_invitation(token)
    except membership.InvitationError as error:
        return render_template(
            "organisations/invitation_error.html", reason=error.reason
        ), INVITATION_ERRORS[error.reason]
    if request.method == "POST" and not current_user.is_authenticated:
        return redirect(url_for("accounts.login", next=request.path))
    form = AnswerForm()
    if form.validate_on_submit():
        accepted = form.accepted()
        if accepted is None:
            form.form_errors.append(_("Please accept or decline the invitation."))
        else:
            outcome = apply_change(
                form,
                lambda: membership.answer_invitation(current_user, found, accepted),
                _("Welcome to %(name)s.", name=found.organisation.name)
                if accepted
                else _("You have declined the invitation."),
            )
            if outcome and accepted:
                return redirect(
                    url_for("organisations.profile", organisation_id=found.organisation_id)
                )
            if outcome:
                return redirect(url_for("organisations.mine"))
    is_invited = (
        current_user.is_authenticated
        and normalise_email(current_user.email) == found.email
        and current_user.is_confirmed
    )
    return render_template(
        "organisations/invitation.html",
        invitation=found,
        form=form,
        masked_email=mask_email(found.email),
        is_invited=is_invited,
        role_name=ROLE_NAMES[found.role],
    ), getattr(form, "refusal_status", 200)


# --- Management ---------------------------------------------------------------------------------


def _may_manage(organisation: Organisation) -> None:
    if not (
        can(current_user, "organisation.edit", organisation)
        or can(current_user, "organisation.manage_members", organisation)
    ):
        raise PermissionDenied()


def _manage_page(organisation: Organisation, edit_form=None, invite_form=None, status=200):
    locked = not services.may_change_checked_details(current_user, organisation)
    if edit_form is None:
        edit_form = _organisation_form(formdata=None)
        edit_form.name.data = organisation.name
        edit_form.kind.data = organisation.kind
        edit_form.regions.data = [region.id for region in organisation.regions]
        edit_form.fields.data = [field.id for field in organisation.fields_of_action]
        edit_form.website.data = organisation.website
        edit_form.contact_email.data = organisation.contact_email
        fill_translated(edit_form, "description", organisation.description)
    manages_members = can(current_user, "organisation.manage_members", organisation)
    return render_template(
        "organisations/manage.html",
        organisation=organisation,
        edit_form=edit_form,
        locked=locked,
        may_edit=can(current_user, "organisation.edit", organisation),
        manages_members=manages_members,
        members=queries.members(organisation) if manages_members else [],
        invitations=queries.open_invitations(organisation) if manages_members else [],
        join_requests=queries.open_join_requests(organisation) if manages_members else [],
        invite_form=invite_form or InviteForm(formdata=None),
        role_names=ROLE_NAMES,
        declined=queries.latest_decision(organisation, "decline")
        if organisation.status == OrganisationStatus.DECLINED
        else None,
    ), status


@bp.route("/<int:organisation_id>/manage")
@login_required
def manage(organisation_id: int):
    organisation = _organisation(organisation_id)
    _may_manage(organisation)
    return _manage_page(organisation)


@bp.route("/<int:organisation_id>/edit", methods=["POST"])
@login_required
def edit(organisation_id: int):
    organisation = _organisation(organisation_id)
    require(current_user, "organisation.edit", organisation)
    form = _organisation_form()
    if not services.may_change_checked_details(current_user, organisation):
        # Shown disabled (browsers do not send them): the checked details stay as they are.
        form.name.data = organisation.name
        form.kind.data = organisation.kind
        form.regions.data = [region.id for region in organisation.regions]
    if form.validate_on_submit() and apply_change(
        form,
        lambda: services.edit_organisation(current_user, organisation, _details(form)),
        _("The details of the organisation have been saved."),
    ):
        return redirect(_manage_url(organisation))
    return _manage_page(organisation, edit_form=form, status=getattr(form, "refusal_status", 200))


@bp.route("/<int:organisation_id>/ask-again", methods=["POST"])
@login_required
def ask_again(organisation_id: int):
    organisation = _organisation(organisation_id)
    require(current_user, "organisation.edit", organisation)
    _button_change(
        lambda: services.ask_again(current_user, organisation),
        _("Your request has been sent again. The coordination will review it."),
    )
    return redirect(_manage_url(organisation))


@bp.route("/<int:organisation_id>/invite", methods=["POST"])
@login_required
@limiter.limit(_posting_limit, methods=["POST"], key_func=per_account_key)
def invite(organisation_id: int):
    organisation = _organisation(organisation_id)
    require(current_user, "organisation.manage_members", organisation)
    form = InviteForm()
    if form.validate_on_submit() and apply_change(
        form,
        lambda: membership.invite(current_user, organisation, form.email.data, form.role.data),
        _("The invitation has been sent to %(email)s.", email=form.email.data),
    ):
        return redirect(_manage_url(organisation) + "#members")
    return _manage_page(organisation, invite_form=form, status=getattr(form, "refusal_status", 200))


@bp.route("/<int:organisation_id>/invitations/<int:invitation_id>/withdraw", methods=["POST"])
@login_required
def withdraw_invitation(organisation_id: int, invitation_id: int):
    organisation = _organisation(organisation_id)
    require(current_user, "organisation.manage_members", organisation)
    found = queries.invitation_or_404(organisation, invitation_id)
    _button_change(
        lambda: membership.withdraw_invitation(current_user, found),
        _("The invitation has been withdrawn."),
    )
    return redirect(_manage_url(organisation) + "#members")


@bp.route("/<int:organisation_id>/join-requests/<int:join_request_id>", methods=["POST"])
@login_required
def decide_join(organisation_id: int, join_request_id: int):
    organisation = _organisation(organisation_id)
    require(current_user, "organisation.manage_members", organisation)
    join_request = queries.join_request_or_404(join_request_id, organisation)
    form = AnswerForm()
    accepted = form.accepted() if form.validate_on_submit() else None
    if accepted is None:
        flash(_("Please accept or decline the request."), "error")
    else:
        name = join_request.user.display_name
        _button_change(
            lambda: membership.decide_join_request(current_user, join_request, accepted),
            _("%(name)s is now a member.", name=name)
            if accepted
            else _("The request of %(name)s has been declined.", name=name),
        )
    return redirect(_manage_url(organisation) + "#members")


@bp.route("/<int:organisation_id>/members/<int:member_id>/role", methods=["POST"])
@login_required
def change_role(organisation_id: int, member_id: int):
    organisation = _organisation(organisation_id)
    require(current_user, "organisation.manage_members", organisation)
    form = RoleForm()
    if not form.validate_on_submit():
        flash(_("Please choose a role from the list."), "error")
    else:
        _button_change(
            lambda: membership.change_role(current_user, organisation, member_id, form.role.data),
            _("The role has been changed."),
        )
    return redirect(_manage_url(organisation) + "#members")


@bp.route("/<int:organisation_id>/members/<int:member_id>/remove", methods=["POST"])
@login_required
def remove_member(organisation_id: int, member_id: int):
    organisation = _organisation(organisation_id)
    require(current_user, "organisation.manage_members", organisation)
    _button_change(
        lambda: membership.remove_member(current_user, organisation, member_id),
        _("The member has been removed."),
    )
    return redirect(_manage_url(organisation) + "#members")


# --- Verification -------------------------------------------------------------------------------


@bp.route("/review")
@permission_required("organisation.review_queue")
def review_queue():
    view = "decided" if request.args.get("view") == "decided" else "waiting"
    waiting = queries.waiting_for_review(current_user)
    return render_template(
        "organisations/review_queue.html",
        view=view,
        waiting=waiting,
        decided=queries.recently_decided(current_user) if view == "decided" else [],
        decision_names=DECISION_NAMES,
    )


def possible_decisions(status: str) -> list[str]:
    return [
        action for action, (sources, _target) in services.DECISIONS.items() if status in sources
    ]


@bp.route("/<int:organisation_id>/review", methods=["GET", "POST"])
@login_required
def review(organisation_id: int):
    organisation = db.get_or_404(Organisation, organisation_id)
    require(current_user, "organisation.review", organisation)
    form = DecisionForm()
    form.offer(possible_decisions(organisation.status))
    if request.method == "GET":
        form.seen_status.data = organisation.status
    if form.validate_on_submit() and apply_change(
        form,
        lambda: services.decide(
            current_user,
            organisation,
            form.action.data or "",
            form.reason.data or "",
            form.seen_status.data or "",
        ),
        _("The decision has been saved."),
    ):
        return redirect(url_for("organisations.review_queue"))
    return render_template(
        "organisations/review.html",
        organisation=organisation,
        form=form,
        decision_names=DECISION_NAMES,
    ), getattr(form, "refusal_status", 200)
