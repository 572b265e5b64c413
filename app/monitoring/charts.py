"""Charts as data: what a chart shows is one `Chart` object, and the SVG, the data table, the
CSV and the JSON download are all written from that same object, so they cannot disagree.

Values are `Cell`s (suppression.py): a suppressed value is shown as "fewer than 5" everywhere
and its number never leaves the server.

Rendering (hand-written SVG, no chart library):
- `render_svg(chart, rtl)`: horizontal grouped bars or a time series, scaled by its viewBox
  (100 % wide, from phones to desktops). Titled and described for screen readers; each series
  has a colour AND a pattern (bars) or a dash pattern and marker shape (lines), so nothing
  depends on colour; colours come from CSS classes (mitreden.css, "Monitoring charts"), which
  also handle Windows high contrast. Right-to-left pages get a mirrored chart: bars grow from
  the right and time runs from right to left; numbers stay left-to-right.
- `table_rows(chart)`: the data table under the chart.
- `to_csv(chart)`, `to_json(chart)`: the downloads, in the same numbers as the table.

Every number is published once, through `published_value()` (floats rounded to one decimal,
two for euros), and all four outputs use that value.
"""

import csv
import io
import math
import re
from dataclasses import dataclass, field
from decimal import Decimal

from babel.numbers import format_percent
from flask_babel import format_decimal, get_locale
from markupsafe import Markup, escape

from app.core.i18n import _, text_direction
from app.core.spreadsheet import neutralise_formula
from app.monitoring.suppression import MIN_GROUP, Cell


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
    # Translated heading of the categories' column in the data table ("Region", "Language");
    # empty: "Month" for time series, "Category" otherwise.
    category_name: str = ""

    @property
    def is_empty(self) -> bool:
        """Nothing to draw: no value above zero and no hidden one (a hidden value is 1-4)."""
        return not any(
            cell.suppressed or (cell.known and cell.value) for s in self.series for cell in s.values
        )

    @property
    def has_suppressed(self) -> bool:
        return any(cell.suppressed for s in self.series for cell in s.values)

    @property
    def has_undefined(self) -> bool:
        return any(
            cell.value is None and not cell.suppressed for s in self.series for cell in s.values
        )

    @property
    def suppressed_below(self) -> int:
        return MIN_GROUP

    @property
    def dom_id(self) -> str:
        """The chart's element id; ids of its parts start with it."""
        return "chart-" + re.sub(r"[^A-Za-z0-9_-]", "-", self.id)

    def svg(self, rtl: bool | None = None) -> Markup:
        """The SVG; `rtl` defaults to the direction of the reader's language."""
        return render_svg(self, text_direction() == "rtl" if rtl is None else rtl)

    @property
    def table(self) -> "DataTable":
        return table_rows(self)


# --- Numbers -------------------------------------------------------------------------------


def published_value(value, unit: str):
    """The number as published: ints stay, floats are rounded (one decimal, euros two) and
    whole floats become ints, so 3.0 days is 3 in the table, the CSV and the JSON alike."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    rounded = round(float(value), 2 if unit == ValueUnit.EUROS else 1)
    return int(rounded) if rounded.is_integer() else rounded


def format_value(value, unit: str) -> str:
    """A published number in the reader's locale, with its unit where it is a sign (%, €)."""
    if unit == ValueUnit.PERCENT:
        # The locale's own pattern (12,5 % / 12.5% / %12,5); one decimal at most, as published.
        return format_percent(
            Decimal(str(value)) / 100, locale=get_locale(), decimal_quantization=False
        )
    if unit == ValueUnit.EUROS:
        return _("%(amount)s €", amount=format_decimal(value, format="#,##0.##"))
    return format_decimal(value, format="#,##0.#")


def format_cell(cell: Cell, unit: str) -> str:
    if cell.suppressed:
        return fewer_than_text()
    value = published_value(cell.value, unit)
    return "–" if value is None else format_value(value, unit)


