"""The chart builders, one module per part of the pages. Each builder registers itself under its
chart id with `dashboard.register`; importing this package registers them all."""

from app.monitoring.builders import over_time, reach, region, side_by_side  # noqa: F401
