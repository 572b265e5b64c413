"""Sizes of the generated platform, and what every bench database shares."""

from dataclasses import dataclass

# Raise when the generated content or its shape changes: a database made by another version
# is regenerated instead of reused.
GENERATOR_VERSION = "1"

DEFAULT_SEED = 2026

# One password for every generated account (bench data only; printed into the targets file).
BENCH_PASSWORD = "mitreden-bench-2026"  # noqa: S105 (documented bench accounts only)
EMAIL_DOMAIN = "bench.mitreden.example"

# Accounts the load driver uses: a few that browse, vote and comment, and the vote storm.
LOGGED_IN_USERS = 16
STORM_USERS = 500
VOTE_PATHS = 4

# The proposal whose page the driver measures shows exactly this many comments.
DETAIL_COMMENTS = 300

# A word planted into a share of the biggest consultation's German proposals, so a search
# finds ~0.5 % of them (the corpus never contains it; tests check that).
SEARCH_TERM = "Sprachpatenschaft"
SEARCH_SHARE = 0.005

# Phases that run now keep running at least this many days after the anchor date, so a
# generated database can be reused for that long.
VALID_DAYS = 14


@dataclass(frozen=True)
class Scale:
    name: str
    proposals: int
    comments: int
    votes: int
    users: int
    # Share of all proposals in the biggest consultation (the measured proposal list) and in
    # the voting consultation the driver votes in.
    biggest_share: float = 0.20
    voting_share: float = 0.08


SCALES = {
    "tiny": Scale("tiny", proposals=60, comments=450, votes=600, users=600),
    "small": Scale("small", proposals=1_000, comments=5_000, votes=20_000, users=2_500),
    "large": Scale("large", proposals=100_000, comments=500_000, votes=2_000_000, users=25_000),
}
