"""Participation indicators against small hand-computed fixtures: every figure, each dimension,
what counts and what does not, Berlin months at midnight, suppression of person counts,
registrations without differencing, and a constant number of statements."""

from datetime import date, datetime
from itertools import combinations_with_replacement

import pytest

from app.comments.models import Comment
from app.consultations.models import ConsultationState
from app.core.models import ModerationState
from app.extensions import db
from app.monitoring.filters import Filters
from app.monitoring.participation import (
    ParticipationFigures,
    contributions_by_language,
    participation,
    registrations,
)
from app.monitoring.periods import Period
from app.monitoring.suppression import EMPTY, SUPPRESSED, Cell
from app.organisations.models import OrganisationStatus
from app.proposals.models import ProposalStatus
from app.votes.models import Vote
from tests.factories import make_field_of_action, make_region, make_user
from tests.monitoring.builders import at, concept_comment, confirmed_user, vote_at
from tests.organisation_builders import on_site_event, organisation, statement, translation
from tests.participation_builders import comment, consultation, proposal

FIRST_HALF = Filters(Period(date(2026, 1, 1), date(2026, 6, 1)))


def filters(first=(2026, 1), last=(2026, 6), field=None) -> Filters:
    return Filters(Period(date(*first, 1), date(*last, 1)), field)


def people(count: int) -> list:
    return [make_user() for _ in range(count)]


def written_statement(consultation_, org, author, when: datetime, **columns):
    item = statement(consultation_, org, author, **columns)
    item.created_at = when
    db.session.flush()
    return item


# --- every figure -----------------------------------------------------------------------------


@pytest.fixture
def region_story():
    """One region, the first half of 2026:

    proposals  P1 alice (Feb), P2 bob for the association (Mar, field), P3 on site (Mar)
    comments   carol on P1 (Feb), alice on P2 (Apr), dave on the draft concept (Apr)
    statement  erin for the association (Mar)
    votes      dave on P1 (Mar), frank on P2 (Mar), alice on P2 (May)

    7 contributions, 1 on site, 2 on behalf; active: alice, bob, carol, dave, erin, frank (6);
    the coordinator who entered P3 is not active.
    """
    region = make_region()
    language = make_field_of_action()
    place = consultation(region, phase="discussion", fields_of_action=[language])
    alice, bob, carol, dave, erin, frank = people(6)
    coordinator = make_user()
    association = organisation(region, admins=[erin], members=[bob])
    event = on_site_event(place, coordinator)
    p1 = proposal(place, alice, created_at=at(2026, 2, 10))
    p2 = proposal(
        place,
        bob,
        field_of_action=language,
        organisation_id=association.id,
        created_at=at(2026, 3, 5),
    )
    proposal(place, coordinator, on_site_event_id=event.id, created_at=at(2026, 3, 20))
    comment(p1, carol, created_at=at(2026, 2, 11))
    comment(p2, alice, created_at=at(2026, 4, 1))
    concept_comment(place, dave, at(2026, 4, 2))
    written_statement(place, association, erin, at(2026, 3, 6))
    vote_at(p1, dave, at(2026, 3, 1))
    vote_at(p2, frank, at(2026, 3, 2))
    vote_at(p2, alice, at(2026, 5, 3))
    db.session.commit()
    return {"region": region, "place": place, "field": language, "p1": p1, "p2": p2}


def test_every_figure_of_a_region(region_story):
    region = region_story["region"]
    figures = participation(FIRST_HALF, ("region",))

    assert set(figures) == {(region.id,)}
    one = figures[(region.id,)]
    assert one == ParticipationFigures(
        proposals=3,
        comments=3,
        statements=1,
        votes=3,
        on_site=1,
        on_behalf=2,
        active_organisations=1,
        active_persons=Cell(6),
    )
    assert one.contributions == 7
    assert one.online == 6
    assert one.on_site_share == Cell(14.3)
    assert one.on_behalf_share == Cell(28.6)


def test_overall_total_without_dimensions(region_story):
    other = consultation(make_region(), phase="discussion")
    proposal(other, make_user(), created_at=at(2026, 1, 15))
    db.session.commit()

    total = participation(FIRST_HALF, ())

    assert set(total) == {()}
    assert (total[()].proposals, total[()].contributions, total[()].votes) == (4, 8, 3)
    assert total[()].active_persons == Cell(7)