def fewer_than_text() -> str:
    return _("fewer than %(number)s", number=format_decimal(MIN_GROUP))


def unit_name(unit: str) -> str:
    return {
        ValueUnit.COUNT: _("Number"),
        ValueUnit.PERSONS: _("Persons"),
        ValueUnit.PERCENT: _("Per cent"),
        ValueUnit.DAYS: _("Days"),
        ValueUnit.HOURS: _("Hours"),
        ValueUnit.EUROS: _("Euros"),
    }.get(unit, "")


# --- Data table ----------------------------------------------------------------------------


@dataclass(frozen=True)
class TableCell:
    text: str  # formatted: a number, "fewer than 5" or "–"
    state: str  # "value", "suppressed" or "undefined"


@dataclass(frozen=True)
class TableRow:
    key: str
    label: str
    cells: tuple[TableCell, ...]  # one per series


@dataclass(frozen=True)
class DataTable:
    header: tuple[str, ...]  # the categories' column, then one column per series
    rows: tuple[TableRow, ...]


def table_rows(chart: Chart) -> DataTable:
    """What the HTML table under the chart shows: one row per category, one column per series."""
    category_name = chart.category_name or (
        _("Month") if chart.kind == ChartKind.LINES else _("Category")
    )
    rows = []
    for index, (key, label) in enumerate(chart.categories):
        cells = []
        for series in chart.series:
            cell = series.values[index]
            state = (
                "suppressed" if cell.suppressed else "undefined" if cell.value is None else "value"
            )
            cells.append(TableCell(format_cell(cell, chart.unit), state))
        rows.append(TableRow(key, str(label), tuple(cells)))
    return DataTable((str(category_name), *(str(s.label) for s in chart.series)), tuple(rows))


# --- Downloads -----------------------------------------------------------------------------

CSV_COLUMNS = ("category_key", "category", "series_key", "series", "value", "suppressed")


def _long_rows(chart: Chart):
    for index, (key, label) in enumerate(chart.categories):
        for series in chart.series:
            cell = series.values[index]
            value = None if cell.suppressed else published_value(cell.value, chart.unit)
            yield key, str(label), series.key, str(series.label), value, cell.suppressed


def to_csv(chart: Chart) -> str:
    """Long format, one row per category and series. UTF-8 text without byte order mark (as the
    open-data files); an empty value is suppressed (see the last column) or not defined; text
    cells that a spreadsheet would run as formulas are neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for category_key, category, series_key, series, value, suppressed in _long_rows(chart):
        writer.writerow(
            [
                neutralise_formula(str(category_key)),
                neutralise_formula(category),
                neutralise_formula(str(series_key)),
                neutralise_formula(series),
                "" if value is None else str(value),
                "true" if suppressed else "false",
            ]
        )
    return buffer.getvalue()


def to_json(chart: Chart) -> dict:
    """The chart's numbers with their labels; a suppressed value is null with `suppressed`."""
    return {
        "id": chart.id,
        "title": str(chart.title),
        "description": str(chart.description),
        "kind": chart.kind,
        "unit": chart.unit,
        "suppressed_below": MIN_GROUP,
        "notes": [str(note) for note in chart.notes],
        "categories": [{"key": key, "label": str(label)} for key, label in chart.categories],
        "series": [
            {
                "key": series.key,
                "label": str(series.label),
                "values": [
                    {
                        "value": None
                        if cell.suppressed
                        else published_value(cell.value, chart.unit),
                        "suppressed": cell.suppressed,
                    }
                    for cell in series.values
                ],
            }
            for series in chart.series
        ],
    }


# --- SVG -----------------------------------------------------------------------------------

