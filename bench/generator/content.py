"""Planning proposals, comments and votes: who wrote what when, and every counter.

Few proposals get many comments and votes (Pareto weights), most get a handful. The proposals
the load driver uses are fixed here: the detail proposal with exactly DETAIL_COMMENTS visible
comments, a proposal to comment on, proposals to vote on and the storm proposal, and the
accounts that may vote on them without having voted yet.
"""

import random
from array import array

from bench.generator import scales
from bench.generator.draw import between, pick, rng_for
from bench.generator.plan import (
    ANSWERED_SHARE,
    DELETED_SHARE,
    DETAIL_HIDDEN,
    FINAL_STATUSES,
    HIDDEN_SHARE,
    PENDING_SHARE,
    REJECTED_SHARE,
    REPLY_SHARE,
    REVISED_SHARE,
    WITHDRAWN_SHARE,
    AuthorPicker,
    Plan,
    Proposal,
    allocate,
)

STORM_PRIOR_VOTES = 3  # votes on the storm proposal before the storm, by other accounts


def _stance(draw: float) -> str | None:
    """Half the comments take a stance: 60 % of those in favour, 25 % against, 15 % neutral."""
    if draw >= 0.5:
        return None
    share = draw / 0.5
    return "in_favour" if share < 0.6 else "against" if share < 0.85 else "neutral"


def _pickers(plan: Plan) -> dict:
    """Author pickers: everyone, and the residents of each region (resident-only consultations)."""
    pickers = {None: AuthorPicker(plan.users)}
    for consultation in plan.consultations:
        if consultation.region not in pickers:
            residents = [user for user in plan.users if user.home_region == consultation.region]
            pickers[consultation.region] = AuthorPicker(residents)
    return pickers


def _picker(pickers: dict, consultation):
    return pickers[consultation.region if consultation.eligibility == "residents" else None]


def _state(rng: random.Random, consultation, pending_allowed: bool) -> str:
    draw = rng.random()
    if draw < HIDDEN_SHARE:
        return "hidden"
    if consultation.moderation_mode == "pre":
        if pending_allowed and consultation.is_running and draw < HIDDEN_SHARE + PENDING_SHARE:
            return "pending"
        if draw < HIDDEN_SHARE + PENDING_SHARE + REJECTED_SHARE:
            return "rejected"
    return "published"


def plan_proposals(plan: Plan) -> None:
    rng = rng_for(plan.seed, "proposals")
    anchor = plan.anchor
    pickers = _pickers(plan)
    open_ones = [c for c in plan.consultations if c.reached("proposals")]
    special = {plan.biggest.id: plan.scale.biggest_share, plan.voting.id: plan.scale.voting_share}
    others = [rng.uniform(0.5, 1.5) for c in open_ones if c.id not in special]
    rest = 1.0 - sum(special.values())
    weights, drawn = [], iter(others)
    for consultation in open_ones:
        weights.append(special.get(consultation.id) or rest * next(drawn) / sum(others))
    minimum = [
        3 if c is plan.biggest else scales.VOTE_PATHS + 4 if c is plan.voting else 0
        for c in open_ones
    ]
    proposals: list[Proposal] = []
    for consultation, count in zip(
        open_ones, allocate(plan.scale.proposals, weights, minimum), strict=True
    ):
        consultation.proposal_count = count
        start, end = consultation.phases["proposals"]
        end = min(end, anchor)
        discussion_end = min(consultation.phases["discussion"][1], anchor)
        own = []
        for _ in range(count):
            created = between(rng, start, end - 1)
            author = _picker(pickers, consultation).pick(rng, created)
            language = author.locale if rng.random() < 0.7 else "de"
            field_id = rng.choice(consultation.fields) if rng.random() < 0.95 else None
            proposal = Proposal(consultation, author.id, created, language, field_id)
            proposal.state = _state(rng, consultation, pending_allowed=True)
            if (
                proposal.state == "published"
                and consultation.reached("discussion")
                and rng.random() < WITHDRAWN_SHARE
            ):
                proposal.withdrawn = rng.randint(created, max(created, discussion_end))
                proposal.status = "withdrawn"
            if rng.random() < REVISED_SHARE:
                proposal.edited = rng.randint(created, max(created, end))
            _answers(rng, proposal, anchor)
            own.append(proposal)
        if consultation is plan.biggest or consultation is plan.voting:
            _choose_targets(rng, plan, consultation, own)
        proposals.extend(own)
    proposals.sort(key=lambda p: (p.created, p.consultation.id))
    for number, proposal in enumerate(proposals, start=1):
        proposal.id = number
    plan.proposals = proposals


