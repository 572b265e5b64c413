"""Locust users of the Mitreden bench: closed loop (no think time), one scenario at a time.

`bench/run.py` drives these through `bench/driver/loadrun.py`, which resets the statistics once
every client has logged in and is ready, so logins are never measured. By hand (statistics then
include the setup requests, named "setup: ..."):

    BENCH_MANIFEST=bench/data/small-sqlite.json BENCH_SCENARIO=proposal_list \\
        .venv-bench/bin/locust -f bench/locustfile.py --headless -u 4 -r 4 -t 10s \\
        --host http://127.0.0.1:5000

Scenarios: ceiling (/health/live, no database), the anonymous pages of the manifest, vote
(log in once, then cast and retract in turn: data stays as it was), comment (log in once, then
post comments, each text unique), storm (every storm user logs in, all wait for each other,
then all cast one vote at the same moment).

POSTs send the CSRF token of the session (`<meta name="csrf-token">` of a page) and never follow
redirects. Votes ask for JSON, as the page's script does, so a refusal is a status code rather
than a redirect with a message.
"""

import html
import itertools
import os
import re
import secrets
import sys
from pathlib import Path
from urllib.parse import urlencode

from gevent.event import Event
from gevent.lock import Semaphore
from locust import FastHttpUser, constant, task
from locust.exception import StopUser

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.driver.manifest import PAGE_KEYS, load_manifest

CEILING_PATH = "/health/live"
CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)"')
ERROR_ITEM = re.compile(r'<ul class="error-summary__list">(.*?)</ul>', re.S)
TAG = re.compile(r"<[^>]+>")
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
JSON_FORM = {**FORM, "Accept": "application/json"}
SETUP = "setup: "
# A comment of ordinary length; the run tag and number keep each text unique (the app refuses
# the same text from the same person twice within ten minutes, also across runs).
RUN_TAG = secrets.token_hex(3)
COMMENT_BODY = (
    "Beitrag {number}: Die Beratungsstellen sollten auch abends und am Samstag geöffnet sein, "
    "damit Berufstätige und Eltern kommen können. Informationen in mehreren Sprachen und eine "
    "Ansprechperson im Stadtteil würden vielen Familien den ersten Schritt erleichtern. "
    "Außerdem wäre ein Treffpunkt ohne Anmeldung gut, an dem Ehrenamtliche beim Ausfüllen von "
    "Formularen helfen."
)


class BenchState:
    """What the users of one process share: the manifest, who logs in as whom, the barrier."""

    def __init__(self):
        self.reset(None)

    def reset(self, manifest, *, expected: int = 0, login_concurrency: int = 4, coordinated=False):
        self.manifest = manifest
        self.expected = expected
        self.coordinated = coordinated  # True: the load runner opens the gate (`go`)
        self.ready = 0
        self.login_failures: list[str] = []
        self.finished = 0
        self.late = 0  # storm users ready only after the gate opened: they do not cast
        self.go = Event()
        self.login_slots = Semaphore(login_concurrency)
        self._next_user = itertools.count()
        self._next_storm_user = itertools.count()
        self._numbers = itertools.count(1)

    def ensure_manifest(self):
        if self.manifest is None:
            self.reset(load_manifest(os.environ["BENCH_MANIFEST"]))
        return self.manifest

    def user_email(self) -> str:
        users = self.ensure_manifest().users
        return users[next(self._next_user) % len(users)]

    def storm_email(self) -> str:
        users = self.ensure_manifest().storm_users
        index = next(self._next_storm_user)
        if index >= len(users):
            raise StopUser()  # more clients than storm users: the extra ones do nothing
        return users[index]

    def number(self) -> int:
        return next(self._numbers)

    def mark_ready(self, email: str | None = None, ok: bool = True) -> None:
        if not ok:
            self.login_failures.append(email)
        self.ready += 1
        if not self.coordinated and self.expected and self.ready >= self.expected:
            self.go.set()


STATE = BenchState()


def csrf_token(html: str) -> str:
    match = CSRF_META.search(html or "")
    if not match:
        raise ValueError("no CSRF token in the page")
    return match.group(1)


def refusal(response) -> str:
    """The error summary of a re-rendered form, as plain text (for failure messages)."""
    match = ERROR_ITEM.search(response.text or "")
    if not match:
        return ""
    return " ".join(html.unescape(TAG.sub(" ", match.group(1))).split())[:200]