WIDTH = 320  # viewBox units; drawn 100 % wide (phones: about 1:1, desktops: 1.5:1)
PAD = 8
FONT = 13  # labels
SMALL = 11.5  # ticks, values, "< 5"
LINE = 17  # line height of labels
STYLES = 6  # distinct series styles (colour + pattern/marker); more series repeat them
CHAR = 0.56  # average glyph width as a share of the font size (estimate for layout)
# Dash patterns of the lines (with the marker shapes below: recognisable without colour).
DASHES = (None, "9 4", "2 3", "12 4 2 4", "5 5", "1 3")
MARKERS = ("circle", "square", "triangle", "diamond", "triangle-down", "cross")


def _n(number: float) -> str:
    text = f"{number:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _esc(text) -> Markup:
    """Escaped text. str() first: lazy strings declare themselves safe HTML (__html__)."""
    return escape(str(text))


def _join(parts) -> Markup:
    """Elements side by side; anything that is not yet Markup is escaped."""
    return Markup("").join(part if isinstance(part, Markup) else _esc(part) for part in parts)


def _el(tag: str, content=None, **attributes) -> Markup:
    """An SVG element. Attribute values and text content are escaped unless they are Markup
    (nested elements); keyword names: trailing _ dropped, _ becomes - (class_, font_size)."""
    attrs = _join(
        Markup(' {}="{}"').format(
            name.rstrip("_").replace("_", "-"),
            _n(value) if isinstance(value, float) else str(value),
        )
        for name, value in attributes.items()
        if value is not None
    )
    if content is None:
        return Markup("<{}{}/>").format(tag, attrs)
    if not isinstance(content, Markup):
        content = _esc(content)
    return Markup("<{}{}>{}</{}>").format(tag, attrs, content, tag)


def _text_width(text: str, size: float) -> float:
    return len(text) * size * CHAR


def _wrap(text: str, width: float, size: float) -> list[str]:
    """Lines of at most `width` (estimated); words longer than a line are cut."""
    limit = max(4, int(width / (size * CHAR)))
    lines: list[str] = []
    current = ""
    for word in str(text).split():
        while len(word) > limit:
            if current:
                lines.append(current)
                current = ""
            lines.append(word[:limit])
            word = word[limit:]
        candidate = f"{current} {word}" if current else word
        if len(candidate) > limit:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current or not lines:
        lines.append(current)
    return lines


def nice_ticks(maximum: float, unit: str, room: float, label_width) -> list:
    """Ticks from 0 to a round number at or above `maximum`, as many as fit into `room`."""
    integral = unit in (ValueUnit.COUNT, ValueUnit.PERSONS, ValueUnit.EUROS)
    if maximum <= 0:
        maximum = 1
    for count in (5, 4, 3, 2, 1):
        raw = maximum / count
        magnitude = 10 ** math.floor(math.log10(raw))
        # A step the published precision can show (no 0.25 for one decimal).
        candidates = (
            m * magnitude
            for m in (1, 2, 2.5, 5, 10)
            if m * magnitude >= raw - 1e-12
            and published_value(m * magnitude, unit) == round(m * magnitude, 10)
        )
        step = next(candidates, None) or (0.01 if unit == ValueUnit.EUROS else 0.1)
        if integral:
            step = max(1, math.ceil(step))
        steps = math.ceil(maximum / step - 1e-9)
        ticks = [published_value(Decimal(str(step)) * i, unit) for i in range(steps + 1)]
        widest = max(label_width(format_value(t, unit)) for t in ticks)
        if steps <= 1 or room / steps >= widest + 10:
            return ticks
    return ticks


