"""Random draws of the generator: one reproducible stream per part, and fast draws for the
loops that run millions of times (randint and choice are pure Python and several times slower).
"""

import random


def between(rng: random.Random, low: int, high: int) -> int:
    """A whole number from low to high inclusive; randint's result, at a fraction of its cost
    (it runs millions of times)."""
    return low + int(rng.random() * (high - low + 1))


def pick(rng: random.Random, items):
    """rng.choice, faster."""
    return items[int(rng.random() * len(items))]


def rng_for(seed: int, part: str) -> random.Random:
    return random.Random(f"mitreden-bench:{seed}:{part}")
