"""The column names of the open-data datasets as published: a test compares the registry with
these lists, so a renamed or dropped column fails instead of breaking someone's import."""

LANGUAGE_CODES = ("de", "en", "tr", "ar", "fa", "pl", "ru", "uk")


def per_language(name: str) -> list[str]:
    return [f"{name}_{code}" for code in LANGUAGE_CODES]


AUTHOR = [
    "author_display_name",
    "organisation_id",
    "organisation_name",
    "on_site_event_name",
    "on_site_event_place",
    "on_site_event_held_on",
]

PUBLIC_COLUMNS = {
    "regions": [
        "slug",
        "kind",
        *per_language("name"),
        *per_language("description"),
        "field_of_action_slugs",
        "updated_at",
    ],
    "fields_of_action": [
        "slug",
        "position",
        *per_language("name"),
        *per_language("description"),
        "updated_at",
    ],
    "consultations": [
        "id",
        "region_slug",
        "state",
        *per_language("title"),
        *per_language("summary"),
        *per_language("description"),
        "easy_language_summary",
        "field_of_action_slugs",
        "moderation",
        "voting",
        "information_starts_at",
        "information_ends_at",
        "proposals_starts_at",
        "proposals_ends_at",
        "discussion_starts_at",
        "discussion_ends_at",
        "voting_starts_at",
        "voting_ends_at",
        "results_starts_at",
        "results_ends_at",
        "published_at",
        "archived_at",
        "proposal_count",
    ],
    "proposals": [
        "id",
        "consultation_id",
        "region_slug",
        "title",
        "text",
        "language",
        "field_of_action_slug",
        "status",
        *AUTHOR,
        "created_at",
        "edited_at",
        "votes_for",
        "votes_against",
        "comment_count",
    ],
    "official_responses": ["id", "proposal_id", "status", "text", "answered_at"],
    "comments": [
        "id",
        "proposal_id",
        "consultation_id",
        "parent_id",
        "text",
        "removed",
        "language",
        "stance",
        *AUTHOR,
        "created_at",
        "edited_at",
    ],
    "statements": [
        "id",
        "consultation_id",
        "region_slug",
        "organisation_id",
        "organisation_name",
        "title",
        "text",
        "language",
        "author_display_name",
        "created_at",
        "edited_at",
    ],
    "organisations": [
        "id",
        "name",
        "kind",
        "region_slugs",
        "field_of_action_slugs",
        *per_language("description"),
        "website",
        "verified_at",
    ],
}