class _Canvas:
    """Collects SVG elements; x is given left-to-right and mirrored for right-to-left pages."""

    def __init__(self, chart: Chart, rtl: bool):
        self.chart = chart
        self.rtl = rtl
        self.prefix = chart.dom_id
        self.parts: list[str] = []

    def x(self, x: float) -> float:
        return WIDTH - x if self.rtl else x

    def anchor(self, anchor: str) -> str:
        """For numbers (always left-to-right): start/end swap in a mirrored chart."""
        if not self.rtl or anchor == "middle":
            return anchor
        return "end" if anchor == "start" else "start"

    def rect(self, x, y, width, height, content=None, **attributes) -> str:
        left = self.x(x + width) if self.rtl else x
        return _el(
            "rect",
            content,
            x=float(left),
            y=float(y),
            width=float(width),
            height=float(height),
            **attributes,
        )

    def label(self, x: float, y: float, text: str, class_: str, anchor: str = "start", size=FONT):
        """Text in the reader's direction; `anchor` is logical (start = the reading start)."""
        self.parts.append(
            _el(
                "text",
                _esc(text),
                x=float(self.x(x)),
                y=float(y),
                class_=class_,
                font_size=size,
                direction="rtl" if self.rtl else "ltr",
                text_anchor=anchor,
            )
        )

    def number(self, x: float, y: float, text: str, class_: str, anchor: str = "start", size=SMALL):
        """A number: left-to-right in every language, anchored so it mirrors with the chart."""
        self.parts.append(
            _el(
                "text",
                _esc(text),
                x=float(self.x(x)),
                y=float(y),
                class_=class_,
                font_size=size,
                direction="ltr",
                unicode_bidi="embed",
                text_anchor=self.anchor(anchor),
            )
        )

    def pattern_id(self, index: int) -> str:
        return f"{self.prefix}-pattern-{index % STYLES}"


def _style(index: int) -> int:
    return index % STYLES


def _pattern(prefix: str, style: int) -> str:
    """Bar fills: solid, diagonal hatching, dots, cross-hatching, stripes, a grid."""
    fg = f"chart__fg chart__fg--{style}"
    size = 8
    shapes = {
        0: [_el("rect", width=size, height=size, class_=fg)],
        1: [_el("path", d="M-2 2L2 -2M0 8L8 0M6 10L10 6", class_=fg, stroke_width=2, fill="none")],
        2: [
            _el("circle", cx=2, cy=2, r=1.6, class_=fg),
            _el("circle", cx=6, cy=6, r=1.6, class_=fg),
        ],
        3: [
            _el(
                "path",
                d="M-2 2L2 -2M0 8L8 0M6 10L10 6M-2 6L2 10M0 0L8 8M6 -2L10 2",
                class_=fg,
                stroke_width=1.4,
                fill="none",
            )
        ],
        4: [_el("rect", y=0, width=size, height=3.5, class_=fg)],
        5: [
            _el("path", d="M0 0.75H8M0.75 0V8", class_=fg, stroke_width=1.5, fill="none"),
        ],
    }[style]
    background = (
        Markup("")
        if style == 0
        else _el("rect", width=size, height=size, class_="chart__pattern-bg")
    )
    return _el(
        "pattern",
        background + _join(shapes),
        id=f"{prefix}-pattern-{style}",
        patternUnits="userSpaceOnUse",
        width=size,
        height=size,
    )


def _marker(shape: str, cx: float, cy: float, class_: str, title: str | None = None) -> str:
    """A point of a line: a different shape per series (about 9 units across)."""
    content = _el("title", _esc(title)) if title else None
    r = 4.5
    if shape == "circle":
        return _el("circle", content, cx=float(cx), cy=float(cy), r=r, class_=class_)
    if shape == "square":
        return _el(
            "rect", content, x=float(cx - 4), y=float(cy - 4), width=8.0, height=8.0, class_=class_
        )
    paths = {
        "triangle": f"M{_n(cx)} {_n(cy - 5.5)}L{_n(cx + 5)} {_n(cy + 3.5)}H{_n(cx - 5)}Z",
        "triangle-down": f"M{_n(cx)} {_n(cy + 5.5)}L{_n(cx + 5)} {_n(cy - 3.5)}H{_n(cx - 5)}Z",
        "diamond": f"M{_n(cx)} {_n(cy - 5.5)}L{_n(cx + 5.5)} {_n(cy)}L{_n(cx)} {_n(cy + 5.5)}"
        f"L{_n(cx - 5.5)} {_n(cy)}Z",
        "cross": f"M{_n(cx - 4.5)} {_n(cy - 2)}L{_n(cx - 2)} {_n(cy - 4.5)}L{_n(cx)} {_n(cy - 2)}"
        f"L{_n(cx + 2)} {_n(cy - 4.5)}L{_n(cx + 4.5)} {_n(cy - 2)}L{_n(cx + 2)} {_n(cy)}"
        f"L{_n(cx + 4.5)} {_n(cy + 2)}L{_n(cx + 2)} {_n(cy + 4.5)}L{_n(cx)} {_n(cy + 2)}"
        f"L{_n(cx - 2)} {_n(cy + 4.5)}L{_n(cx - 4.5)} {_n(cy + 2)}L{_n(cx - 2)} {_n(cy)}Z",
    }
    return _el("path", content, d=paths[shape], class_=class_)


