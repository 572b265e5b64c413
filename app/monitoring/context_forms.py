"""The form for one context indicator. Validate only; the services decide and write.

Numbers are typed as people write them: "23,4" or "23.4" (comma or point as the decimal
separator), digits of any script ("٢٣٫٤"), spaces between groups of three digits. Points or
commas between groups of digits are not read as thousands separators: "254.000" would mean
254 to half of the readers, so a number of persons with a separator is refused and the
message says how to type it.
"""

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from babel.numbers import get_decimal_symbol
from flask_babel import LazyString, get_locale, gettext
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional, ValidationError

from app.core.forms import length, no_control_characters, required, strip_filter
from app.core.i18n import _l
from app.monitoring import context_services
from app.monitoring.context import CONTEXT_INDICATORS, Unit, context_kind
from app.organisations.forms import web_address

YEAR = _l("Please enter a year as a number, for example 2023.")
NUMBER = _l("Please enter a number, for example 23,4.")

# What may stand between groups of three digits: spaces, no-break spaces, narrow no-break spaces.
_GROUP_SPACES = {" ", "\u00a0", "\u202f"}
# Decimal separators: point, comma, the Arabic decimal separator.
_DECIMAL_SEPARATORS = {".", ",", "\u066b"}
_MINUS_SIGNS = {"-", "\u2212"}
_NUMBER = re.compile(r"(-?)(\d{1,3}(?: \d{3})+|\d+)?(?:\.(\d*))?")


def parse_number(text: str | None) -> Decimal | None:
    """The number typed in `text`, or None when it is not one.

    >>> parse_number("23,4"), parse_number("1 234"), parse_number("٢٣٫٤")
    (Decimal('23.4'), Decimal('1234'), Decimal('23.4'))
    """
    if not text:
        return None
    plain = []
    for char in text.strip():
        if char in _GROUP_SPACES:
            plain.append(" ")
        elif char in _DECIMAL_SEPARATORS:
            plain.append(".")
        elif char in _MINUS_SIGNS:
            plain.append("-")
        elif char.isdigit():
            digit = unicodedata.decimal(char, None)  # "²" is a digit but no decimal digit
            if digit is None:
                return None
            plain.append(str(digit))
        else:
            return None
    match = _NUMBER.fullmatch("".join(plain))
    if not match or not (match.group(2) or match.group(3)):
        return None
    whole = (match.group(2) or "0").replace(" ", "")
    fraction = match.group(3)
    try:
        return Decimal(
            f"{match.group(1)}{whole}" + (f".{fraction}" if fraction is not None else "")
        )
    except InvalidOperation:  # pragma: no cover - the pattern admits only plain numbers
        return None


def input_text(value: float, unit: str, decimal_symbol: str = ".") -> str:
    """A stored value as the form shows it for editing ("23,4" in German, "254000")."""
    if unit == Unit.PERSONS:
        return str(round(value))
    return f"{Decimal(str(value)).normalize():f}".replace(".", decimal_symbol)


def _unit_label(key: str) -> LazyString:
    kind = CONTEXT_INDICATORS[key]
    if kind.unit == Unit.PERCENT:
        return LazyString(lambda: gettext("%(name)s (per cent)", name=kind.name))
    return LazyString(lambda: gettext("%(name)s (number of persons)", name=kind.name))


def indicator_choices() -> list[SelectChoice]:
    return [SelectChoice(key, _unit_label(key)) for key in CONTEXT_INDICATORS]


class ContextIndicatorForm(FlaskForm):
    indicator = SelectField(
        _l("Figure"),
        choices=indicator_choices(),
        invalid_choice_message=_l("Please choose a figure from the list."),
    )
    year = IntegerField(
        _l("Year"),
        validators=[required(YEAR)],
        invalid_value_message=YEAR,
        description=_l("The year the figure describes, for example 2023 for the Mikrozensus 2023."),
        render_kw={"inputmode": "numeric", "autocomplete": "off"},
    )
    value = StringField(
        _l("Value"),
        validators=[required(NUMBER), length(max=40)],
        filters=[strip_filter],
        description=_l(
            "Shares in per cent with at most one decimal place, for example 23,4 (comma or "
            "point). Numbers of persons as whole numbers without points, for example 254000."
        ),
        render_kw={"inputmode": "decimal", "autocomplete": "off", "dir": "ltr"},
    )
    source = StringField(
        _l("Source"),
        validators=[
            required(_l("Please name the source of the figure.")),
            length(max=context_services.MAX_SOURCE),
            no_control_characters,
        ],
        filters=[strip_filter],
        description=_l(
            "Who published the figure, and where. For example: Hessisches Statistisches "
            "Landesamt, Mikrozensus 2023."
        ),
        render_kw={"autocomplete": "off", "dir": "auto"},
    )
    source_url = StringField(
        _l("Web address of the source (optional)"),
        validators=[Optional(), length(max=context_services.MAX_SOURCE_URL), web_address],
        filters=[strip_filter],
        render_kw={"type": "url", "inputmode": "url", "autocomplete": "off", "dir": "ltr"},
    )
    note = TextAreaField(
        _l("Note (optional)"),
        validators=[Optional(), length(max=context_services.MAX_NOTE), no_control_characters],
        filters=[strip_filter],
        description=_l("For example how the figure is defined, or what it does not include."),
        render_kw={"rows": 3, "dir": "auto"},
    )

    @property
    def number(self) -> Decimal | None:
        return parse_number(self.value.data)

    def validate_year(self, field) -> None:
        problem = context_services.year_problem(field.data)
        if field.data is not None and problem:
            raise ValidationError(problem)

    def validate_value(self, field) -> None:
        number = parse_number(field.data)
        if number is None:
            raise ValidationError(NUMBER)
        kind = context_kind(self.indicator.data)
        # Without a known figure there is no unit to check against; the select says so.
        problem = context_services.value_problem(kind.unit if kind else "", number)
        if problem:
            raise ValidationError(problem)

    def details(self) -> context_services.ContextDetails:
        return context_services.ContextDetails(
            key=self.indicator.data,
            year=self.year.data,
            value=self.number,
            source=self.source.data or "",
            source_url=self.source_url.data or "",
            note=self.note.data or "",
        )

    def fill(self, indicator) -> None:
        """Show a stored figure for editing."""
        self.indicator.data = indicator.key
        self.year.data = indicator.year
        kind = context_kind(indicator.key)
        self.value.data = input_text(
            indicator.value,
            kind.unit if kind else Unit.PERCENT,
            get_decimal_symbol(get_locale()),
        )
        self.source.data = indicator.source
        self.source_url.data = indicator.source_url
        self.note.data = indicator.note
