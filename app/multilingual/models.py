"""Translations of contributions into other UI languages.

A translation is a contribution of its own (kind "translation"): it has its translator as
author, its language, a moderation state, reports and decisions, exactly like the original.
`Contribution.translation_of_id` points to the original; the database keeps one translation per
original and language.
"""

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.models import Contribution


class ContributionTranslation(Contribution):
    __tablename__ = "contribution_translations"

    id: Mapped[int] = mapped_column(
        ForeignKey("contributions.id", ondelete="CASCADE"), primary_key=True
    )
    # Proposals and statements have a title; comments do not.
    title: Mapped[str | None] = mapped_column(String(160), nullable=True)

    original = relationship(
        Contribution,
        primaryjoin="ContributionTranslation.translation_of_id == Contribution.id",
        foreign_keys="ContributionTranslation.translation_of_id",
        remote_side="Contribution.id",
        lazy="joined",
    )

    __mapper_args__ = {
        "polymorphic_identity": "translation",
        "inherit_condition": id == Contribution.id,
    }

    def is_outdated(self) -> bool:
        """Was the original edited after this translation was written or last edited?"""
        changed = self.original.edited_at
        return changed is not None and changed > (self.edited_at or self.created_at)