def _legend(canvas: _Canvas, y: float, lines: bool) -> float:
    """One entry per line (so long names never collide); returns the y below the legend."""
    chart = canvas.chart
    if len(chart.series) > 1:
        for index, series in enumerate(chart.series):
            style = _style(index)
            if lines:
                canvas.parts.append(
                    _el(
                        "line",
                        x1=float(canvas.x(PAD)),
                        y1=float(y + 7),
                        x2=float(canvas.x(PAD + 26)),
                        y2=float(y + 7),
                        class_=f"chart__line chart__line--{style} chart__key",
                        stroke_dasharray=DASHES[style],
                        fill="none",
                    )
                )
                canvas.parts.append(
                    _marker(
                        MARKERS[style],
                        canvas.x(PAD + 13),
                        y + 7,
                        f"chart__point chart__point--{style} chart__key",
                    )
                )
            else:
                canvas.parts.append(
                    canvas.rect(
                        PAD,
                        y,
                        26,
                        14,
                        class_=f"chart__swatch chart__bar--{style}",
                        fill=f"url(#{canvas.pattern_id(index)})",
                    )
                )
            wrapped = _wrap(series.label, WIDTH - 2 * PAD - 34, FONT)
            for number, text in enumerate(wrapped):
                canvas.label(PAD + 34, y + 12 + number * LINE, text, "chart__legend")
            y += max(1, len(wrapped)) * LINE + 4
    if chart.has_suppressed:
        mark = f"< {MIN_GROUP}"
        canvas.number(PAD, y + 12, mark, "chart__suppressed")
        canvas.label(PAD + 34, y + 12, fewer_than_text(), "chart__legend")
        y += LINE + 4
    return y


def _value_texts(chart: Chart) -> list[str]:
    return [
        format_value(published_value(cell.value, chart.unit), chart.unit)
        for series in chart.series
        for cell in series.values
        if cell.known
    ]


def _maximum(chart: Chart) -> float:
    values = [
        published_value(cell.value, chart.unit)
        for s in chart.series
        for cell in s.values
        if cell.known
    ]
    return max([0, *values])


