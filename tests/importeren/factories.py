"""Factories and helpers for import tests (the registry's own factories are reused)."""

from tests.hulpvragen.factories import ResidentFactory, category, ensure_defaults
from tests.sociale_kaart.factories import OrganisationFactory
from tests.vrijwilligers.factories import VolunteerFactory

__all__ = [
    "OrganisationFactory",
    "ResidentFactory",
    "VolunteerFactory",
    "category",
    "ensure_defaults",
]
