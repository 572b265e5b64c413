"""Regions (model regions and Kompetenzkreis members) and the catalogue of fields of action."""

from sqlalchemy import Boolean, CheckConstraint, Column, ForeignKey, Integer, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.models import TimestampMixin, Translated, TranslatedJSON
from app.extensions import db


class RegionKind:
    MODEL_REGION = "model_region"
    KOMPETENZKREIS = "kompetenzkreis"
    ALL = (MODEL_REGION, KOMPETENZKREIS)


region_fields_of_action = Table(
    "region_fields_of_action",
    db.metadata,
    Column("region_id", ForeignKey("regions.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "field_of_action_id",
        ForeignKey("fields_of_action.id", ondelete="CASCADE"),
        primary_key=True,
    ),
)


class FieldOfAction(TimestampMixin, db.Model):
    """A Handlungsfeld: one catalogue shared by all regions."""

    __tablename__ = "fields_of_action"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True, nullable=False)
    name: Mapped[dict] = mapped_column(TranslatedJSON, nullable=False, default=dict)
    description: Mapped[dict] = mapped_column(TranslatedJSON, nullable=False, default=dict)
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    is_active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)

    regions: Mapped[list["Region"]] = relationship(
        secondary=region_fields_of_action, back_populates="fields_of_action"
    )

    def title(self, language: str | None = None) -> Translated:
        return Translated(self.name, language)

    def summary(self, language: str | None = None) -> Translated:
        return Translated(self.description, language)


class Region(TimestampMixin, db.Model):
    __tablename__ = "regions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True, nullable=False)
    kind: Mapped[str] = mapped_column(String(20), nullable=False)
    name: Mapped[dict] = mapped_column(TranslatedJSON, nullable=False, default=dict)
    description: Mapped[dict] = mapped_column(TranslatedJSON, nullable=False, default=dict)
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)

    fields_of_action: Mapped[list[FieldOfAction]] = relationship(
        secondary=region_fields_of_action,
        back_populates="regions",
        order_by=FieldOfAction.position,
    )
    role_assignments = relationship(
        "RoleAssignment", back_populates="region", cascade="all, delete-orphan"
    )

    __table_args__ = (
        CheckConstraint("kind IN ('model_region', 'kompetenzkreis')", name="kind_known"),
    )

    @property
    def is_model_region(self) -> bool:
        return self.kind == RegionKind.MODEL_REGION

    def title(self, language: str | None = None) -> Translated:
        return Translated(self.name, language)

    def summary(self, language: str | None = None) -> Translated:
        return Translated(self.description, language)