def test_by_region_and_month(region_story):
    region = region_story["region"].id

    figures = participation(FIRST_HALF, ("region", "month"))

    assert set(figures) == {
        (region, "2026-02"),
        (region, "2026-03"),
        (region, "2026-04"),
        (region, "2026-05"),
    }
    february, march = figures[(region, "2026-02")], figures[(region, "2026-03")]
    april, may = figures[(region, "2026-04")], figures[(region, "2026-05")]
    assert (february.proposals, february.comments, february.votes) == (1, 1, 0)
    assert (march.proposals, march.statements, march.votes, march.on_site) == (2, 1, 2, 1)
    assert (march.on_behalf, march.active_organisations) == (2, 1)
    assert (april.comments, april.proposals, april.votes) == (2, 0, 0)
    assert (may.votes, may.contributions) == (1, 0)
    # Few people per month: every person count is hidden, none is printed.
    assert {figures[key].active_persons for key in figures} == {SUPPRESSED}


def test_dimension_order_follows_by(region_story):
    region = region_story["region"].id

    figures = participation(FIRST_HALF, ("month", "region"))

    assert ("2026-03", region) in figures
    assert figures[("2026-03", region)].votes == 2


def test_by_consultation(region_story):
    region = region_story["region"]
    second = consultation(region, phase="discussion")
    proposal(second, make_user(), created_at=at(2026, 6, 30))
    db.session.commit()

    figures = participation(FIRST_HALF, ("consultation",))

    assert set(figures) == {(region_story["place"].id,), (second.id,)}
    assert figures[(region_story["place"].id,)].contributions == 7
    assert figures[(second.id,)].proposals == 1
    assert figures[(second.id,)].votes == 0


def test_by_field_with_none_for_no_field(region_story):
    field_id = region_story["field"].id

    figures = participation(FIRST_HALF, ("field",))

    assert set(figures) == {(field_id,), (None,)}
    with_field, without = figures[(field_id,)], figures[(None,)]
    # P2, alice's comment on it, frank's and alice's votes on it.
    assert (with_field.proposals, with_field.comments, with_field.statements) == (1, 1, 0)
    assert (with_field.votes, with_field.on_behalf) == (2, 1)
    # P1, P3, carol's comment, the concept comment, the statement, dave's vote.
    assert (without.proposals, without.comments, without.statements, without.votes) == (
        2,
        2,
        1,
        1,
    )


def test_by_region_and_field_and_consultation_and_month(region_story):
    region, place = region_story["region"].id, region_story["place"].id
    field_id = region_story["field"].id

    figures = participation(FIRST_HALF, ("region", "field", "consultation", "month"))

    assert figures[(region, field_id, place, "2026-03")].proposals == 1
    assert figures[(region, field_id, place, "2026-03")].votes == 1
    assert figures[(region, field_id, place, "2026-04")].comments == 1
    assert figures[(region, field_id, place, "2026-05")].votes == 1
    assert figures[(region, None, place, "2026-02")].contributions == 2
    assert sum(each.contributions for each in figures.values()) == 7
    assert sum(each.votes for each in figures.values()) == 3


def test_field_filter_keeps_that_fields_proposals_comments_and_votes(region_story):
    field_id = region_story["field"].id

    figures = participation(filters(field=field_id), ())

    only = figures[()]
    assert (only.proposals, only.comments, only.statements, only.votes) == (1, 1, 0, 2)
    assert (only.on_behalf, only.active_organisations) == (1, 1)
    assert only.active_persons == SUPPRESSED  # bob, alice, frank
    by_field = participation(filters(field=field_id), ("field",))
    assert set(by_field) == {(field_id,)}


def test_region_filter(region_story):
    other = consultation(make_region(), phase="discussion")
    proposal(other, make_user(), created_at=at(2026, 1, 15))
    db.session.commit()
    region = region_story["region"].id

    figures = participation(FIRST_HALF, ("region",), region_id=region)

    assert set(figures) == {(region,)}
    assert figures[(region,)].contributions == 7
    assert participation(FIRST_HALF, ("region",), region_id=other.region_id)[
        (other.region_id,)
    ] == ParticipationFigures(proposals=1, active_persons=SUPPRESSED)


def test_unknown_or_repeated_dimension_is_refused():
    with pytest.raises(ValueError):
        participation(FIRST_HALF, ("language",))
    with pytest.raises(ValueError):
        participation(FIRST_HALF, ("region", "region"))


