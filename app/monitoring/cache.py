"""Computed figures kept for MONITORING_CACHE_SECONDS, on the app's cache (core/cache.py).

The dashboard's aggregates run over every contribution; a few minutes' delay is fine for
monitoring, recomputing them for every visitor is not. Keys are the filters of a request. With
Redis every app server shares the same figures; without it each process keeps its own. Entries
are plain data (the figure classes below are registered for the cache's JSON; no ORM objects).
Unlike whole pages, figures are not tied to the content generation: under steady voting they
would be recomputed on nearly every visit, and the delay is documented.
"""

from collections.abc import Callable, Hashable

from flask import current_app

from app.core import cache as app_cache
from app.monitoring.participation import ParticipationFigures, RegistrationFigures
from app.monitoring.responsiveness import (
    ModerationFigures,
    ResponsivenessFigures,
    TransparencyFigures,
)
from app.monitoring.suppression import Cell, SuppressedTable

NAMESPACE = "monitoring"

for _figures in (
    Cell,
    SuppressedTable,
    ParticipationFigures,
    RegistrationFigures,
    ResponsivenessFigures,
    TransparencyFigures,
    ModerationFigures,
):
    app_cache.register_dataclass(_figures)


def cached(key: Hashable, compute: Callable[[], object]):
    """The value stored under `key` if younger than MONITORING_CACHE_SECONDS, else computed."""
    lifetime = current_app.config["MONITORING_CACHE_SECONDS"]
    if lifetime <= 0:
        return compute()
    return app_cache.current().remember(NAMESPACE, key, compute, lifetime)


def clear() -> None:
    app_cache.current().clear(NAMESPACE)