def _bars(canvas: _Canvas) -> float:
    chart = canvas.chart
    bar, gap, group_gap = 16, 4, 14
    suppressed_mark = f"< {MIN_GROUP}"
    widest_value = max(
        [_text_width(t, SMALL) for t in [*_value_texts(chart), suppressed_mark, "–"]]
    )
    # The bars start where the axis label under them ("0", "0 %") still fits into the picture.
    origin = max(PAD, _text_width(format_value(0, chart.unit), SMALL) / 2 + 2)
    room = WIDTH - origin - PAD - widest_value - 6
    ticks = nice_ticks(_maximum(chart), chart.unit, room, lambda t: _text_width(t, SMALL))
    top = ticks[-1] or 1

    y = _legend(canvas, PAD, lines=False) + 4
    plot_top = y
    body: list[str] = []
    for index, (_key, label) in enumerate(chart.categories):
        wrapped = _wrap(label, WIDTH - 2 * PAD, FONT)
        for number, text in enumerate(wrapped):
            canvas.label(PAD, y + 14 + number * LINE, text, "chart__category")
        y += len(wrapped) * LINE + 4
        for s_index, series in enumerate(chart.series):
            cell = series.values[index]
            style = _style(s_index)
            baseline = y + bar / 2 + SMALL * 0.35
            if cell.suppressed:
                canvas.number(origin + 4, baseline, suppressed_mark, "chart__suppressed")
            elif cell.value is None:
                canvas.number(origin + 4, baseline, "–", "chart__value")
            else:
                value = published_value(cell.value, chart.unit)
                text = format_value(value, chart.unit)
                length = max(0.0, value) / top * room
                title = _el("title", _esc(f"{label}, {series.label}: {text}"))
                body.append(
                    canvas.rect(
                        origin,
                        y,
                        length,
                        bar,
                        title,
                        class_=f"chart__bar chart__bar--{style}",
                        fill=f"url(#{canvas.pattern_id(s_index)})",
                    )
                )
                canvas.number(origin + length + 4, baseline, text, "chart__value")
            y += bar + gap
        y += group_gap - gap
    plot_bottom = y
    grid = []
    for tick in ticks:
        x = canvas.x(origin + tick / top * room)
        grid.append(
            _el(
                "line",
                x1=float(x),
                y1=float(plot_top),
                x2=float(x),
                y2=float(plot_bottom),
                class_="chart__grid" if tick else "chart__axis",
            )
        )
        canvas.number(
            origin + tick / top * room,
            plot_bottom + 16,
            format_value(tick, chart.unit),
            "chart__tick",
            "middle",
        )
    # Grid lines first, then the bars, then the texts on top.
    canvas.parts[0:0] = grid + body
    canvas.label(
        origin + room / 2, plot_bottom + 36, unit_name(chart.unit), "chart__unit", "middle", SMALL
    )
    return plot_bottom + 44