# --- what counts --------------------------------------------------------------------------------


def test_only_published_live_contributions_in_public_consultations_count():
    region = make_region()
    place = consultation(region, phase="discussion")
    counted = people(5)
    for author in counted:
        proposal(place, author, created_at=at(2026, 2, 1))
    excluded = people(9)
    when = at(2026, 2, 2)
    for state in (ModerationState.PENDING, ModerationState.HIDDEN, ModerationState.REJECTED):
        proposal(place, excluded[0], moderation_state=state, created_at=when)
    proposal(place, excluded[1], status=ProposalStatus.WITHDRAWN, created_at=when)
    target = proposal(place, counted[0], created_at=when)
    removed = comment(target, excluded[2], created_at=when)
    removed.deleted_at = at(2026, 2, 3)
    comment(target, excluded[3], moderation_state=ModerationState.HIDDEN, created_at=when)
    comment(target, excluded[3], moderation_state=ModerationState.PENDING, created_at=when)
    concept_comment(place, excluded[4], when, moderation_state=ModerationState.REJECTED)
    translated = translation(target, excluded[5], language="tr")
    translated.created_at = when
    draft = consultation(region, phase="discussion", state=ConsultationState.DRAFT)
    in_draft = proposal(draft, excluded[6], created_at=when)
    comment(in_draft, excluded[6], created_at=when)
    vote_at(in_draft, excluded[7], when)
    hidden = proposal(place, counted[1], moderation_state=ModerationState.HIDDEN, created_at=when)
    vote_at(hidden, excluded[8], when)
    db.session.commit()

    figures = participation(FIRST_HALF, ("region",))

    only = figures[(region.id,)]
    assert (only.proposals, only.comments, only.statements, only.votes) == (6, 0, 0, 0)
    assert only.active_persons == Cell(5)
    assert participation(FIRST_HALF, ("consultation",)).keys() == {(place.id,)}


def test_archived_consultations_count():
    place = consultation(phase="discussion", state=ConsultationState.ARCHIVED)
    p = proposal(place, make_user(), created_at=at(2026, 3, 1))
    vote_at(p, make_user(), at(2026, 3, 2))
    db.session.commit()

    only = participation(FIRST_HALF, ())[()]

    assert (only.proposals, only.votes) == (1, 1)


def test_comments_on_hidden_and_withdrawn_proposals_still_count():
    """Their discussion stays readable on the proposal's page, so it counts."""
    place = consultation(phase="discussion")
    hidden = proposal(place, make_user(), moderation_state=ModerationState.HIDDEN)
    withdrawn = proposal(place, make_user(), status=ProposalStatus.WITHDRAWN)
    comment(hidden, make_user(), created_at=at(2026, 2, 1))
    comment(withdrawn, make_user(), created_at=at(2026, 2, 1))
    db.session.commit()

    only = participation(FIRST_HALF, ())[()]

    assert (only.proposals, only.comments) == (0, 2)


def test_a_retracted_vote_is_gone():
    place = consultation(phase="voting")
    p = proposal(place, make_user(), created_at=at(2026, 2, 1))
    voters = people(2)
    for voter in voters:
        vote_at(p, voter, at(2026, 2, 2))
    db.session.commit()
    assert participation(FIRST_HALF, ())[()].votes == 2

    db.session.delete(db.session.scalar(db.select(Vote).where(Vote.user_id == voters[0].id)))
    db.session.commit()

    assert participation(FIRST_HALF, ())[()].votes == 1


def test_on_site_contributions_count_but_their_coordinator_is_not_active():
    place = consultation(phase="discussion")
    coordinator = make_user()
    event = on_site_event(place, coordinator)
    residents = people(4)
    for _ in range(3):
        proposal(place, coordinator, on_site_event_id=event.id, created_at=at(2026, 5, 1))
    online = proposal(place, residents[0], created_at=at(2026, 5, 2))
    on_site_comment = comment(
        online, coordinator, on_site_event_id=event.id, created_at=at(2026, 5, 3)
    )
    for resident in residents[1:]:
        vote_at(online, resident, at(2026, 5, 4))
    db.session.commit()

    only = participation(FIRST_HALF, ())[()]

    assert (only.on_site, only.online, only.contributions) == (4, 1, 5)
    assert only.on_site_share == Cell(80.0)
    assert only.active_persons == SUPPRESSED  # the four residents
    # The coordinator's own online comment makes them an active person: five.
    comment(online, coordinator, created_at=at(2026, 5, 5))
    db.session.commit()
    assert participation(FIRST_HALF, ())[()].active_persons == Cell(5)
    assert on_site_comment.on_site_event_id == event.id