def log_in(client, email: str, password: str) -> bool:
    """Log in through the form (at most a few at a time: argon2 costs memory and time)."""
    with STATE.login_slots:
        page = client.get("/account/login", name=SETUP + "login page")
        try:
            token = csrf_token(page.text)
        except ValueError:
            return False
        with client.post(
            "/account/login",
            data=urlencode({"csrf_token": token, "email": email, "password": password}),
            headers=FORM,
            name=SETUP + "login",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            location = response.headers.get("Location") or ""
            if response.status_code != 302 or "second" in location:
                response.failure(f"login of {email} refused (status {response.status_code})")
                return False
            response.success()
            return True


class BenchUser(FastHttpUser):
    abstract = True
    wait_time = constant(0)  # closed loop: the next request as soon as the answer is read
    network_timeout = 60.0
    connection_timeout = 60.0


class PageUser(BenchUser):
    """An anonymous visitor requesting one page again and again (keeping its cookie)."""

    abstract = True
    scenario = ""
    path = "/"

    def on_start(self):
        STATE.mark_ready()

    @task
    def page(self):
        with self.client.get(
            self.path, name=self.scenario, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")


class LoggedInUser(BenchUser):
    abstract = True

    def on_start(self):
        manifest = STATE.ensure_manifest()
        self.email = STATE.user_email()
        self.token = None
        ok = log_in(self.client, self.email, manifest.password)
        if ok:
            page = self.client.get(manifest.comment_proposal_path, name=SETUP + "token page")
            try:
                self.token = csrf_token(page.text)
            except ValueError:
                ok = False
        STATE.mark_ready(self.email, ok)
        if not ok:
            raise StopUser()


class VoteUser(LoggedInUser):
    """Casts a vote and takes it back, again and again; both requests are measured."""

    abstract = True

    def on_start(self):
        super().on_start()
        paths = STATE.manifest.vote_paths
        self.vote_path = paths[STATE.ready % len(paths)]

    @task
    def cast_and_retract(self):
        manifest = STATE.manifest
        self.vote(self.vote_path.cast, manifest.vote_cast, "vote cast")
        self.vote(self.vote_path.retract, manifest.vote_retract, "vote retract")

    def vote(self, path: str, value: str, name: str) -> None:
        with self.client.post(
            path,
            data=urlencode({"csrf_token": self.token, STATE.manifest.vote_field: value}),
            headers=JSON_FORM,
            name=name,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            check_vote(response, value)


def check_vote(response, value: str) -> None:
    """A vote answer: 200 with JSON whose `my_vote` is what was sent (none after a retraction)."""
    if response.status_code != 200:
        response.failure(f"status {response.status_code}: {(response.text or '')[:160]}")
        return
    try:
        my_vote = response.json().get("my_vote")
    except ValueError:
        response.failure("vote answer is not JSON")
        return
    expected = int(value) or None
    if my_vote != expected:
        response.failure(f"vote is {my_vote!r} after sending {value}")
    else:
        response.success()


class CommentUser(LoggedInUser):
    """Posts a new comment, again and again (each text unique)."""

    abstract = True

    @task
    def comment(self):
        number = f"{RUN_TAG}-{self.email.split('@')[0]}-{STATE.number()}"
        body = COMMENT_BODY.format(number=number)
        with self.client.post(
            STATE.manifest.comment_path,
            data=urlencode(
                {"csrf_token": self.token, "body": body, "language": "de", "stance": ""}
            ),
            headers=FORM,
            name="comment",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            location = response.headers.get("Location") or ""
            if response.status_code != 302 or "#comment-" not in location:
                response.failure(f"status {response.status_code}: {refusal(response)}")
            else:
                response.success()


class StormUser(BenchUser):
    """Logs in, waits for every other storm user, casts one vote on the storm proposal, stops."""

    abstract = True

    def on_start(self):
        manifest = STATE.ensure_manifest()
        self.email = STATE.storm_email()
        self.token = None
        ok = log_in(self.client, self.email, manifest.password)
        if ok:
            page = self.client.get(manifest.storm_proposal_path, name=SETUP + "token page")
            try:
                self.token = csrf_token(page.text)
            except ValueError:
                ok = False
        self.on_time = not STATE.go.is_set()  # read with no switch to another greenlet between
        STATE.mark_ready(self.email, ok)
        if not ok:
            raise StopUser()

    @task
    def cast(self):
        if not self.on_time:
            STATE.late += 1  # ready only after the gate opened: not part of the storm
            raise StopUser()
        STATE.go.wait()
        with self.client.post(
            STATE.manifest.storm_cast_path,
            data=urlencode(
                {"csrf_token": self.token, STATE.manifest.vote_field: STATE.manifest.vote_cast}
            ),
            headers=JSON_FORM,
            name="storm cast",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            check_vote(response, STATE.manifest.vote_cast)
        STATE.finished += 1
        raise StopUser()


def user_class(scenario: str, manifest) -> type:
    """A concrete user class for one scenario of this manifest."""
    if scenario == "ceiling":
        return type("CeilingUser", (PageUser,), {"scenario": scenario, "path": CEILING_PATH})
    if scenario in PAGE_KEYS:
        name = "".join(part.title() for part in scenario.split("_")) + "User"
        return type(name, (PageUser,), {"scenario": scenario, "path": manifest.paths[scenario]})
    if scenario == "vote":
        return type("VoteScenarioUser", (VoteUser,), {})
    if scenario == "comment":
        return type("CommentScenarioUser", (CommentUser,), {})
    if scenario == "storm":
        return type("StormScenarioUser", (StormUser,), {})
    raise ValueError(f"unknown scenario {scenario!r}")


# Run by hand with `locust -f`: BENCH_SCENARIO picks the one user class locust will find.
if os.environ.get("BENCH_SCENARIO") and os.environ.get("BENCH_MANIFEST"):
    _manifest = STATE.ensure_manifest()
    _scenario = os.environ["BENCH_SCENARIO"]
    if _scenario == "storm":
        STATE.expected = len(_manifest.storm_users)
    ScenarioUser = user_class(_scenario, _manifest)
    ScenarioUser.abstract = False