def _lines(canvas: _Canvas) -> float:
    chart = canvas.chart
    height = 200
    y = _legend(canvas, PAD, lines=True) + 4
    canvas.label(PAD, y + 12, unit_name(chart.unit), "chart__unit", "start", SMALL)
    plot_top = y + 28
    plot_bottom = plot_top + height
    ticks = nice_ticks(_maximum(chart), chart.unit, height, lambda _t: SMALL * 1.6)
    top = ticks[-1] or 1
    tick_width = max(_text_width(format_value(t, chart.unit), SMALL) for t in ticks)
    labels = [str(label) for _key, label in chart.categories]
    widest = max([_text_width(text, SMALL) for text in labels] or [0])
    left = PAD + max(tick_width + 8, 26, widest / 2)
    right = WIDTH - PAD - max(12, widest / 2)
    count = len(chart.categories)
    step = (right - left) / (count - 1) if count > 1 else 0

    def x_of(index: int) -> float:
        return (left + right) / 2 if count == 1 else left + index * step

    def y_of(value: float) -> float:
        return plot_bottom - max(0.0, value) / top * height

    for tick in ticks:
        y_tick = y_of(tick)
        canvas.parts.append(
            _el(
                "line",
                x1=float(canvas.x(left)),
                y1=float(y_tick),
                x2=float(canvas.x(right)),
                y2=float(y_tick),
                class_="chart__grid" if tick else "chart__axis",
            )
        )
        canvas.number(
            left - 6, y_tick + SMALL * 0.35, format_value(tick, chart.unit), "chart__tick", "end"
        )

    # Month labels: every k-th, so that they do not overlap.
    every = 1 if count <= 1 or step >= widest + 6 else math.ceil((widest + 6) / step)
    for index, text in enumerate(labels):
        if index % every == 0:
            canvas.label(x_of(index), plot_bottom + 16, text, "chart__tick", "middle", SMALL)
            canvas.parts.append(
                _el(
                    "line",
                    x1=float(canvas.x(x_of(index))),
                    y1=float(plot_bottom),
                    x2=float(canvas.x(x_of(index))),
                    y2=float(plot_bottom + 4),
                    class_="chart__axis",
                )
            )

    for s_index, series in enumerate(chart.series):
        style = _style(s_index)
        segment: list[str] = []
        segments: list[list[str]] = []
        for index, cell in enumerate(series.values):
            if cell.known:
                value = published_value(cell.value, chart.unit)
                segment.append(f"{_n(canvas.x(x_of(index)))},{_n(y_of(value))}")
            else:
                segments.append(segment)
                segment = []
        segments.append(segment)
        for points in segments:
            if len(points) > 1:
                canvas.parts.append(
                    _el(
                        "polyline",
                        points=" ".join(points),
                        class_=f"chart__line chart__line--{style}",
                        stroke_dasharray=DASHES[style],
                        fill="none",
                    )
                )
    for s_index, series in enumerate(chart.series):
        style = _style(s_index)
        for index, cell in enumerate(series.values):
            if cell.known:
                value = published_value(cell.value, chart.unit)
                text = format_value(value, chart.unit)
                canvas.parts.append(
                    _marker(
                        MARKERS[style],
                        canvas.x(x_of(index)),
                        y_of(value),
                        f"chart__point chart__point--{style}",
                        f"{labels[index]}, {series.label}: {text}",
                    )
                )

    # Hidden values: a row per series under the axis, its marker at the start, "< 5" under
    # each month concerned (alternating two heights where months are close together).
    y = plot_bottom + 34
    mark = f"< {MIN_GROUP}"
    mark_width = _text_width(mark, SMALL)
    for s_index, series in enumerate(chart.series):
        hidden = [index for index, cell in enumerate(series.values) if cell.suppressed]
        if not hidden:
            continue
        style = _style(s_index)
        staggered = count > 1 and step < mark_width + 4
        if len(chart.series) > 1:
            canvas.parts.append(
                _marker(
                    MARKERS[style],
                    canvas.x(PAD + 5),
                    y + 4,
                    f"chart__point chart__point--{style} chart__key",
                )
            )
        for index in hidden:
            offset = SMALL + 2 if staggered and index % 2 else 0
            canvas.number(x_of(index), y + 8 + offset, mark, "chart__suppressed", "middle")
        y += (2 * SMALL + 10) if staggered else SMALL + 10
    return y + 4


def render_svg(chart: Chart, rtl: bool = False) -> Markup:
    """The chart as inline SVG: <title> and <desc> name it for screen readers; the data table
    beside it carries the numbers for everyone who cannot see the picture."""
    canvas = _Canvas(chart, rtl)
    prefix = canvas.prefix
    if not chart.categories or not chart.series:
        canvas.label(PAD, PAD + 16, _("No figures to show."), "chart__legend")
        height = PAD + 28
    elif chart.kind == ChartKind.LINES:
        height = _lines(canvas)
    else:
        height = _bars(canvas)
    defs = Markup("")
    if chart.kind == ChartKind.BARS and chart.series:
        defs = _el(
            "defs", _join(_pattern(prefix, s) for s in range(min(STYLES, len(chart.series))))
        )
    header = _el("title", _esc(chart.title), id=f"{prefix}-title") + _el(
        "desc", _esc(chart.description), id=f"{prefix}-desc"
    )
    svg = _el(
        "svg",
        header + defs + _join(canvas.parts),
        xmlns="http://www.w3.org/2000/svg",
        class_=f"chart__svg chart__svg--{chart.kind}",
        role="img",
        aria_labelledby=f"{prefix}-title {prefix}-desc",
        viewBox=f"0 0 {WIDTH} {_n(math.ceil(height))}",
        width="100%",
        font_size=FONT,
    )
    return svg