def test_organisations_verified_now_are_active_and_all_speaking_for_one_count_on_behalf():
    region = make_region()
    place = consultation(region, phase="discussion")
    members = people(3)
    verified = organisation(region, name="Verein A", admins=[members[0]])
    suspended = organisation(
        region, name="Verein B", status=OrganisationStatus.SUSPENDED, admins=[members[1]]
    )
    when = at(2026, 3, 3)
    proposal(place, members[0], organisation_id=verified.id, created_at=when)
    proposal(place, members[0], organisation_id=verified.id, created_at=when)
    written_statement(place, verified, members[0], when)
    proposal(place, members[1], organisation_id=suspended.id, created_at=when)
    proposal(place, members[2], created_at=when)
    db.session.commit()

    only = participation(FIRST_HALF, ())[()]

    assert (only.contributions, only.on_behalf, only.active_organisations) == (5, 4, 1)
    assert only.on_behalf_share == Cell(80.0)


def test_someone_who_writes_and_votes_is_one_active_person():
    place = consultation(phase="voting")
    five = people(5)
    p = proposal(place, five[0], created_at=at(2026, 1, 10))
    for person in five:
        vote_at(p, person, at(2026, 1, 11))
        comment(p, person, created_at=at(2026, 1, 12))
    db.session.commit()

    only = participation(FIRST_HALF, ())[()]

    assert (only.proposals, only.comments, only.votes) == (1, 5, 5)
    assert only.active_persons == Cell(5)


def test_four_active_persons_are_hidden_five_are_shown():
    place = consultation(phase="discussion")
    authors = people(5)
    for author in authors[:4]:
        proposal(place, author, created_at=at(2026, 2, 1))
    db.session.commit()
    assert participation(FIRST_HALF, ())[()].active_persons == SUPPRESSED
    assert participation(FIRST_HALF, ())[()].active_persons.value is None

    proposal(place, authors[4], created_at=at(2026, 2, 1))
    db.session.commit()
    assert participation(FIRST_HALF, ())[()].active_persons == Cell(5)


def test_contributions_of_deleted_accounts_count_without_a_person():
    place = consultation(phase="discussion")
    proposal(place, None, created_at=at(2026, 2, 1))
    db.session.commit()

    only = participation(FIRST_HALF, ())[()]

    assert only.proposals == 1
    assert only.active_persons == Cell(0)


# --- Berlin months ------------------------------------------------------------------------------


def test_midnight_in_berlin_decides_the_month():
    # Winter time: 00:30 on 1 March in Berlin is 23:30 UTC on 28 February.
    march_first = at(2026, 3, 1, 0, 30, berlin=True)
    assert march_first == datetime(2026, 2, 28, 23, 30)
    # Summer time: 00:30 on 1 April in Berlin is 22:30 UTC on 31 March.
    april_first = at(2026, 4, 1, 0, 30, berlin=True)
    assert april_first == datetime(2026, 3, 31, 22, 30)
    place = consultation(phase="voting")
    author = make_user()
    in_march = proposal(place, author, created_at=march_first)
    proposal(place, author, created_at=april_first)
    proposal(place, author, created_at=at(2026, 2, 28, 23, 30, berlin=True))
    vote_at(in_march, make_user(), april_first)
    db.session.commit()

    figures = participation(FIRST_HALF, ("month",))

    assert {key: each.proposals for key, each in figures.items()} == {
        ("2026-02",): 1,
        ("2026-03",): 1,
        ("2026-04",): 1,
    }
    assert figures[("2026-04",)].votes == 1
    assert contributions_by_language(filters((2026, 3), (2026, 3)))[(place.region_id, "de")] == 1