def _answers(rng: random.Random, proposal: Proposal, anchor: int) -> None:
    consultation = proposal.consultation
    if not proposal.is_public:
        return
    if consultation.kind in ("results", "archived") and rng.random() < ANSWERED_SHARE:
        start, end = consultation.phases["results"]
        end = min(end, anchor)
        first = rng.randint(start, end)
        if rng.random() < 0.2:
            proposal.responses.append((first, "under_review"))
            first = rng.randint(first, end)
        codes, weights = zip(*FINAL_STATUSES, strict=True)
        proposal.responses.append((first, rng.choices(codes, weights)[0]))
    elif consultation.kind == "voting" and rng.random() < 0.05:
        start = consultation.phases["voting"][0]
        proposal.responses.append((rng.randint(start, anchor), "under_review"))
    if proposal.responses:
        proposal.status = proposal.responses[-1][1]


def _make_public(proposal: Proposal) -> Proposal:
    proposal.state, proposal.status, proposal.withdrawn = "published", "submitted", None
    proposal.responses.clear()
    return proposal


def _choose_targets(rng: random.Random, plan: Plan, consultation, own: list[Proposal]) -> None:
    if consultation is plan.biggest:
        plan.detail, plan.comment_target = map(_make_public, rng.sample(own, 2))
        german = [p for p in own if p.language == "de" and p.state == "published"]
        count = max(1, round(scales.SEARCH_SHARE * len(own)))
        chosen = rng.sample(german, count) if len(german) >= count else rng.sample(own, count)
        for proposal in chosen:
            _make_public(proposal).planted = True
            proposal.language = "de"
    else:
        chosen = [_make_public(p) for p in rng.sample(own, scales.VOTE_PATHS + 1)]
        plan.vote_targets, plan.storm = chosen[:-1], chosen[-1]


def choose_bench_accounts(plan: Plan) -> None:
    """Accounts the driver logs in with: confirmed participants, not blocked, no second factor."""
    rng = rng_for(plan.seed, "bench-accounts")
    voting_start = plan.voting.phases["voting"][0]
    able = [
        user
        for user in plan.users
        if user.can_take_part and not user.mfa and user.created < voting_start
    ]
    needed = scales.LOGGED_IN_USERS + scales.STORM_USERS
    if len(able) < needed + STORM_PRIOR_VOTES:
        raise ValueError(f"scale {plan.scale.name} has too few accounts for the bench")
    chosen = rng.sample(able, needed)
    plan.logged_in = sorted(chosen[: scales.LOGGED_IN_USERS], key=lambda u: u.id)
    plan.storm_users = sorted(chosen[scales.LOGGED_IN_USERS :], key=lambda u: u.id)


# --- comments --------------------------------------------------------------------------------


def plan_comments(plan: Plan) -> None:
    rng = rng_for(plan.seed, "comments")
    anchor = plan.anchor
    pickers = _pickers(plan)
    detail_total = scales.DETAIL_COMMENTS + DETAIL_HIDDEN
    open_ones = [
        p for p in plan.proposals if p.state in ("published", "hidden") and p is not plan.detail
    ]
    weights = [min(rng.paretovariate(1.2), 40.0) for _ in open_ones]
    counts = {plan.detail.id: detail_total}
    if open_ones and plan.scale.comments > detail_total:
        for proposal in rng.choices(open_ones, weights, k=plan.scale.comments - detail_total):
            counts[proposal.id] = counts.get(proposal.id, 0) + 1
    by_id = {p.id: p for p in plan.proposals}
    planned = []
    for proposal_id in sorted(counts):
        proposal = by_id[proposal_id]
        consultation = proposal.consultation
        end = min(consultation.phases["discussion"][1], anchor, proposal.withdrawn or anchor)
        times = sorted(
            between(rng, proposal.created, max(proposal.created, end))
            for _ in range(counts[proposal_id])
        )
        is_detail = proposal is plan.detail
        hidden_positions = set(rng.sample(range(detail_total), DETAIL_HIDDEN)) if is_detail else ()
        parents: list[int] = []
        for position, moment in enumerate(times):
            author = _picker(pickers, consultation).pick(rng, moment)
            language = author.locale if rng.random() < 0.75 else proposal.language
            if is_detail:
                state = "hidden" if position in hidden_positions else "published"
            else:
                state = _state(rng, consultation, pending_allowed=True)
            deleted = None
            if state == "published" and not is_detail and rng.random() < DELETED_SHARE:
                deleted = between(rng, moment, max(moment, anchor))
            stance = _stance(rng.random())
            parent = pick(rng, parents) if parents and rng.random() < REPLY_SHARE else -1
            if state == "published":
                parents.append(position)
                if deleted is None:
                    proposal.comments += 1
            planned.append(
                (moment, proposal.id, position, author.id, language, state, stance, parent, deleted)
            )
    planned.sort(key=lambda row: (row[0], row[1], row[2]))
    first = plan.first_comment_id
    plan.comment_ids = {(row[1], row[2]): first + n for n, row in enumerate(planned)}
    plan.comments = planned


