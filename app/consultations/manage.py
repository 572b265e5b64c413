"""Coordinators' pages: create, edit, schedule, publish and archive consultations."""

from app.consultations import bp  # noqa: F401