def test_the_period_ends_at_midnight_in_berlin():
    place = consultation(phase="discussion")
    author = make_user()
    proposal(place, author, created_at=at(2026, 1, 1, 0, 30, berlin=True))  # 31 Dec UTC: in
    proposal(place, author, created_at=at(2025, 12, 31, 23, 30, berlin=True))  # out
    proposal(place, author, created_at=at(2026, 7, 1, 0, 30, berlin=True))  # 30 Jun UTC: out
    proposal(place, author, created_at=at(2026, 6, 30, 23, 30, berlin=True))  # in
    db.session.commit()

    figures = participation(FIRST_HALF, ("month",))

    assert {key: each.proposals for key, each in figures.items()} == {
        ("2026-01",): 1,
        ("2026-06",): 1,
    }


def test_an_empty_period_has_no_groups(region_story):
    later = filters((2026, 8), (2026, 10))

    for by in [(), ("region",), ("region", "month"), ("consultation",), ("field",)]:
        assert participation(later, by) == {}
    assert contributions_by_language(later) == {}
    assert participation(later, ()).get((), ParticipationFigures()).contributions == 0
    assert ParticipationFigures().on_site_share == EMPTY


# --- languages ----------------------------------------------------------------------------------


def test_contributions_by_language():
    kassel, fulda = make_region(), make_region()
    first = consultation(kassel, phase="discussion")
    second = consultation(fulda, phase="discussion")
    language = make_field_of_action()
    authors = people(3)
    tr = proposal(first, authors[0], language="tr", created_at=at(2026, 2, 1))
    proposal(first, authors[1], language="ar", field_of_action=language, created_at=at(2026, 2, 1))
    comment(tr, authors[1], language="tr", created_at=at(2026, 2, 2))
    comment(tr, authors[2], language="de", created_at=at(2026, 2, 2))
    proposal(second, authors[2], language="de", created_at=at(2026, 2, 3))
    proposal(second, authors[2], language="fa", moderation_state=ModerationState.PENDING)
    translated = translation(tr, authors[2], language="de", body="Übersetzung")
    translated.created_at = at(2026, 2, 4)
    db.session.commit()

    assert contributions_by_language(FIRST_HALF) == {
        (kassel.id, "tr"): 2,
        (kassel.id, "ar"): 1,
        (kassel.id, "de"): 1,
        (fulda.id, "de"): 1,
    }
    assert contributions_by_language(FIRST_HALF, region_id=fulda.id) == {(fulda.id, "de"): 1}
    assert contributions_by_language(filters(field=language.id)) == {(kassel.id, "ar"): 1}


# --- registrations ------------------------------------------------------------------------------


@pytest.fixture
def registration_story():
    """Region R: 10 confirmed in December 2025, then 6 (Jan), 2 (Feb), 6 (Mar), 0 (Apr), 5 (May).

    Accounts at the end of each month: 10, 16, 18, 24, 24, 29. Published: 10, 16, -, 24, 24, 29
    (February added only 2; March completes the group with 8)."""
    region = make_region()
    for month, count in [(12, 10)]:
        for _ in range(count):
            confirmed_user(at(2025, month, 15), region)
    for month, count in [(1, 6), (2, 2), (3, 6), (5, 5)]:
        for _ in range(count):
            confirmed_user(at(2026, month, 15), region)
    make_user(confirmed=False, home_region_id=region.id)  # never confirmed: not counted
    db.session.commit()
    return region


def test_registrations_by_month_hide_a_small_month_and_its_complement(registration_story):
    region = registration_story.id

    figures = registrations(filters((2026, 1), (2026, 5)), by_month=True)

    assert {key: (each.registered, each.new) for key, each in figures.items()} == {
        (region, "2026-01"): (Cell(16), Cell(6)),
        (region, "2026-02"): (SUPPRESSED, SUPPRESSED),  # 2 new
        (region, "2026-03"): (Cell(24), SUPPRESSED),  # 6 new, the complement
        (region, "2026-04"): (Cell(24), Cell(0)),
        (region, "2026-05"): (Cell(29), Cell(5)),
    }


def test_registrations_over_a_period(registration_story):
    region = registration_story.id

    def period(first, last):
        figures = registrations(filters((2026, first), (2026, last)), by_month=False)
        assert set(figures) == {(region,)}
        return figures[(region,)].registered, figures[(region,)].new

    assert period(1, 5) == (Cell(29), Cell(19))
    assert period(2, 3) == (Cell(24), Cell(8))  # the small month inside a group of 8
    assert period(2, 2) == (SUPPRESSED, SUPPRESSED)
    assert period(3, 3) == (Cell(24), SUPPRESSED)
    assert period(3, 4) == (Cell(24), SUPPRESSED)
    assert period(4, 4) == (Cell(24), Cell(0))


