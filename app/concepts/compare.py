"""Comparing two versions of an action concept item by item (items keep their key across
versions): what was added, removed or changed, with word differences for changed texts."""

from dataclasses import dataclass, field

from app.concepts.models import ConceptItem, ConceptVersion
from app.proposals.diff import word_diff

# Texts compared word by word; status, field of action and links are compared as values.
TEXTS = ("title", "description", "responsible", "timeframe")


@dataclass
class ItemChange:
    kind: str  # "added", "removed", "changed"
    old: ConceptItem | None
    new: ConceptItem | None
    # text name -> the new text with <del>/<ins> marks, for the texts that changed
    differences: dict = field(default_factory=dict)
    status_changed: bool = False
    field_changed: bool = False
    links_changed: bool = False

    @property
    def item(self) -> ConceptItem:
        return self.new or self.old


def _links(item: ConceptItem) -> tuple[set[int], set[int]]:
    return {p.id for p in item.proposals}, {p.id for p in item.projects}


def compare(old: ConceptVersion, new: ConceptVersion) -> list[ItemChange]:
    """Changes from `old` to `new`, in the order of the new version (removed items last)."""
    old_items = {item.key: item for item in old.items}
    new_items = {item.key: item for item in new.items}
    changes: list[ItemChange] = []
    for key, item in new_items.items():
        before = old_items.get(key)
        if before is None:
            changes.append(ItemChange("added", None, item))
            continue
        change = ItemChange(
            "changed",
            before,
            item,
            differences={
                name: word_diff(getattr(before, name) or "", getattr(item, name) or "")
                for name in TEXTS
                if getattr(before, name) != getattr(item, name)
            },
            status_changed=before.status != item.status,
            field_changed=before.field_of_action_id != item.field_of_action_id,
            links_changed=_links(before) != _links(item),
        )
        if (
            change.differences
            or change.status_changed
            or change.field_changed
            or (change.links_changed)
        ):
            changes.append(change)
    changes.extend(
        ItemChange("removed", item, None) for key, item in old_items.items() if key not in new_items
    )
    return changes
