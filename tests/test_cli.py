"""Command-line tasks: seeding is idempotent and never overwrites, create-admin works."""

from app.accounts import passwords
from app.accounts.models import RoleAssignment, User
from app.core.models import Contribution
from app.demo_content import ORGANISATION_ACCOUNTS, RESIDENTS
from app.demo_monitoring import RESIDENTS as MONITORING_RESIDENTS
from app.extensions import db
from app.onsite.models import OnSiteEvent
from app.organisations.models import (
    Invitation,
    JoinRequest,
    Membership,
    Organisation,
    StatementRevision,
    VerificationDecision,
)
from app.pages.models import EditablePage
from app.regions.models import FieldOfAction, Region, RegionKind
from app.seed import DEMO_USERS


def run(app, *args, input=None):
    return app.test_cli_runner().invoke(args=list(args), input=input)


def counts():
    return [
        db.session.scalar(db.select(db.func.count()).select_from(model))
        for model in (
            Region,
            FieldOfAction,
            User,
            RoleAssignment,
            EditablePage,
            Organisation,
            Membership,
            VerificationDecision,
            JoinRequest,
            Invitation,
            OnSiteEvent,
            Contribution,
            StatementRevision,
        )
    ]


def test_seed_loads_the_six_model_regions_once(app):
    first = run(app, "seed")
    assert first.exit_code == 0, first.output
    regions = db.session.scalars(db.select(Region).order_by(Region.position)).all()
    assert [region.name["de"] for region in regions] == [
        "Stadt Kassel",
        "Stadt Wetzlar",
        "Stadt Wiesbaden",
        "Landkreis Hochtaunus",
        "Stadt Offenbach",
        "Main-Kinzig-Kreis gemeinsam mit der Stadt Hanau",
    ]
    assert all(region.kind == RegionKind.MODEL_REGION for region in regions)
    assert all(region.fields_of_action for region in regions)
    second = run(app, "seed")
    assert "0 new records" in second.output


def test_seed_demo_is_idempotent_and_keeps_changes(app):
    assert run(app, "seed-demo").exit_code == 0
    before = counts()
    assert before[2] == (
        len(DEMO_USERS) + len(RESIDENTS) + len(ORGANISATION_ACCOUNTS) + len(MONITORING_RESIDENTS)
    )
    assert all(before), before  # every kind of demo record exists
    # Someone edits a region and changes a demo password; a second run must keep both.
    region = db.session.scalar(db.select(Region).where(Region.slug == "kassel"))
    region.name = {"de": "Documenta-Stadt Kassel"}
    admin = db.session.scalar(db.select(User).where(User.is_administrator.is_(True)))
    admin.password_hash = passwords.hash_password("ein ganz anderes passwort")
    db.session.commit()

    result = run(app, "seed-demo")
    assert result.exit_code == 0
    assert "0 new records" in result.output
    assert counts() == before
    db.session.expire_all()
    assert db.session.get(Region, region.id).name == {"de": "Documenta-Stadt Kassel"}
    assert passwords.verify_password(
        db.session.get(User, admin.id).password_hash, "ein ganz anderes passwort"
    )


def test_seed_demo_refuses_production_settings(app):
    app.config["ENV_NAME"] = "production"
    try:
        result = run(app, "seed-demo")
    finally:
        app.config["ENV_NAME"] = "testing"
    assert result.exit_code != 0
    assert "Refusing" in result.output
    assert counts()[2] == 0


def test_create_admin_makes_a_confirmed_administrator(app):
    result = run(
        app,
        "create-admin",
        "--email",
        "Chefin@Ministerium.example",
        "--name",
        "Ministerium",
        input="ein langes sicheres passwort\nein langes sicheres passwort\n",
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalar(db.select(User))
    assert user.email == "chefin@ministerium.example"
    assert user.is_administrator and user.is_confirmed


def test_create_admin_refuses_a_common_password(app):
    result = run(
        app, "create-admin", "--email", "a@b.example", "--name", "A", input="password1\npassword1\n"
    )
    assert result.exit_code != 0
    assert counts()[2] == 0


def test_translate_compile_builds_every_catalog(app, tmp_path):
    result = run(app, "translate", "compile")
    assert result.exit_code == 0, result.output