def test_no_two_published_registration_figures_differ_by_fewer_than_five(registration_story):
    """Whatever periods one asks for, no difference of published figures is 1 to 4."""
    months = [(2025, 11), (2025, 12)] + [(2026, month) for month in range(1, 8)]
    registered, new = set(), set()
    for first, last in combinations_with_replacement(months, 2):
        for by_month in (False, True):
            for each in registrations(filters(first, last), by_month=by_month).values():
                if each.registered.known:
                    registered.add(each.registered.value)
                if each.new.known:
                    new.add(each.new.value)
    assert registered == {0, 10, 16, 24, 29}
    assert not any(0 < value < 5 for value in new)
    assert not any(0 < abs(a - b) < 5 for a in registered for b in registered)


def test_registrations_by_home_region_with_none_and_a_region_filter(registration_story):
    small = make_region()
    for _ in range(3):
        confirmed_user(at(2026, 2, 1), small)
    for _ in range(5):
        confirmed_user(at(2026, 3, 1), None)
    db.session.commit()

    figures = registrations(filters((2026, 1), (2026, 4)), by_month=False)

    assert {key: (each.registered, each.new) for key, each in figures.items()} == {
        (registration_story.id,): (Cell(24), Cell(14)),
        (small.id,): (SUPPRESSED, SUPPRESSED),
        (None,): (Cell(5), Cell(5)),
    }
    only_small = registrations(filters((2026, 1), (2026, 4)), by_month=True, region_id=small.id)
    assert {key: (each.registered, each.new) for key, each in only_small.items()} == {
        (small.id, "2026-01"): (Cell(0), Cell(0)),
        (small.id, "2026-02"): (SUPPRESSED, SUPPRESSED),
        (small.id, "2026-03"): (SUPPRESSED, Cell(0)),  # nobody joined: zeros stay visible
        (small.id, "2026-04"): (SUPPRESSED, Cell(0)),
    }


def test_registrations_count_the_berlin_month_of_confirmation():
    region = make_region()
    for _ in range(5):
        confirmed_user(at(2026, 3, 1, 0, 30, berlin=True), region)  # 28 Feb UTC
    db.session.commit()

    figures = registrations(filters((2026, 2), (2026, 3)), by_month=True)

    assert figures[(region.id, "2026-02")].new == Cell(0)
    assert figures[(region.id, "2026-03")].new == Cell(5)
    assert figures[(region.id, "2026-03")].registered == Cell(5)


def test_registrations_of_an_empty_platform_or_before_anyone_was_confirmed():
    assert registrations(FIRST_HALF, by_month=True) == {}
    confirmed_user(at(2026, 9, 1), make_region())
    db.session.commit()
    assert registrations(FIRST_HALF, by_month=False) == {}


# --- statements -----------------------------------------------------------------------------


def test_the_number_of_statements_does_not_depend_on_the_data(count_queries):
    def build(proposals: int) -> None:
        region = make_region()
        field_of_action = make_field_of_action()
        place = consultation(region, phase="voting")
        authors = people(2)
        for number in range(proposals):
            p = proposal(
                place,
                authors[number % 2],
                field_of_action=field_of_action if number % 3 else None,
                created_at=at(2026, 1 + number % 6, 10),
            )
            comment(p, authors[(number + 1) % 2], created_at=at(2026, 1 + number % 6, 11))
            vote_at(p, authors[0], at(2026, 1 + number % 6, 12))
        for number in range(proposals):
            confirmed_user(at(2025, 1 + number % 12, 3), region)
        db.session.commit()

    def statements(by: tuple[str, ...]) -> int:
        with count_queries() as counter:
            participation(FIRST_HALF, by)
            contributions_by_language(FIRST_HALF)
            registrations(FIRST_HALF, by_month=True)
            registrations(FIRST_HALF, by_month=False)
        return len(counter)

    dimensions = [(), ("region",), ("region", "month"), ("consultation", "field", "month")]
    empty = [statements(by) for by in dimensions]
    build(2)
    small = [statements(by) for by in dimensions]
    build(40)
    large = [statements(by) for by in dimensions]

    assert empty == small == large
    assert set(small) == {1 + 1 + 2 + 2}
    assert participation(FIRST_HALF, ())[()].proposals == 42
    assert db.session.query(Comment).count() == 42