# --- votes -----------------------------------------------------------------------------------


def _voter_pool(plan: Plan, consultation) -> list[int]:
    start = consultation.phases["voting"][0]
    return [
        user.id
        for user in plan.users
        if user.can_take_part
        and user.created < start
        and (consultation.eligibility != "residents" or user.home_region == consultation.region)
    ]


def _capped_allocation(rng: random.Random, total: int, weights: list[float], caps: list[int]):
    """Multinomial draw of `total` over weights, no share above its cap."""
    if total > sum(caps):
        raise ValueError("more votes than the accounts can give")
    counts = [0] * len(weights)
    remaining = total
    while remaining:
        open_indexes = [i for i in range(len(weights)) if counts[i] < caps[i]]
        open_weights = [weights[i] for i in open_indexes]
        for index in rng.choices(open_indexes, open_weights, k=remaining):
            if counts[index] < caps[index]:
                counts[index] += 1
                remaining -= 1
    return counts


def plan_votes(plan: Plan) -> None:
    rng = rng_for(plan.seed, "votes")
    anchor = plan.anchor
    reserved = {user.id for user in plan.logged_in + plan.storm_users}
    kept_free = {p.id for p in plan.vote_targets} | {plan.storm.id}
    consultations = [c for c in plan.consultations if c.reached("voting")]
    public = {c.id: [] for c in consultations}
    for proposal in plan.proposals:
        if proposal.consultation.id in public and proposal.is_public:
            public[proposal.consultation.id].append(proposal)
    pools = {c.id: _voter_pool(plan, c) for c in consultations}
    caps = []
    for consultation in consultations:
        per_proposal = int(0.6 * len(pools[consultation.id]))
        cap = per_proposal * len(public[consultation.id])
        if consultation.vote_budget:
            cap = min(cap, consultation.vote_budget * len(pools[consultation.id]) // 2)
        caps.append(cap)
    weights = [float(len(public[c.id])) for c in consultations]
    totals = _capped_allocation(rng, plan.scale.votes - STORM_PRIOR_VOTES, weights, caps)
    users, proposal_ids, values, times = array("i"), array("i"), array("b"), array("q")
    for consultation, total in zip(consultations, totals, strict=True):
        own = [p for p in public[consultation.id] if p is not plan.storm]
        pool = pools[consultation.id]
        per_proposal = int(0.6 * len(pool))
        proposal_weights = [min(rng.paretovariate(1.1), 80.0) for _ in own]
        counts = _capped_allocation(rng, total, proposal_weights, [per_proposal] * len(own))
        if consultation is plan.voting:
            own.append(plan.storm)
            counts.append(STORM_PRIOR_VOTES)
        used: dict[int, int] = {}
        start, end = consultation.phases["voting"]
        end = min(end, anchor)
        for proposal, count in zip(own, counts, strict=True):
            excluded = reserved if proposal.id in kept_free else ()
            for voter in _voters(rng, pool, count, consultation.vote_budget, used, excluded):
                value = (
                    -1 if consultation.voting_mode == "for_against" and rng.random() < 0.25 else 1
                )
                if value == 1:
                    proposal.votes_for += 1
                else:
                    proposal.votes_against += 1
                users.append(voter)
                proposal_ids.append(proposal.id)
                values.append(value)
                times.append(between(rng, start, end))
    plan.votes = (users, proposal_ids, values, times)


def _voters(rng, pool, count, budget, used, excluded) -> list[int]:
    """`count` distinct accounts of the pool, none excluded, none over the vote budget."""
    chosen: list[int] = []
    taken: set[int] = set()
    size = len(pool)
    attempts = 0
    while len(chosen) < count:
        attempts += 1
        if attempts > 50 * count + 1_000:
            raise ValueError("could not find enough voters within the vote budget")
        voter = pool[int(rng.random() * size)]
        if voter in taken or voter in excluded or (budget and used.get(voter, 0) >= budget):
            continue
        chosen.append(voter)
        taken.add(voter)
        used[voter] = used.get(voter, 0) + 1
    return chosen
