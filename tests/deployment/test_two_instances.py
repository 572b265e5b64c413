"""Two app instances share one PostgreSQL and one Redis and serve any request alike.

- Vote storm: 500 participants each log in on one instance and vote on the other (a session is
  the signed cookie plus the token in the users table, nothing in a process); all votes are
  released at once; exactly 500 votes are counted, every voter gets the success answer, and
  neither server logs an error.
- A rate limit reached on one instance holds on the other (limits live in Redis).
- If the page cache is present (`X-Cache` header), a page cached through one instance is renewed
  at once by a moderation decision made through the other.

The instances run `gunicorn wsgi:app` with production settings (MITREDEN_ENV=production), except
for the cost of password hashing (gunicorn_hooks.py says why). Run with `-s` to see how long
each phase took; conftest.py says what these tests need and when they are skipped.
"""

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pyotp
import pytest
from argon2 import PasswordHasher
from sqlalchemy import create_engine, func, insert, select

from app import create_app
from app.accounts.models import User
from app.core.clock import utcnow_naive
from app.extensions import db
from app.proposals.models import Proposal
from app.votes.models import Vote
from config import TestingConfig
from tests.deployment import gunicorn_hooks
from tests.deployment.conftest import PASSWORD, Browser, csrf_token, read_session
from tests.factories import enrol_second_factor, make_region, make_user, make_user_with_role
from tests.participation_builders import comment, consultation, proposal

VOTERS = 500
THREADS = 50
COMMENT_MARKER = "Kommentar-zum-Verbergen-7f3a"


@dataclass
class World:
    consultation_id: int
    proposal_id: int
    comment_id: int
    voter_emails: list[str]
    moderator_email: str
    moderator_secret: str

    @property
    def proposal_path(self) -> str:
        return f"/consultations/{self.consultation_id}/proposals/{self.proposal_id}"


def seed(database_url: str, instance_dir) -> World:
    """The data, written straight into the deployment's schema through the models."""

    class Config(TestingConfig):
        SQLALCHEMY_DATABASE_URI = database_url
        INSTANCE_DIR = instance_dir
        MAIL_FILE_DIR = str(instance_dir / "mail")

    app = create_app(Config)
    with app.app_context():
        # One hash for everyone: 500 hashes would cost 500 times as much and test nothing more.
        # It is made with the parameters the instances hash with (gunicorn_hooks.py), so no
        # login finds it outdated and rewrites it.
        password_hash = PasswordHasher(
            time_cost=gunicorn_hooks.ARGON2_TIME_COST, memory_cost=gunicorn_hooks.ARGON2_MEMORY_COST
        ).hash(PASSWORD)
        now = utcnow_naive()
        region = make_region()
        running = consultation(region=region, phase="voting")
        author = make_user()
        item = proposal(running, author, title="Mehr Bänke am Mainufer")
        hidden_soon = comment(item, author, body=f"Ein Kommentar. {COMMENT_MARKER}")
        voter_emails = [f"voter{number:03d}@deployment.example" for number in range(VOTERS)]
        db.session.execute(
            insert(User),
            [
                {
                    "email": email,
                    "display_name": f"Voter {number:03d}",
                    "password_hash": password_hash,
                    "confirmed_at": now,
                    "privacy_accepted_at": now,
                    "search_key": email,
                }
                for number, email in enumerate(voter_emails)
            ],
        )
        moderator = make_user_with_role("moderator", region=region)
        moderator.password_hash = password_hash
        secret = enrol_second_factor(moderator)
        world = World(running.id, item.id, hidden_soon.id, voter_emails, moderator.email, secret)
        db.session.commit()
        db.engine.dispose()
    return world


@pytest.fixture(scope="module")
def world(deployment) -> World:
    # The instances boot while the data is written (they touch the database only when asked).
    deployment.start_instances(2)
    with deployment.phases("seed 500 participants, a consultation in its voting phase"):
        created = seed(deployment.database_url, deployment.workdir / "seed")
    with deployment.phases("two gunicorn instances (2 workers each) ready"):
        deployment.wait_until_ready()
    return created


@pytest.fixture(scope="module")
def counts(deployment):
    """Read the shared database as the instances see it."""
    engine = create_engine(deployment.database_url)
    yield engine
    engine.dispose()


def log_in(browser: Browser, base: str, email: str) -> None:
    page = browser.get(base + "/account/login")
    assert page.status == 200, page.status
    answer = browser.post(
        base + "/account/login",
        {"csrf_token": csrf_token(page.body), "email": email, "password": PASSWORD},
    )
    assert answer.status == 302 and answer.location == "/", (email, answer.status, answer.body)


def flashes(browser: Browser) -> list[tuple[str, str]]:
    return [tuple(entry) for entry in read_session(browser.session_cookie()).get("_flashes", [])]


