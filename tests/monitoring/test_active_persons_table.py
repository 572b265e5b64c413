"""Active persons per region, month and overall are suppressed as one table: a hidden region
cannot be recovered as the total minus the other regions."""

from datetime import date

from app.extensions import db
from app.monitoring.filters import Filters
from app.monitoring.participation import active_persons
from app.monitoring.periods import Period
from app.monitoring.suppression import SUPPRESSED, Cell
from tests.factories import make_region, make_user
from tests.monitoring.builders import at
from tests.participation_builders import consultation, proposal

FIRST_QUARTER = Filters(Period(date(2026, 1, 1), date(2026, 3, 1)))


def active_in(region, count: int, month: int) -> None:
    place = consultation(phase="discussion", region=region)
    for _ in range(count):
        proposal(place, make_user(), created_at=at(2026, month, 10))


def test_a_small_region_is_hidden_with_a_partner_so_the_total_does_not_reveal_it():
    small, middle, large = make_region(), make_region(), make_region()
    active_in(small, 3, 1)
    active_in(middle, 6, 1)
    active_in(large, 9, 1)
    db.session.commit()

    table = active_persons(FIRST_QUARTER)

    assert table.grand_total == Cell(18)
    assert table.row_totals[small.id] == SUPPRESSED
    # The smallest other region is hidden too: 18 - 9 leaves 6 + 3 together, not 3.
    assert table.row_totals[middle.id] == SUPPRESSED
    assert table.row_totals[large.id] == Cell(9)
    # The same within the month (all three took part in January only).
    assert table.column_totals["2026-01"] == Cell(18)
    assert table.cells[(small.id, "2026-01")] == SUPPRESSED
    assert table.cells[(middle.id, "2026-01")] == SUPPRESSED
    assert table.column_totals["2026-02"] == Cell(0)


def test_regions_of_five_and_more_are_all_shown_per_region_and_month():
    first, second = make_region(), make_region()
    active_in(first, 5, 1)
    active_in(second, 7, 2)
    db.session.commit()

    table = active_persons(FIRST_QUARTER)

    assert table.row_totals == {first.id: Cell(5), second.id: Cell(7)}
    assert table.cells[(first.id, "2026-01")] == Cell(5)
    assert table.cells[(second.id, "2026-02")] == Cell(7)
    assert table.cells[(first.id, "2026-02")] == Cell(0)
    assert table.grand_total == Cell(12)


def test_the_dashboard_takes_its_active_persons_from_the_table(client):
    small, large = make_region(kind="model_region"), make_region(kind="model_region")
    active_in(small, 2, 1)
    active_in(large, 8, 1)
    db.session.commit()

    page = client.get(
        "/monitoring/?from=2026-01&to=2026-03", headers={"Accept-Language": "en"}
    ).get_data(as_text=True)
    csv_text = client.get("/monitoring/charts/active-persons.csv?from=2026-01&to=2026-03").get_data(
        as_text=True
    )

    # Both regions hidden (the total of 10 is shown): neither 2 nor 8 is published.
    rows = csv_text.strip().splitlines()[1:]
    assert len(rows) == 2
    assert all(row.endswith(",,true") for row in rows)
    assert "fewer than 5" in page
