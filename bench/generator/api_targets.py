"""The read API's paths for the load driver, computed from the database itself.

They are derived on every run (generated or reused), so a database generated before the API
existed gets them too. `api_proposals_deep` starts 40 proposals before the end of the public list
(newest first): with keyset pagination it should cost what the first page costs.
"""

from sqlalchemy import text

from app.api.pagination import encode_cursor
from app.api.proposals import ORDERS

_FORTY_FROM_THE_END = text(
    "SELECT c.id FROM contributions c JOIN consultations k ON k.id = c.consultation_id "
    "WHERE c.kind = 'proposal' AND c.moderation_state = 'published' "
    "AND k.state IN ('published', 'archived') ORDER BY c.id LIMIT 1 OFFSET 40"
)

_NEWEST = text("SELECT MAX(id) FROM contributions WHERE kind = 'proposal'")


def api_paths(connection, biggest_consultation_id: int) -> dict[str, str]:
    near_end = connection.execute(_FORTY_FROM_THE_END).scalar()
    if near_end is None:  # a small database: start after the newest
        near_end = connection.execute(_NEWEST).scalar_one()
    cursor = encode_cursor(ORDERS["newest"], (near_end,))
    return {
        "api_proposals": "/api/v1/proposals",
        "api_proposals_deep": f"/api/v1/proposals?cursor={cursor}",
        "api_proposals_consultation": f"/api/v1/proposals?consultation={biggest_consultation_id}",
    }