def test_vote_storm_split_across_two_instances(deployment, world, counts):
    a, b = deployment.servers
    vote_path = world.proposal_path + "/vote"
    released: list[float] = []
    barrier = threading.Barrier(
        THREADS, action=lambda: released.append(time.perf_counter()), timeout=120
    )
    answers: dict[str, tuple] = {}

    def prepare(email: str, login_on, vote_on) -> tuple[Browser, str]:
        browser = Browser()
        log_in(browser, login_on.base, email)
        # The other instance knows the person from the cookie alone: it offers the vote form.
        page = browser.get(vote_on.base + world.proposal_path)
        assert page.status == 200, (email, page.status)
        assert f'action="{vote_path}"' in page.body, f"{vote_on.name} does not know {email}"
        return browser, csrf_token(page.body)

    def run(lane: int) -> None:
        mine = []
        try:
            for number in range(lane, VOTERS, THREADS):
                login_on, vote_on = (a, b) if number % 2 == 0 else (b, a)
                email = world.voter_emails[number]
                mine.append((email, vote_on, *prepare(email, login_on, vote_on)))
        except BaseException:
            barrier.abort()  # the others stop waiting; the failure is reported below
            raise
        barrier.wait()  # every login done: all lanes vote at once
        for email, vote_on, browser, token in mine:
            answer = browser.post(vote_on.base + vote_path, {"csrf_token": token, "value": "1"})
            answers[email] = (vote_on.name, answer.status, answer.location, flashes(browser))

    started = time.perf_counter()
    with ThreadPoolExecutor(THREADS) as pool:
        futures = [pool.submit(run, lane) for lane in range(THREADS)]
    failures = [future.exception() for future in futures if future.exception() is not None]
    causes = [error for error in failures if not isinstance(error, threading.BrokenBarrierError)]
    if failures:
        raise (causes or failures)[0]
    finished = time.perf_counter()
    deployment.phases.record(
        f"{VOTERS} logins, each with a page of the other instance", released[0] - started
    )
    deployment.phases.record(f"{VOTERS} votes released at once", finished - released[0])

    expected_location = f"{world.proposal_path}#proposal-{world.proposal_id}"
    wrong = {
        email: answer
        for email, answer in answers.items()
        if answer[1] != 302
        or answer[2] != expected_location
        or [category for category, _message in answer[3]] != ["success"]
    }
    assert len(answers) == VOTERS
    assert not wrong, f"{len(wrong)} votes not counted, e.g. {list(wrong.items())[:3]}"
    assert sorted({answer[0] for answer in answers.values()}) == ["A", "B"]

    with counts.connect() as connection:
        votes = connection.execute(
            select(func.count(), func.count(func.distinct(Vote.user_id))).where(
                Vote.proposal_id == world.proposal_id
            )
        ).one()
        for_, against = connection.execute(
            select(Proposal.votes_for, Proposal.votes_against).where(
                Proposal.id == world.proposal_id
            )
        ).one()
    assert tuple(votes) == (VOTERS, VOTERS)
    assert (for_, against) == (VOTERS, 0)
    for server in (a, b):
        assert not server.error_lines(), f"{server.name} logged errors:\n" + "\n".join(
            server.error_lines()[:20]
        )


def test_a_rate_limit_reached_on_one_instance_holds_on_the_other(deployment, world):
    """Accessibility feedback: 3 per hour per client address (set for the instances)."""
    a, b = deployment.servers
    browser = Browser()
    token = csrf_token(browser.get(a.base + "/accessibility").body)
    too_short = {"csrf_token": token, "message": "kurz"}  # refused by the form, still counted

    with deployment.phases("rate limit shared"):
        on_a = [browser.post(a.base + "/accessibility", too_short).status for _ in range(3)]
        on_b = browser.post(b.base + "/accessibility", too_short)

    assert on_a == [200, 200, 200]
    assert on_b.status == 429
    for server in (a, b):
        assert not server.error_lines(), f"{server.name} logged errors"


def test_a_page_cached_through_one_instance_is_renewed_by_a_decision_on_the_other(
    deployment, world
):
    a, b = deployment.servers
    visitor = Browser()
    first = visitor.get(a.base + world.proposal_path)
    if "X-Cache" not in first.headers:
        pytest.skip("no page cache in this build (no X-Cache header)")

    with deployment.phases("cache invalidated across instances"):
        again = visitor.get(a.base + world.proposal_path)
        assert again.status == 200 and COMMENT_MARKER in again.body
        assert again.headers["X-Cache"].lower().startswith("hit"), again.headers["X-Cache"]

        moderator = Browser()
        page = moderator.get(b.base + "/account/login")
        answer = moderator.post(
            b.base + "/account/login",
            {
                "csrf_token": csrf_token(page.body),
                "email": world.moderator_email,
                "password": PASSWORD,
            },
        )
        assert answer.status == 302 and answer.location.endswith("/account/login/code")
        page = moderator.get(b.base + "/account/login/code")
        code = pyotp.TOTP(world.moderator_secret).now()
        answer = moderator.post(
            b.base + "/account/login/code", {"csrf_token": csrf_token(page.body), "code": code}
        )
        assert answer.status == 302, answer.status
        item_path = f"/moderation/contributions/{world.comment_id}"
        page = moderator.get(b.base + item_path)
        assert page.status == 200, page.status
        answer = moderator.post(
            b.base + item_path,
            {
                "csrf_token": csrf_token(page.body),
                "action": "hide",
                "reason": "spam",
                "seen_state": "published",
                "note": "",
            },
        )
        assert answer.status == 302, (answer.status, answer.body[:2000])

        after = visitor.get(a.base + world.proposal_path)

    assert after.status == 200
    assert COMMENT_MARKER not in after.body
