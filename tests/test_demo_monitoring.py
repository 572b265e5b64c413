"""Demo data for the monitoring: residents who joined over the months, participation profiles
that give figures in some regions and "fewer than 5" in another, context figures marked as
examples, an earlier consultation round with moderation; dated in order and loaded only once."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from app.accounts.models import User
from app.comments.models import Comment
from app.consultations.models import Consultation
from app.core.clock import utcnow_naive
from app.core.models import Contribution, ModerationState
from app.core.permissions import can
from app.demo_monitoring import DEMO_SOURCE, EARLIER_ROUND, PROFILES, RESIDENTS
from app.extensions import db
from app.moderation.models import Appeal, DecisionAction, ModerationDecision, Report
from app.monitoring.context import CONTEXT_INDICATORS, Unit
from app.monitoring.models import (
    CONSENT_VERSION,
    AgeBand,
    ContextIndicator,
    MigrationExperience,
    ParticipationProfile,
    ProfileLanguage,
)
from app.monitoring.profile_forms import HOME_LANGUAGES
from app.monitoring.profiles import migration_experience_share, profile_tables
from app.proposals.models import OfficialResponse, Proposal
from app.regions.models import Region, RegionKind
from app.seed import load_demo_data
from app.votes.models import Vote
from tests.database_template import DEMO

BERLIN = ZoneInfo("Europe/Berlin")
DEMO_MARKER = "Beispielwert für die Demo"


@pytest.fixture
def demo(app):
    """The demo data as `load_demo_data()` leaves it: loaded once per run, restored per test."""
    DEMO.restore()


def all_of(model):
    return db.session.scalars(db.select(model)).all()


def count(model) -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(model))


def model_regions() -> list[Region]:
    return db.session.scalars(
        db.select(Region).where(Region.kind == RegionKind.MODEL_REGION).order_by(Region.position)
    ).all()


def region(slug: str) -> Region:
    return db.session.scalar(db.select(Region).where(Region.slug == slug))


def berlin_month(moment) -> str:
    return moment.replace(tzinfo=ZoneInfo("UTC")).astimezone(BERLIN).strftime("%Y-%m")


def earlier_round() -> Consultation:
    title = EARLIER_ROUND["title"]["de"]
    return next(c for c in all_of(Consultation) if c.title["de"] == title)


def profiles_per_region() -> dict:
    return dict(
        db.session.execute(
            db.select(ParticipationProfile.home_region_id, db.func.count()).group_by(
                ParticipationProfile.home_region_id
            )
        ).all()
    )


# --- loading once --------------------------------------------------------------------------------

TABLES = (
    User,
    ParticipationProfile,
    ProfileLanguage,
    ContextIndicator,
    Consultation,
    Contribution,
    Vote,
    OfficialResponse,
    ModerationDecision,
    Report,
    Appeal,
)


def test_seeding_twice_adds_nothing(demo):
    before = [count(table) for table in TABLES]
    assert all(before), before
    assert load_demo_data() == 0
    assert [count(table) for table in TABLES] == before


def test_the_monitoring_demo_adds_what_it_promises(demo):
    assert count(ParticipationProfile) == len(PROFILES)
    assert count(ContextIndicator) == 6 * 3 * 2
    keys = [data["key"] for data in RESIDENTS]
    assert len(keys) == len(set(keys)) >= 40


def test_a_withdrawn_profile_stays_gone_and_corrected_figures_stay_corrected(demo):
    profile = db.session.scalar(db.select(ParticipationProfile).limit(1))
    db.session.delete(profile)
    kassel = region("kassel")
    db.session.execute(db.delete(ContextIndicator).where(ContextIndicator.region_id == kassel.id))
    # A coordinator corrects a figure of another region: the correction stays.
    figure = db.session.scalar(
        db.select(ContextIndicator).where(ContextIndicator.region_id == region("wetzlar").id)
    )
    figure.value, figure.source = 54000, "Hessisches Statistisches Landesamt, 2024"
    db.session.commit()
    profiles, figures = count(ParticipationProfile), count(ContextIndicator)

    # Kassel has no figures left: the demo gives it its six again, and nothing else.
    assert load_demo_data() == 6
    db.session.expire_all()
    assert count(ParticipationProfile) == profiles == len(PROFILES) - 1
    assert count(ContextIndicator) == figures + 6
    corrected = db.session.get(ContextIndicator, figure.id)
    assert (corrected.value, corrected.source) == (
        54000,
        "Hessisches Statistisches Landesamt, 2024",
    )


# --- participation profiles ----------------------------------------------------------------------


def test_profiles_give_figures_in_some_regions_and_fewer_than_5_in_one(demo):
    per_region = profiles_per_region()
    sizes = {item.slug: per_region.get(item.id, 0) for item in model_regions()}
    assert sum(size >= 5 for size in sizes.values()) >= 3, sizes
    assert 1 <= sizes["wetzlar"] <= 4, sizes
    assert all(size >= 1 for size in sizes.values()), sizes
    assert 1 <= per_region.get(None, 0) <= 4  # profiles without a home region


def test_the_dashboard_shows_the_migration_share_where_five_or_more_answered(demo):
    tables = profile_tables()
    migration = tables["migration_experience"]
    shares = migration_experience_share(migration)
    wetzlar, wiesbaden, offenbach = (
        region(slug).id for slug in ("wetzlar", "wiesbaden", "offenbach")
    )
    assert migration.row_totals[wetzlar].suppressed
    assert shares[wetzlar].suppressed
    assert shares[wiesbaden].value == pytest.approx(54.5)
    assert shares[offenbach].value == pytest.approx(58.3)
    # Most small cells are hidden, and every table still publishes the number of profiles.
    for table in tables.values():
        assert table.grand_total.value == len(PROFILES)
        assert any(cell.suppressed for cell in table.cells.values())
        assert any(cell.known and cell.value >= 5 for cell in table.cells.values())


def test_profiles_mix_ages_languages_and_migration_experience(demo):
    profiles = all_of(ParticipationProfile)
    assert {p.age_band for p in profiles} >= {
        AgeBand.UNDER_18,
        AgeBand.FROM_18,
        AgeBand.FROM_30,
        AgeBand.FROM_45,
        AgeBand.FROM_65,
        AgeBand.PREFER_NOT,
    }
    assert {p.migration_experience for p in profiles} == {*MigrationExperience.ALL, None}
    languages = {row.language for row in all_of(ProfileLanguage)}
    assert languages >= {"de", "tr", "ar", "ru", "pl", "uk", "fa", "prs"}
    # Only languages the profile form offers, so an owner sees their own answers there.
    assert languages <= set(HOME_LANGUAGES)
    assert all(p.languages for p in profiles)
    # Several languages at home are common.
    assert sum(len(p.languages) > 1 for p in profiles) >= len(profiles) // 2


def test_profiles_are_answered_after_confirmation_with_the_current_consent(demo):
    now = utcnow_naive()
    for profile in all_of(ParticipationProfile):
        user = db.session.get(User, profile.user_id)
        assert user.confirmed_at < profile.consent_given_at < now, user.display_name
        assert profile.updated_at == profile.consent_given_at
        assert profile.consent_version == CONSENT_VERSION
        # Participants, not the staff: nobody with a role or administrator rights.
        assert not user.roles and not user.is_administrator, user.display_name


# --- context indicators --------------------------------------------------------------------------


def test_every_model_region_has_example_context_figures_that_say_so(demo):
    figures = all_of(ContextIndicator)
    for figure in figures:
        assert DEMO_MARKER in figure.source
        assert figure.source == DEMO_SOURCE
        assert "keine amtliche Zahl" in figure.note
        assert figure.source_url == ""  # no link that would lend the value authority
        assert can(db.session.get(User, figure.entered_by_id), "context.manage", figure.region)
        assert figure.created_at < utcnow_naive()
        unit = CONTEXT_INDICATORS[figure.key].unit
        if unit == Unit.PERCENT:
            assert 5 <= figure.value <= 80, figure.key
        else:
            assert 20_000 <= figure.value <= 1_000_000 and figure.value == int(figure.value)
    for model_region in model_regions():
        own = {(f.key, f.year) for f in figures if f.region_id == model_region.id}
        assert own == {
            (key, year)
            for key in ("population", "migration_background_share", "foreign_nationals_share")
            for year in (2023, 2024)
        }, model_region.slug


def test_the_share_with_a_migration_background_is_below_100_and_above_foreigners(demo):
    by_region: dict = {}
    for figure in all_of(ContextIndicator):
        by_region.setdefault((figure.region_id, figure.year), {})[figure.key] = figure.value
    for values in by_region.values():
        assert values["foreign_nationals_share"] < values["migration_background_share"] < 100


# --- time: a curve over the months ---------------------------------------------------------------


def test_accounts_join_over_the_months_and_act_only_once_confirmed(demo):
    now = utcnow_naive()
    confirmed = [user.confirmed_at for user in all_of(User)]
    assert all(moment is not None and moment < now for moment in confirmed)
    within_a_year = [moment for moment in confirmed if moment > now - timedelta(days=365)]
    assert len({berlin_month(moment) for moment in within_a_year}) >= 8
    authors = db.session.execute(
        db.select(Contribution.created_at, User.confirmed_at, User.display_name).join(
            User, User.id == Contribution.author_id
        )
    ).all()
    for written, joined, name in authors:
        assert joined < written, name
    voters = db.session.execute(
        db.select(Vote.created_at, User.confirmed_at).join(User, User.id == Vote.user_id)
    ).all()
    assert all(joined < cast for cast, joined in voters)


def test_contributions_and_votes_spread_over_the_months(demo):
    now = utcnow_naive()
    written = db.session.scalars(
        db.select(Contribution.created_at).where(
            Contribution.kind.in_(("proposal", "comment", "statement")),
            Contribution.moderation_state == ModerationState.PUBLISHED,
        )
    ).all()
    months = {berlin_month(moment) for moment in written if moment > now - timedelta(days=365)}
    assert len(months) >= 6, sorted(months)
    votes = {berlin_month(moment) for moment in db.session.scalars(db.select(Vote.created_at))}
    assert len(votes) >= 3, sorted(votes)


# --- the earlier round ---------------------------------------------------------------------------


def test_the_earlier_round_is_finished_and_answered_in_order(demo):
    consultation = earlier_round()
    assert consultation.region.slug == "offenbach" and consultation.is_published
    now = utcnow_naive()
    assert consultation.phase("results").ends_at < now
    voting_ended = consultation.phase("voting").ends_at
    proposals = db.session.scalars(
        db.select(Proposal).where(Proposal.consultation_id == consultation.id)
    ).all()
    assert len(proposals) == len(EARLIER_ROUND["proposals"])
    assert min(p.created_at for p in proposals) < now - timedelta(days=150)
    for proposal in proposals:
        for answer in proposal.responses:
            assert voting_ended <= answer.created_at < now
    # One proposal reached the answer threshold and still waits for its answer.
    waiting = [
        p for p in proposals if p.votes_for >= consultation.answer_threshold and not p.responses
    ]
    assert len(waiting) == 1
    assert len({p.status for p in proposals}) >= 5


def test_moderation_of_the_earlier_round_follows_the_rules(demo):
    consultation = earlier_round()
    decisions = db.session.scalars(
        db.select(ModerationDecision)
        .join(Contribution, Contribution.id == ModerationDecision.contribution_id)
        .where(Contribution.consultation_id == consultation.id)
    ).all()
    assert {d.action for d in decisions} == {DecisionAction.HIDE, DecisionAction.APPROVE}
    assert len({d.reason for d in decisions if d.reason}) >= 3
    hidden = db.session.scalars(
        db.select(Comment).where(
            Comment.consultation_id == consultation.id,
            Comment.moderation_state == ModerationState.HIDDEN,
        )
    ).all()
    assert {d.contribution_id for d in decisions if d.action == DecisionAction.HIDE} == {
        c.id for c in hidden
    }
    for decision in decisions:
        contribution = decision.contribution
        assert can(decision.moderator, "contribution.moderate", contribution)
        assert decision.state_after == contribution.moderation_state
        reports = db.session.scalars(
            db.select(Report).where(Report.contribution_id == contribution.id)
        ).all()
        assert reports
        for report in reports:
            assert contribution.created_at < report.created_at < decision.created_at
            assert report.resolved_by_decision_id == decision.id
            assert report.reporter_id != contribution.author_id
        assert decision.created_at - contribution.created_at < timedelta(days=2)
    (appeal,) = db.session.scalars(
        db.select(Appeal).where(Appeal.decision_id.in_([d.id for d in decisions]))
    ).all()
    assert appeal.author_id == appeal.decision.contribution.author_id
    assert appeal.decision.created_at < appeal.created_at < appeal.resolved_at < utcnow_naive()
    assert appeal.outcome == "confirmed" and appeal.resolution_note
    assert can(appeal.resolved_by, "appeal.resolve", appeal)
