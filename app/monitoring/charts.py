"""Charts as data: what a chart shows is one `Chart` object, and the SVG, the data table, the
CSV and the JSON download are all written from that same object, so they cannot disagree.

Values are `Cell`s (suppression.py): a suppressed value is shown as "fewer than 5" everywhere
and its number never leaves the server.
"""

from dataclasses import dataclass, field

from app.monitoring.suppression import Cell


class ChartKind:
    BARS = "bars"  # horizontal bars, grouped by category (one bar per series)
    LINES = "lines"  # a time series: categories are months, one line per series
    ALL = (BARS, LINES)


class ValueUnit:
    COUNT = "count"
    PERSONS = "persons"
    PERCENT = "percent"
    DAYS = "days"
    HOURS = "hours"
    EUROS = "euros"
    ALL = (COUNT, PERSONS, PERCENT, DAYS, HOURS, EUROS)


@dataclass(frozen=True)
class Series:
    key: str  # stable, used in CSV and JSON
    label: str  # translated, shown in the legend and the table header
    values: tuple[Cell, ...]  # one per category, in category order


@dataclass(frozen=True)
class Chart:
    id: str  # stable: part of the download address and the element ids
    title: str  # translated
    description: str  # translated: what is counted and how (becomes the SVG <desc>)
    kind: str  # ChartKind
    unit: str  # ValueUnit
    categories: tuple[tuple[str, str], ...]  # (stable key, translated label)
    series: tuple[Series, ...]
    notes: tuple[str, ...] = field(default=())  # translated: sources, definitions

    @property
    def is_empty(self) -> bool:
        return not any(cell.known and cell.value for s in self.series for cell in s.values)
