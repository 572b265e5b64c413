"""What a monitoring page or download is about: a period of whole months and, optionally, one
field of action. Built from query parameters, never failing: bad values give the defaults."""

from dataclasses import dataclass

from app.monitoring.periods import Period

DIMENSIONS = ("region", "month", "consultation", "field")


def _is_number(text: str) -> bool:
    # ASCII only: "²".isdigit() is true, yet int("²") fails.
    return text.isascii() and text.isdigit() and len(text) <= 9


@dataclass(frozen=True)
class Filters:
    period: Period
    field_of_action_id: int | None = None

    @classmethod
    def from_args(cls, args, known_field_ids: set[int]) -> "Filters":
        """From `?from=YYYY-MM&to=YYYY-MM&field=<id>`; an unknown field is ignored."""
        period = Period.from_args(args.get("from"), args.get("to"))
        field = args.get("field", "")
        field_id = int(field) if _is_number(field) and int(field) in known_field_ids else None
        return cls(period, field_id)

    def cache_key(self, *parts) -> tuple:
        return (self.period.first, self.period.last, self.field_of_action_id, *parts)

    def query_args(self) -> dict:
        args = self.period.query_args()
        if self.field_of_action_id is not None:
            args["field"] = self.field_of_action_id
        return args
